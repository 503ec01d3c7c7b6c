# plugins/caddy-vhosts/command-functions and internal-functions: bare global keys with defaults, Dockerfile FROM caddy-docker-proxy:2.9
caddy:set --global letsencrypt-email ops@example.com
apps:create a1
caddy:report a1
