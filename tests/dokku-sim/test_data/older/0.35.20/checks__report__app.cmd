# plugins/checks/internal-functions cmd-checks-report-single: bash printf "%-30s %-25s", declaration order, global default 60
checks:set --global wait-to-retire 45
apps:create a1
checks:report a1
