# plugins/domains/internal-functions: the one bash report with a Global block
domains:set-global example.com
domains:report --global
