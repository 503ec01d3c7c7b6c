# <proxy>:labels:* arrived in v0.37.0
apps:create a1
caddy:labels:show a1
