//! Colon-form storage mounts and the entries they register, as Dokku 0.38.27's storage plugin
//! keeps and lists them (plugins/storage).

mod support;

use support::{Server, said};

fn server_with_mounts() -> Server {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    for mount in ["/var/lib/dokku/data/storage/zz:/z", "/var/lib/dokku/data/storage/aa:/a:z,ro", "myvol:/v"] {
        server.ok(&["storage:mount", "a1", mount]);
    }
    server
}

/// `AttachmentsForPhase` sorts by entry name (`legacy-` + SHA-1 of the host path), then
/// container path, for `storage:list` and the report's deploy/run mounts; the report's
/// attachment blocks keep the order of `LoadAttachments` (as mounted). `ParseMountPath` hoists
/// `ro` out of the options and `formatStorageListEntry` puts it first.
#[test]
fn lists_sort_by_entry_name_and_container_path() {
    let server = server_with_mounts();
    assert_eq!(
        server.ok(&["storage:list", "a1"]),
        "-----> a1 volume bind-mounts:\n       /var/lib/dokku/data/storage/aa:/a:ro,z\n       myvol:/v\n       /var/lib/dokku/data/storage/zz:/z\n"
    );
    let json = server.ok(&["storage:list", "a1", "--format", "json"]);
    assert!(json.starts_with("[{\"entry_name\":\"legacy-4083d4e29b\",\"host_path\":\"/var/lib/dokku/data/storage/aa\",\"container_path\":\"/a\",\"readonly\":true,\"volume_options\":\"z\"},{\"entry_name\":\"legacy-561f831d2e\""), "{json}");
    assert_eq!(
        server.ok(&["storage:report", "a1", "--storage-deploy-mounts"]),
        "-v /var/lib/dokku/data/storage/aa:/a:ro,z -v myvol:/v -v /var/lib/dokku/data/storage/zz:/z\n"
    );
    assert_eq!(server.ok(&["storage:report", "a1", "--storage-attachment.1.container-path"]), "/z\n");
}

/// `AddAttachment` refuses the same entry at the same container path whatever the options;
/// `RemoveAttachment` likewise matches without them.
#[test]
fn options_do_not_make_a_different_mount() {
    let server = server_with_mounts();
    let (_, stderr, code) =
        said(&server.dokku(&[], &["storage:mount", "a1", "/var/lib/dokku/data/storage/zz:/z:ro"], None));
    assert_eq!((stderr.as_str(), code), (" !     Mount path already exists.\n", Some(1)));
    server.ok(&["storage:unmount", "a1", "/var/lib/dokku/data/storage/aa:/a"]);
    assert!(!server.ok(&["storage:list", "a1"]).contains("/a"));
}

/// `mountLegacyColon` registers a `legacy-<hash>` entry that outlives the unmount and the app;
/// `CommandListEntries` prints them by name (`MarshalIndent` JSON), `CommandReportGlobal` with
/// the apps mounting each (`[]` when none does, `null` when there are no apps).
#[test]
fn entries_outlive_their_mounts() {
    let server = Server::new();
    assert_eq!(server.ok(&["storage:list-entries", "--format", "json"]), "[]\n");
    server.ok(&["apps:create", "a1"]);
    server.ok(&["storage:mount", "a1", "myvol:/v"]);
    server.ok(&["storage:unmount", "a1", "myvol:/v"]);
    let entry = "  {\n    \"name\": \"legacy-561f831d2e\",\n    \"scheduler\": \"docker-local\",\n    \"host_path\": \"myvol\",\n    \"schema_version\": 1\n  }";
    assert_eq!(server.ok(&["storage:list-entries", "--format", "json"]), format!("[\n{entry}\n]\n"));
    assert_eq!(
        server.ok(&["storage:list-entries"]),
        "-----> Storage entries:\n       legacy-561f831d2e\tdocker-local\tmyvol\n"
    );
    assert_eq!(server.ok(&["storage:list-entries", "--scheduler", "k3s", "--format", "json"]), "[]\n");
    assert!(server.ok(&["storage:report", "--global", "--format", "json"]).contains("\"mounted_by\": []\n"));
    server.ok(&["apps:destroy", "--force", "a1"]);
    assert!(
        server.ok(&["storage:report", "--global", "--format", "json"]).contains("\"mounted_by\": null\n")
    );
}

/// `CommandDestroy` (plugins/storage/commands_entries.go): refused while an app mounts the
/// entry, then removed with `--force`.
#[test]
fn an_entry_is_destroyed_once_unmounted() {
    let server = Server::new();
    server.ok(&["apps:create", "a1"]);
    server.ok(&["storage:mount", "a1", "myvol:/v"]);
    let (_, stderr, code) =
        said(&server.dokku(&[], &["storage:destroy", "legacy-561f831d2e", "--force"], None));
    assert_eq!(
        (stderr.as_str(), code),
        (" !     storage entry \"legacy-561f831d2e\" is still mounted by app(s): a1\n", Some(1))
    );
    server.ok(&["storage:unmount", "a1", "myvol:/v"]);
    assert_eq!(
        server.ok(&["storage:destroy", "legacy-561f831d2e", "--force"]),
        "-----> Storage entry legacy-561f831d2e destroyed\n"
    );
    assert_eq!(server.ok(&["storage:list-entries", "--format", "json"]), "[]\n");
    let (_, stderr, _) = said(&server.dokku(&[], &["storage:destroy", "legacy-561f831d2e", "--force"], None));
    assert_eq!(stderr, " !     storage entry \"legacy-561f831d2e\" does not exist\n");
}
