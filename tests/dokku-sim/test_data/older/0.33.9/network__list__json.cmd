# plugins/network/src/subcommands (pflag): --format arrived in v0.35.3
network:list --format json
