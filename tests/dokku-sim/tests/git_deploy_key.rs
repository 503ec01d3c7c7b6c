//! The dokku user's deploy key (plugins/git/internal-functions).

mod support;

use support::{Server, said};

/// `cmd-git-public-key` prints `~dokku/.ssh/id_ed25519.pub` or `id_rsa.pub`; a host without
/// either gets `fn-git-auth-error`'s advice and exit 1.
#[test]
fn without_a_deploy_key_public_key_explains_how_to_make_one() {
    let server = Server::new();
    let (stdout, stderr, code) = said(&server.dokku(&[], &["git:public-key"], None));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        " !     There is no deploy key associated with the dokku user.\n !     Generate an ssh key with the following command:\n !       dokku git:generate-deploy-key\n !     As an alternative, configure the netrc authentication via the git:auth command\n"
    );
    assert_eq!(code, Some(1));
}
