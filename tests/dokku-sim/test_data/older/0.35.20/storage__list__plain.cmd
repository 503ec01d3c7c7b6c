# plugins/storage/internal-functions cmd-storage-list: without --format text, no header and no indent
apps:create a1
storage:mount a1 /var/lib/dokku/data/storage/a1:/data
storage:list a1
