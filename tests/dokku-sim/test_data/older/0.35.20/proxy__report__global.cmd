# plugins/common/common.go ParseReportArgs: --global is an info flag before 0.38.0
apps:create a1
proxy:report --global
