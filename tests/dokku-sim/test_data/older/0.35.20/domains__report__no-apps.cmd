# plugins/common/functions dokku_apps: no app fails
domains:report
