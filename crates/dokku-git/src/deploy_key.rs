//! What `git:generate-deploy-key` prints (ssh-keygen's output relayed by Dokku).

/// The outcome of `git:generate-deploy-key`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum GeneratedDeployKey {
    /// A new key pair was written.
    Generated {
        /// The new key's fingerprint (`SHA256:…`).
        fingerprint: String,
        /// Where the public half was saved (`/home/dokku/.ssh/id_ed25519.pub`).
        public_key_path: String,
    },
    /// Dokku already had a deploy key and left it alone (it says so on stdout, exit 0).
    AlreadyExists,
}

/// Reads `git:generate-deploy-key`'s stdout (stderr plays no part: pydokku failed on any stderr).
pub fn parse_generate_deploy_key(stdout: &str) -> Result<GeneratedDeployKey, String> {
    if stdout.contains("A deploy key already exists for this host") {
        return Ok(GeneratedDeployKey::AlreadyExists);
    }
    let mut lines = stdout.lines().map(str::trim);
    let mut public_key_path = None;
    let mut fingerprint = None;
    while let Some(line) = lines.next() {
        if let Some(path) = line.strip_prefix("Your public key has been saved in ") {
            public_key_path = Some(path.trim_end_matches('.').to_owned());
        } else if line == "The key fingerprint is:" {
            fingerprint = lines.next().and_then(|l| l.split_whitespace().next()).map(str::to_owned);
        }
    }
    match (fingerprint, public_key_path) {
        (Some(fingerprint), Some(public_key_path)) => {
            Ok(GeneratedDeployKey::Generated { fingerprint, public_key_path })
        }
        _ => Err("git:generate-deploy-key printed neither a new key's fingerprint and path nor \
                  that a key exists"
            .to_owned()),
    }
}
