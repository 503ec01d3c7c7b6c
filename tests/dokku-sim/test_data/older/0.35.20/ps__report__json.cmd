# plugins/ps/report.go and common.go ReportSingleApp at v0.35.20: JSON keys are the flags without --
apps:create a1
ps:report a1 --format json
