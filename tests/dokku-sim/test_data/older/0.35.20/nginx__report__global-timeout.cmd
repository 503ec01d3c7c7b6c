# plugins/nginx-vhosts/src/nginx-property/nginx-property.go globalValue: client-body-timeout prints the computed value (the app's)
apps:create a1
nginx:set a1 client-body-timeout 30s
nginx:report a1 --nginx-global-client-body-timeout
