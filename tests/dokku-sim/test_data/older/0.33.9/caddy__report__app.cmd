# plugins/caddy-vhosts/Dockerfile FROM caddy-docker-proxy:2.8
apps:create a1
caddy:report a1
