# plugins/proxy/report.go and common.go ReportSingleApp: trimPrefix false, the computed type is the global one
apps:create a1
proxy:set a1 caddy
proxy:report a1 --format json
