# plugins/builds arrived in v0.38.0: not a dokku command
apps:create a1
builds:report a1
