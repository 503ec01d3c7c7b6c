# plugins/scheduler-docker-local/internal-functions: disable-chown first before v0.34.0
apps:create a1
scheduler-docker-local:report a1
