# plugins/storage/internal-functions fn-storage-bind-mounts: the -v lines in file order, tr '\n' ' '
apps:create a1
storage:mount a1 /tmp/z:/z
storage:mount a1 /tmp/a:/a
storage:report a1
