# plugins/nginx-vhosts nginx-property globalValue: GlobalProxyBufferSize falls back to the page size
apps:create a1
nginx:report a1 --nginx-global-proxy-buffer-size
