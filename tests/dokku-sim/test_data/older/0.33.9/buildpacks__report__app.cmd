# main script DOKKU_IMAGE gliderlabs/herokuish:latest-22 (v0.33.x, v0.34.x)
apps:create a1
buildpacks:report a1
