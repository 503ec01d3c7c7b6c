# plugins/logs/report.go: no app-label-alias before v0.35.14, vector image timberio/vector:0.36.1-debian, sinks raw
logs:set --global vector-sink console://?encoding[codec]=json
apps:create a1
logs:report a1
