# plugins/traefik-vhosts/command-functions: priority (per app) until v0.34.0, no entry points, image traefik:2.11.0
apps:create a1
traefik:report a1
