//! What the nginx-vhosts plugin prints and "writes" when an app's proxy config is rebuilt
//! (`nginx_build_config`, run by the `post-domains-update` and `post-proxy-ports-update`
//! triggers). The simulated server never has running containers, so an app's only possible web
//! listener is its `static-web-listener`. (For an app declared deployed with one, Dokku would
//! render a config with that upstream; the simulator does not model that and builds nothing, as
//! for an app that is not deployed.)

use crate::invocation::Invocation;
use crate::plugins::{app_domains, effective_port_maps, is_proxy_enabled, proxy_type, web_listeners};

/// Runs `nginx_build_config <app>`.
pub(crate) fn build(inv: &mut Invocation<'_>, app: &str) {
    if proxy_type(inv, app) != "nginx" {
        return;
    }
    if !is_proxy_enabled(inv, app) {
        inv.out.info1(&format!("Nginx support is disabled for app ({app})"));
        let had_conf = inv.state.apps.get_mut(app).and_then(|a| a.nginx_conf.take()).is_some();
        if had_conf {
            inv.out.info1("Deleting nginx.conf");
        }
        return;
    }
    crate::plugins::configure_ports(inv, app);
    let mut http_maps = Vec::new();
    for map in effective_port_maps(inv, app) {
        if map.scheme == "https" {
            inv.out.warn(&format!(
                "Ignoring detected https port mapping without an accompanying ssl certificate ({map})"
            ));
            continue;
        }
        http_maps.push(map);
    }
    // `network-get-listeners`: with listeners (a static web listener) an app that is not
    // deployed gets no config at all; without, the warning and a config of 502 answers.
    if !web_listeners(inv, app).is_empty() {
        return;
    }
    if !inv.out.quiet {
        inv.out.warn(&format!("No web listeners specified for {app}"));
    }
    if http_maps.is_empty() {
        return;
    }
    let mut domains = app_domains(inv, app);
    domains.sort();
    domains.dedup();
    for domain in &domains {
        inv.out.info1(&format!("Configuring {domain}...(using built-in template)"));
    }
    let conf = render(inv, app, &domains, &http_maps);
    inv.out.info1("Creating http nginx.conf");
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.nginx_conf = Some(conf);
    }
    inv.out.verbose("Reloading nginx");
}

/// The built-in `nginx.conf.sigil` rendered for an app without listeners: one server block per
/// http mapping, each answering 502.
fn render(inv: &Invocation<'_>, app: &str, domains: &[String], maps: &[crate::plugins::PortMap]) -> String {
    let setting = |key: &str, default: &str| inv.state.computed_property(app, "nginx", key, default);
    let access_log = setting("access-log-path", &format!("/var/log/nginx/{app}-access.log"));
    let error_log = setting("error-log-path", &format!("/var/log/nginx/{app}-error.log"));
    let mut conf = String::new();
    for map in maps {
        let server_name = domains.join(" ");
        conf.push_str(&format!(
            "\nserver {{\n  \n  listen      [::]:{port};\n  listen      {port};\n  \n  \n  server_name {server_name}; \n  access_log  {access_log};\n  error_log   {error_log};\n  underscores_in_headers {underscores};\n\n  client_body_timeout {body};\n  client_header_timeout {header};\n  keepalive_timeout {keepalive};\n  lingering_timeout {lingering};\n  send_timeout {send};\n\n  \n\n  location    / {{\n\n    return 502;\n\n  }}\n\n  client_max_body_size {max_body};\n",
            port = map.host_port,
            underscores = setting("underscore-in-headers", "off"),
            body = setting("client-body-timeout", "60s"),
            header = setting("client-header-timeout", "60s"),
            keepalive = setting("keepalive-timeout", "75s"),
            lingering = setting("lingering-timeout", "5s"),
            send = setting("send-timeout", "60s"),
            max_body = setting("client-max-body-size", "1m"),
        ));
        conf.push_str(ERROR_PAGES);
        conf.push_str(&format!("\n  \n  include /home/dokku/{app}/nginx.conf.d/*.conf;\n\n}}\n"));
    }
    conf
}

/// The error-page section of the built-in template.
const ERROR_PAGES: &str = "\n  error_page 400 401 402 403 405 406 407 408 409 410 411 412 413 414 415 416 417 418 420 422 423 424 426 428 429 431 444 449 450 451 /400-error.html;\n  location /400-error.html {\n    root /var/lib/dokku/data/nginx-vhosts/dokku-errors;\n    internal;\n  }\n\n  error_page 404 /404-error.html;\n  location /404-error.html {\n    root /var/lib/dokku/data/nginx-vhosts/dokku-errors;\n    internal;\n  }\n\n  \n  error_page 500 501 502 503 504 505 506 507 508 509 510 511 /500-error.html;\n  \n  location /500-error.html {\n    root /var/lib/dokku/data/nginx-vhosts/dokku-errors;\n    internal;\n  }\n";
