# plugins/traefik-vhosts/command-functions: entry points (v0.34.5), the password unmasked, image traefik:3.4.1
traefik:set --global basic-auth-password s3cret
apps:create a1
traefik:report a1
