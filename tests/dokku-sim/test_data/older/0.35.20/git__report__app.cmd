# plugins/git/internal-functions: the app's own branch or master, never the global one
git:set --global deploy-branch main
apps:create a1
git:report a1
