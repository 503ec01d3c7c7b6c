//! Dokku 0.38.27's `<plugin>:help` texts (usage and description rows) for the plugins whose
//! help page is not in the captures, taken from the core plugins' help strings (data only).

/// One help page: namespace, description, rows of (usage, description).
pub(crate) type HelpPage = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// The pages.
pub(crate) const HELP_PAGES: &[HelpPage] = &[
    (
        "events",
        "Manage event logging",
        &[
            ("events [-t]", "Show the last events (-t follows)"),
            ("events:list", "List logged events"),
            ("events:off", "Disable events logger"),
            ("events:on", "Enable events logger"),
        ],
    ),
    (
        "app-json",
        "Manage app-json settings for an app",
        &[
            ("app-json:report [<app>] [<flag>]", "Displays a app-json report for one or more apps"),
            ("app-json:set <app> <property> (<value>)", "Set or clear a app-json property for an app"),
        ],
    ),
    (
        "builder-dockerfile",
        "Manage the dockerfile builder integration for an app",
        &[
            (
                "builder-dockerfile:report [<app>] [<flag>]",
                "Displays a builder-dockerfile report for one or more apps",
            ),
            (
                "builder-dockerfile:set <app> <property> (<value>)",
                "Set or clear a builder-dockerfile property for an app",
            ),
        ],
    ),
    (
        "builder-herokuish",
        "Manage the herokuish builder integration for an app",
        &[
            (
                "builder-herokuish:report [<app>] [<flag>]",
                "Displays a builder-herokuish report for one or more apps",
            ),
            (
                "builder-herokuish:set <app> <property> (<value>)",
                "Set or clear a builder-herokuish property for an app",
            ),
        ],
    ),
    (
        "builder-lambda",
        "Manage the lambda builder integration for an app",
        &[
            (
                "builder-lambda:report [<app>] [<flag>]",
                "Displays a builder-lambda report for one or more apps",
            ),
            (
                "builder-lambda:set <app> <property> (<value>)",
                "Set or clear a builder-lambda property for an app",
            ),
        ],
    ),
    (
        "builder-nixpacks",
        "Manage the nixpacks builder integration for an app",
        &[
            (
                "builder-nixpacks:report [<app>] [<flag>]",
                "Displays a builder-nixpacks report for one or more apps",
            ),
            (
                "builder-nixpacks:set <app> <property> (<value>)",
                "Set or clear a builder-nixpacks property for an app",
            ),
        ],
    ),
    (
        "builder-pack",
        "Manage the pack builder integration for an app",
        &[
            ("builder-pack:report [<app>] [<flag>]", "Displays a builder-pack report for one or more apps"),
            (
                "builder-pack:set <app> <property> (<value>)",
                "Set or clear a builder-pack property for an app",
            ),
        ],
    ),
    (
        "builder-railpack",
        "Manage the railpack builder integration for an app",
        &[
            (
                "builder-railpack:report [<app>] [<flag>]",
                "Displays a builder-railpack report for one or more apps",
            ),
            (
                "builder-railpack:set <app> <property> (<value>)",
                "Set or clear a builder-railpack property for an app",
            ),
        ],
    ),
    (
        "builder",
        "Manage builder settings for an app",
        &[
            ("builder:report [<app>] [<flag>]", "Displays a builder report for one or more apps"),
            ("builder:set <app> <property> (<value>)", "Set or clear a builder property for an app"),
        ],
    ),
    (
        "buildpacks",
        "Manage buildpacks settings for an app",
        &[
            (
                "buildpacks:add [--index 1] <app> <buildpack>",
                "Add new app buildpack while inserting into list of buildpacks if necessary",
            ),
            ("buildpacks:clear <app>", "Clear all buildpacks set on the app"),
            (
                "buildpacks:detect <app> [--branch <branch-name>]",
                "Detect the buildpack for an app (if not specified, the branch flag defaults to the deploy branch)",
            ),
            ("buildpacks:list <app>", "List all buildpacks for an app"),
            ("buildpacks:remove <app> <buildpack>", "Remove a buildpack set on the app"),
            ("buildpacks:report [<app>] [<flag>]", "Displays a buildpack report for one or more apps"),
            (
                "buildpacks:set [--index 1] <app> <buildpack>",
                "Set new app buildpack at a given position defaulting to the first buildpack if no index is specified",
            ),
            (
                "buildpacks:set --replace <app> <buildpack> [<buildpack> ...]",
                "Replace the entire ordered buildpack list with the specified buildpacks",
            ),
            (
                "buildpacks:set-property [--global|<app>] <key> <value>",
                "Set or clear a buildpacks property for an app",
            ),
        ],
    ),
    (
        "builds",
        "Manage running and historical builds",
        &[
            ("builds:cancel <app>", "Cancel a running build for an app"),
            ("builds:info <app> <build-id> [--format json|stdout]", "Show details for a single build"),
            ("builds:list [<app>] [--format json] [--kind build|deploy] [--status <status>]", "List builds"),
            ("builds:output <app> [<build-id>|current]", "Show build output"),
            ("builds:prune <app> [--all-apps]", "Prune build records to retention"),
            ("builds:report [<app>] [<flag>]", "Display a build report for one or more apps"),
            ("builds:set [--global|<app>] <key> [<value>]", "Set or clear a builds property"),
        ],
    ),
    (
        "caddy",
        "Manage the caddy proxy integration",
        &[
            ("caddy:labels:add <app> <label> <value>", "Add a label to an caddy app"),
            ("caddy:labels:remove <app> <label>", "Remove a label from an caddy app"),
            ("caddy:labels:show <app> [<label>]", "Show labels for an caddy app"),
            ("caddy:report [<app>] [<flag>]", "Displays an caddy report for one or more apps"),
            (
                "caddy:set [<app>|--global] <property> (<value>)",
                "Set or clear an caddy property for an app or globally",
            ),
            ("caddy:show-config <app>", "Display caddy compose config"),
            ("caddy:start", "Starts the caddy server"),
            ("caddy:stop", "Stops the caddy server"),
        ],
    ),
    (
        "certs",
        "Manage SSL (TLS) certs",
        &[
            (
                "certs:add <app> CRT KEY",
                "Add an ssl endpoint to an app. Can also import from a tarball on stdin",
            ),
            (
                "certs:chain CRT [CRT ...]",
                "[NOT IMPLEMENTED] Print the ordered and complete chain for the given certificate",
            ),
            (
                "certs:generate <app> DOMAIN",
                "Generate a key and certificate signing request (and self-signed certificate)",
            ),
            (
                "certs:key <app> CRT KEY [KEY ...]",
                "[NOT IMPLEMENTED] Print the correct key for the given certificate",
            ),
            ("certs:remove <app>", "Remove an SSL Endpoint from an app"),
            ("certs:report [<app>] [<flag>]", "Displays an ssl report for one or more apps"),
            ("certs:rollback <app>", "[NOT IMPLEMENTED] Rollback an SSL Endpoint for an app"),
            ("certs:show <app> <crt|key>", "Show the server.crt or server.key on stdout"),
            (
                "certs:update <app> CRT KEY",
                "Update an SSL Endpoint on an app. Can also import from a tarball on stdin",
            ),
        ],
    ),
    (
        "checks",
        "Manage zero-downtime settings",
        &[
            (
                "checks:disable <app> [process-type(s)]",
                "Disable zero-downtime deployment for all processes (or comma-separated process-type list) ***WARNING: this will cause downtime during deployments***",
            ),
            (
                "checks:enable <app> [process-type(s)]",
                "Enable zero-downtime deployment for all processes (or comma-separated process-type list)",
            ),
            ("checks:report [<app>] [<flag>]", "Displays a checks report for one or more apps"),
            (
                "checks:run <app> [process-type(s)]",
                "Runs zero-downtime checks for all processes (or comma-separated process-type list)",
            ),
            ("checks:set [--global|<app>] <key> <value>", "Set or clear a logs property for an app"),
            (
                "checks:skip <app> [process-type(s)]",
                "Skip zero-downtime checks for all processes (or comma-separated process-type list)",
            ),
        ],
    ),
    (
        "cron",
        "Manage scheduled cron tasks",
        &[
            ("cron:list <app> [--format json|stdout]", "List scheduled cron tasks for an app"),
            ("cron:report [<app>] [<flag>]", "Display report about an app"),
            ("cron:resume <app> <cron_id>", "Resume a cron task"),
            ("cron:run <app> <cron_id> [--detach] [--ttl-seconds SECONDS]", "Run a cron task on the fly"),
            ("cron:set [--global|<app>] <key> <value>", "Set or clear a cron property for an app"),
            ("cron:suspend <app> <cron_id>", "Suspend a cron task"),
        ],
    ),
    (
        "docker-options",
        "Manage docker options for an app",
        &[
            (
                "docker-options:add <app> <phase(s)> OPTION",
                "Add Docker option to app for phase (comma separated phase list)",
            ),
            (
                "docker-options:clear <app> [phase(s)]",
                "Clear a docker options from application with an optional phase (comma separated phase list)",
            ),
            (
                "docker-options:remove <app> <phase(s)> OPTION",
                "Remove Docker option from app for phase (comma separated phase list)",
            ),
            (
                "docker-options:report [<app>] [<flag>]",
                "Displays a docker options report for one or more apps",
            ),
        ],
    ),
    (
        "domains",
        "Manage domains used by the proxy",
        &[
            ("domains:add <app> <domain> [<domain> ...]", "Add domains to app"),
            ("domains:add-global <domain> [<domain> ...]", "Add global domain names"),
            ("domains:clear <app>", "Clear all domains for app"),
            ("domains:clear-global", "Clear global domain names"),
            ("domains:disable <app>", "Disable VHOST support"),
            ("domains:enable <app>", "Enable VHOST support"),
            ("domains:remove <app> <domain> [<domain> ...]", "Remove domains from app"),
            ("domains:remove-global <domain> [<domain> ...]", "Remove global domain names"),
            ("domains:report [<app>|--global] [<flag>]", "Displays a domains report for one or more apps"),
            ("domains:reset <app>", "Reset app domains to global-configured domains"),
            ("domains:set <app> <domain> [<domain> ...]", "Set domains for app"),
            ("domains:set-global <domain> [<domain> ...]", "Set global domain names"),
        ],
    ),
    (
        "enter",
        "Enter running app containers",
        &[(
            "enter <app> [<container-type> || --container-id <container-id>]",
            "Connect to a specific app container",
        )],
    ),
    (
        "git",
        "Manage app deploys via git",
        &[
            ("git:allow-host <host>", "Adds a host to known_hosts"),
            (
                "git:auth <host> [<username> <password>]",
                "Configures netrc authentication for a given git server",
            ),
            (
                "git:auth-status <host> [<username> <password>]",
                "Reports whether the netrc entry matches the requested state (exit 0 if matches)",
            ),
            (
                "git:from-archive <app> <archive-url> [<git-username> <git-email>]",
                "Updates an app's git repository with a given archive file",
            ),
            (
                "git:from-image <app> <docker-image> [<git-username> <git-email>]",
                "Updates an app's git repository with a given docker image",
            ),
            ("git:generate-deploy-key", "Generates a deploy ssh key"),
            ("git:initialize <app>", "Initialize a git repository for an app"),
            (
                "git:load-image <app> <docker-image> [<git-username> <git-email>]",
                "Updates an app's git repository with a docker image loaded from stdin",
            ),
            ("git:public-key", "Outputs the dokku public deploy key"),
            ("git:report [<app>] [<flag>]", "Displays a git report for one or more apps"),
            ("git:set <app> <property> (<value>)", "Set or clear a git property for an app"),
            ("git:status <app>", "show the working tree status for an app"),
            (
                "git:sync [--build|--build-if-changes] [--skip-deploy-branch] <app> <repository> [<git-ref>]",
                "Clone or fetch an app from remote git repo",
            ),
        ],
    ),
    (
        "haproxy",
        "Manage the haproxy proxy integration",
        &[
            ("haproxy:labels:add <app> <label> <value>", "Add a label to an haproxy app"),
            ("haproxy:labels:remove <app> <label>", "Remove a label from an haproxy app"),
            ("haproxy:labels:show <app> [<label>]", "Show labels for an haproxy app"),
            ("haproxy:report [<app>] [<flag>]", "Displays an haproxy report for one or more apps"),
            ("haproxy:set <app> <property> (<value>)", "Set or clear an haproxy property for an app"),
            ("haproxy:show-config <app>", "Display haproxy compose config"),
            ("haproxy:start", "Starts the haproxy server"),
            ("haproxy:stop", "Stops the haproxy server"),
        ],
    ),
    (
        "logs",
        "Manage log integration for an app",
        &[
            (
                "logs [-h|--help] [-t|--tail] [-n|--num num] [-q|--quiet] [-p|--ps process] <app>",
                "Display recent log output",
            ),
            ("logs:failed [--all|<app>]", "Shows the last failed deploy logs"),
            ("logs:report [<app>] [<flag>]", "Displays a logs report for one or more apps"),
            ("logs:set [--global|<app>] <key> <value>", "Set or clear a logs property for an app"),
            ("logs:vector-logs [--num num] [--tail]", "Display vector log output"),
            ("logs:vector-start", "Start the vector logging container"),
            ("logs:vector-stop", "Stop the vector logging container"),
        ],
    ),
    (
        "network",
        "Manage network settings for an app",
        &[
            ("network:create <network>", "Creates an attachable docker network"),
            ("network:destroy <network>", "Destroys a docker network"),
            ("network:exists <network>", "Checks if a docker network exists"),
            ("network:info <network> [--format text|json]", "Outputs information about a docker network"),
            ("network:list [--format text|json] [--dokku-managed]", "Lists all docker networks"),
            ("network:rebuild <app>", "Rebuilds network settings for an app"),
            ("network:rebuildall", "Rebuild network settings for all apps"),
            ("network:report [<app>] [<flag>]", "Displays a network report for one or more apps"),
            ("network:set <app> <property> (<value>...)", "Set or clear a network property for an app"),
        ],
    ),
    (
        "nginx",
        "Manage the nginx proxy",
        &[
            ("nginx:access-logs <app> [-t]", "Show the nginx access logs for an application (-t follows)"),
            ("nginx:error-logs <app> [-t]", "Show the nginx error logs for an application (-t follows)"),
            ("nginx:reload", "Reloads the nginx server config"),
            ("nginx:report [<app>] [<flag>]", "Displays an nginx report for one or more apps"),
            ("nginx:set <app> <property> (<value>)", "Set or clear an nginx property for an app"),
            ("nginx:show-config <app>", "Display app nginx config"),
            ("nginx:start", "Starts the nginx server"),
            ("nginx:stop", "Stops the nginx server"),
            (
                "nginx:validate-config [<app>] [--clean]",
                "Validates and optionally cleans up invalid nginx configurations",
            ),
        ],
    ),
    (
        "openresty",
        "Manage the openresty proxy integration",
        &[
            ("openresty:labels:add <app> <label> <value>", "Add a label to an openresty app"),
            ("openresty:labels:remove <app> <label>", "Remove a label from an openresty app"),
            ("openresty:labels:show <app> [<label>]", "Show labels for an openresty app"),
            ("openresty:report [<app>] [<flag>]", "Displays an openresty report for one or more apps"),
            ("openresty:set <app> <property> (<value>)", "Set or clear an openresty property for an app"),
            ("openresty:show-config <app>", "Display openresty compose config"),
            ("openresty:start", "Starts the openresty server"),
            ("openresty:stop", "Stops the openresty server"),
        ],
    ),
    (
        "plugin",
        "Manage installed plugins",
        &[
            ("plugin:disable <name>", "Disable an installed plugin (third-party only)"),
            ("plugin:enable <name>", "Enable a previously disabled plugin"),
            (
                "plugin:install [--core|--git-url] [--committish branch|commit|commit] [--name custom-plugin-name] [--skip-install-trigger]",
                "Optionally download git-url (and pin to the specified branch/commit/tag) & run install trigger for active plugins (or only core ones)",
            ),
            (
                "plugin:install-dependencies [--core]",
                "Run install-dependencies trigger for active plugins (or only core ones)",
            ),
            ("plugin:list [--format stdout|json]", "Print active plugins"),
            ("plugin:trigger <args...>", "Trigger an arbitrary plugin hook"),
            ("plugin:uninstall <name>", "Uninstall a plugin (third-party only)"),
            (
                "plugin:update [name [branch|commit|tag]]",
                "Optionally update named plugin from git (and pin to the specified branch/commit/tag) & run update trigger for active plugins",
            ),
        ],
    ),
    (
        "ports",
        "Manage ports for an app",
        &[
            ("ports:list <app>", "List port mappings for app"),
            ("ports:add <app> [<scheme>:<host-port>:<container-port>...]", "Add port mappings to an app"),
            ("ports:clear <app>", "Clear all port mappings for an app"),
            (
                "ports:remove <app> [<host-port>|<scheme>:<host-port>:<container-port>...]",
                "Remove specific port mappings from an app",
            ),
            ("ports:set <app> [<scheme>:<host-port>:<container-port>...]", "Set port mappings for an app"),
            ("ports:report [<app>] [<flag>]", "Displays a ports report for one or more apps"),
        ],
    ),
    (
        "proxy",
        "Manage the proxy integration for an app",
        &[
            ("proxy:build-config [--parallel count] [--all|<app>]", "(Re)builds config for a given app"),
            ("proxy:clear-config [--all|<app>]", "Clears config for a given app"),
            ("proxy:disable <app>", "Disable proxy for app"),
            ("proxy:enable <app>", "Enable proxy for app"),
            ("proxy:report [<app>] [<flag>]", "Displays a proxy report for one or more apps"),
            ("proxy:set <app> <proxy-type>", "Set proxy type for app"),
        ],
    ),
    (
        "ps",
        "Manage app processes",
        &[
            ("ps:inspect <app>", "Displays a sanitized version of docker inspect for an app"),
            ("ps:rebuild [--parallel count] [--all|<app>]", "Rebuilds an app from source"),
            ("ps:report [<app>] [<flag>]", "Displays a process report for one or more apps"),
            ("ps:restart [--parallel count] [--all|<app>] [<process-name>]", "Restart an app"),
            ("ps:restore [<app>]", "Start previously running apps e.g. after reboot"),
            (
                "ps:scale [--skip-deploy] [--format stdout|json] <app> [<proc>=<count>...]",
                "Get/Set how many instances of a given process to run",
            ),
            ("ps:set <app> <key> <value>", "Set or clear a ps property for an app"),
            ("ps:start [--parallel count] [--all|<app>]", "Start an app"),
            ("ps:stop [--parallel count] [--all|<app>]", "Stop an app"),
        ],
    ),
    (
        "registry",
        "Manage registry settings for an app",
        &[
            (
                "registry:login [--global|--password-stdin] [<app>] <server> <username> [<password>]",
                "Login to a docker registry",
            ),
            ("registry:logout [--global] [<app>] <server>", "Logout from a docker registry"),
            ("registry:report [<app>] [<flag>]", "Displays a registry report for one or more apps"),
            (
                "registry:set <app>|--global <property> (<value>)",
                "Set or clear a registry property for an app",
            ),
        ],
    ),
    (
        "repo",
        "Manage the app's repo",
        &[
            ("repo:gc <app>", "Runs 'git gc --aggressive' against the application's repo"),
            ("repo:purge-cache <app>", "Deletes the contents of the build cache stored in the repository"),
        ],
    ),
    (
        "resource",
        "Manage resource settings for an app",
        &[
            (
                "resource:limit [--process-type <process-type>] [RESOURCE_OPTS...] <app>",
                "Limit resources for a given app/process-type combination",
            ),
            (
                "resource:limit-clear [--process-type <process-type>] <app>",
                "Limit resources for a given app/process-type combination",
            ),
            ("resource:report [<app>] [<flag>]", "Displays a resource report for one or more apps"),
            (
                "resource:reserve [--process-type <process-type>] [RESOURCE_OPTS...] <app>",
                "Reserve resources for a given app/process-type combination",
            ),
            (
                "resource:reserve-clear [--process-type <process-type>] <app>",
                "Reserve resources for a given app/process-type combination",
            ),
        ],
    ),
    (
        "run",
        "Run a one-off process inside a container",
        &[
            (
                "run [-e|--env KEY=VALUE] [--no-tty] [--ttl-seconds SECONDS] <app> <cmd>",
                "Run a command in a new container using the current app image",
            ),
            (
                "run:detached [-e|-env KEY=VALUE] [--force-tty] [--ttl-seconds SECONDS] <app> <cmd>",
                "Run a command in a new detached container using the current app image",
            ),
            ("run:list [--format json|stdout] <app>", "List all run containers for an app"),
            (
                "run:logs <app|--container CONTAINER> [-h] [-t] [-n num] [-q]",
                "Display recent log output for run containers",
            ),
            (
                "run:retire [<app>]",
                "Stop all run containers for an app that have exceeded their active deadline",
            ),
            (
                "run:stop <app|--container CONTAINER>",
                "Stops all run containers for an app or a specified run container",
            ),
        ],
    ),
    (
        "scheduler-docker-local",
        "Manage the docker-local scheduler integration for an app",
        &[
            (
                "scheduler-docker-local:report [<app>] [<flag>]",
                "Displays a scheduler-docker-local report for one or more apps",
            ),
            (
                "scheduler-docker-local:set [<app>|--global] <property> (<value>)",
                "Set or clear a scheduler-docker-local property for an app or globally",
            ),
        ],
    ),
    (
        "scheduler-k3s",
        "Manage scheduler-k3s settings for an app",
        &[
            (
                "scheduler-k3s:annotations:set <app|--global> <property> (<value>) [--process-type PROCESS_TYPE] <--resource-type RESOURCE_TYPE>",
                "Set or clear an annotation for a given app/process-type/resource-type combination",
            ),
            (
                "scheduler-k3s:annotations:report [<app>|--global] [--format stdout|json] [--process-type PROCESS_TYPE] [--resource-type RESOURCE_TYPE]",
                "Displays a scheduler-k3s annotations report for one or more apps",
            ),
            (
                "scheduler-k3s:autoscaling-auth:set <app|--global> <trigger> [<--metadata key=value>...]",
                "Set or clear a scheduler-k3s autoscaling keda trigger authentication resource for an app",
            ),
            (
                "scheduler-k3s:autoscaling-auth:report [<app>|--global] [--format stdout|json] [--include-metadata]",
                "Displays a scheduler-k3s autoscaling auth report for one or more apps",
            ),
            (
                "scheduler-k3s:charts:report [<chart>] [--format stdout|json]",
                "Displays a scheduler-k3s chart override report",
            ),
            (
                "scheduler-k3s:charts:set <chart-name.property> (<value>)",
                "Set or clear a chart-specific helm value",
            ),
            (
                "scheduler-k3s:cluster:add [--profile PROFILE] [--role ROLE] [--insecure-allow-unknown-hosts] [--server-ip SERVER_IP] [--taint-scheduling] [--kubelet-args KUBELET_ARGS] <ssh://user@host:port>",
                "Adds a server node to a Dokku-managed cluster",
            ),
            (
                "scheduler-k3s:cluster:list [--format json|stdout]",
                "Lists all nodes in a Dokku-managed cluster",
            ),
            ("scheduler-k3s:cluster:remove [node-id]", "Removes client node to a Dokku-managed cluster"),
            ("scheduler-k3s:ensure-charts", "Ensures the k3s charts are installed"),
            (
                "scheduler-k3s:initialize [--server-ip SERVER_IP] [--taint-scheduling] [--kubelet-args KUBELET_ARGS]",
                "Initializes a cluster",
            ),
            (
                "scheduler-k3s:labels:set <app|--global> <property> (<value>) [--process-type PROCESS_TYPE] <--resource-type RESOURCE_TYPE>",
                "Set or clear a label for a given app/process-type/resource-type combination",
            ),
            (
                "scheduler-k3s:labels:report [<app>|--global] [--format stdout|json] [--process-type PROCESS_TYPE] [--resource-type RESOURCE_TYPE]",
                "Displays a scheduler-k3s labels report for one or more apps",
            ),
            (
                "scheduler-k3s:node-sysctls:set <sysctl> (<value>) [--global|--profile PROFILE]",
                "Set or clear a node-level kernel sysctl for unprofiled nodes or a single node profile",
            ),
            (
                "scheduler-k3s:node-sysctls:report [--format stdout|json]",
                "Displays the node-level kernel sysctls applied to each scope",
            ),
            (
                "scheduler-k3s:preview <app> [--context N] [--show-secrets] [--show-secrets-decoded]",
                "Displays a diff between the current and next deployment for an app",
            ),
            (
                "scheduler-k3s:profiles:add <profile> [--role ROLE] [--insecure-allow-unknown-hosts] [--taint-scheduling] [--kubelet-args KUBELET_ARGS]",
                "Adds a node profile to the k3s cluster",
            ),
            (
                "scheduler-k3s:profiles:list [--format json|stdout]",
                "Lists all node profiles in the k3s cluster",
            ),
            ("scheduler-k3s:profiles:remove <profile>", "Removes a node profile from the k3s cluster"),
            (
                "scheduler-k3s:report [<app>|--global] [--format stdout|json] [<flag>]",
                "Displays a scheduler-k3s report for one or more apps",
            ),
            (
                "scheduler-k3s:set <app|--global> <property> (<value>)",
                "Set or clear a scheduler-k3s property for an app or globally",
            ),
            ("scheduler-k3s:show-kubeconfig", "Displays the kubeconfig for remote usage"),
            ("scheduler-k3s:uninstall", "Uninstalls k3s from the Dokku server"),
        ],
    ),
    (
        "scheduler",
        "Manage scheduler settings for an app",
        &[
            ("scheduler:report [<app>] [<flag>]", "Displays a scheduler report for one or more apps"),
            ("scheduler:set <app> <property> (<value>)", "Set or clear a scheduler property for an app"),
        ],
    ),
    ("shell", "Interactive dokku prompt", &[("shell", "Spawn dokku shell")]),
    (
        "ssh-keys",
        "Manage public ssh keys used for deployment",
        &[
            ("ssh-keys:add <name> [/path/to/key]", "Add a new public key by pipe or path"),
            ("ssh-keys:list [--format text|json] [<name>]", "List of all authorized dokku public ssh keys"),
            ("ssh-keys:remove [--fingerprint fingerprint|<name>]", "Remove SSH public key by name"),
        ],
    ),
    (
        "storage",
        "Manage mounted volumes",
        &[
            (
                "storage:annotations:report [<name>] [<flag>]",
                "Displays annotations for one or more storage entries",
            ),
            (
                "storage:annotations:set <name> <key> [<value>]",
                "Set or clear an annotation on a storage entry",
            ),
            ("storage:create <name> [<path>] [flags]", "Register a named storage entry"),
            (
                "storage:destroy <name> [--force] [--destroy-host-dir]",
                "Remove a named storage entry (must be unmounted from every app first)",
            ),
            (
                "storage:ensure-directory [--chown option] <directory>",
                "[DEPRECATED] use storage:create instead",
            ),
            (
                "storage:exec <name> [-- <cmd>...]",
                "Run a command (or shell) in a temporary container that mounts the entry",
            ),
            ("storage:info <name> [--format text|json]", "Show details for one storage entry"),
            ("storage:labels:report [<name>] [<flag>]", "Displays labels for one or more storage entries"),
            ("storage:labels:set <name> <key> [<value>]", "Set or clear a label on a storage entry"),
            (
                "storage:list <app> [--format text|json]",
                "List bind mounts for app's container(s) (host:container)",
            ),
            ("storage:list-entries [--scheduler s] [--format text|json]", "List registered storage entries"),
            ("storage:migrate [<app>|--all]", "Re-run the legacy -v to attachment migration for an app"),
            ("storage:mount <app> <host-dir:container-dir>", "Create a new bind mount"),
            ("storage:report [<app>] [<flag>]", "Displays a storage report for one or more apps"),
            ("storage:set <name> <property> [<value>]", "Update a storage entry in place"),
            ("storage:unmount <app> <host-dir:container-dir>", "Remove an existing bind mount"),
            ("storage:wait <name>", "Wait for a storage entry's PVC to be bound (k3s)"),
        ],
    ),
    ("trace", "Manage trace mode", &[("trace:off", "Disable trace mode"), ("trace:on", "Enable trace mode")]),
    (
        "traefik",
        "Manage the traefik proxy integration",
        &[
            ("traefik:labels:add <app> <label> <value>", "Add a label to an traefik app"),
            ("traefik:labels:remove <app> <label>", "Remove a label from an traefik app"),
            ("traefik:labels:show <app> [<label>]", "Show labels for an traefik app"),
            ("traefik:report [<app>] [<flag>]", "Displays an traefik report for one or more apps"),
            ("traefik:set <app> <property> (<value>)", "Set or clear an traefik property for an app"),
            ("traefik:show-config <app>", "Display traefik compose config"),
            ("traefik:start", "Starts the traefik server"),
            ("traefik:stop", "Stops the traefik server"),
        ],
    ),
];
