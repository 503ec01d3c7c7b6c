# plugins/app-json/report.go: appjson-path values under the selected keys
apps:create a1
app-json:report a1
