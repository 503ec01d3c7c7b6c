# plugins/checks/internal-functions: an empty value fails with not deployed
apps:create a1
checks:report a1 --checks-wait-to-retire
