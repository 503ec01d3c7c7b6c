# plugins/checks/internal-functions: --format is the info flag, the valid flags space-joined
apps:create a1
checks:report a1 --format json
