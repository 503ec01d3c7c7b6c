# plugins/storage/internal-functions cmd-storage-list: --format text prints the header and indents
apps:create a1
storage:mount a1 /var/lib/dokku/data/storage/a1:/data
storage:list a1 --format text
