# plugins/storage/internal-functions cmd-storage-list and storage-list: jq -M -n [inputs]
apps:create a1
storage:mount a1 /var/lib/dokku/data/storage/a1:/data
storage:mount a1 /tmp/b:/b:ro
storage:list a1 --format json
