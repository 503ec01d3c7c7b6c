# plugins/ps/report.go: procfile triplet with the global default, restart policy from the docker option
apps:create a1
ps:report a1
