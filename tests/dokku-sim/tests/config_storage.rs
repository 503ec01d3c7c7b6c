//! What `config:set` stores, as Dokku 0.38.27's config plugin writes it (plugins/config).

mod support;

use support::Server;

/// `Env.Write` (plugins/config/environment.go) goes through godotenv 1.5.1's `Marshal`, which
/// writes any value `strconv.Atoi` accepts as `%d`: leading zeros and a plus sign are gone when
/// the value is read back, though `config:set` itself echoes what it was given.
#[test]
fn integer_values_are_stored_in_canonical_form() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    let echoed =
        server.ok(&["config:set", "--no-restart", "a1", "Z=007", "P=+5", "N=-0", "BIG=99999999999999999999"]);
    assert!(echoed.contains("       Z:    007\n") && echoed.contains("       P:    +5\n"), "{echoed}");
    assert_eq!(server.ok(&["config:get", "a1", "Z"]), "7\n");
    assert_eq!(server.ok(&["config:get", "a1", "P"]), "5\n");
    assert_eq!(server.ok(&["config:get", "a1", "N"]), "0\n");
    // Out of Atoi's 64-bit range: quoted, so it reads back unchanged.
    assert_eq!(server.ok(&["config:get", "a1", "BIG"]), "99999999999999999999\n");
    let envfile = server.ok(&["config:export", "--format", "envfile", "a1"]);
    assert!(envfile.contains("P=5\n") && envfile.contains("BIG=\"99999999999999999999\"\n"), "{envfile}");
    server.ok(&["config:set", "--global", "G=0012"]);
    assert_eq!(server.ok(&["config:get", "--global", "G"]), "12\n");
}
