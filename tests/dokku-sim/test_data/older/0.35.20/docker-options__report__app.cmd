# plugins/docker-options/internal-functions fn-docker-options (tr '\n' ' '); ps post-create --restart; storage -v lines
apps:create a1
docker-options:add a1 deploy --cpus=1
storage:mount a1 /tmp/z:/z
docker-options:report a1
