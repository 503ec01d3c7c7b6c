//! `dokkuctl services copy`: a service's data from one server to another. Data is not
//! configuration (an export never holds it), but a migration needs it: `<type>:export` on the
//! source streams into `<type>:import` on the target through the two connections, with no
//! temporary file anywhere.
//!
//! Everything is checked before a byte moves: each named service exists on the source, its
//! type can export and import, the target has the service (apply creates it), and the target
//! holds no data — judged from the first bytes of the target's own export
//! ([`dokku::service_plugin::dump`]); `--force` overwrites. Types without `:export`/`:import`
//! are named and skipped.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use dokku::core::installed_plugins::read_installed_plugins;
use dokku::core::{Client, Error, TransferError, mask_url_passwords, transfer};
use dokku::service_plugin::ServiceSpec;
use dokku::service_plugin::commands;
use dokku::service_plugin::dump::DumpContents;
use dokku::service_plugin::parse::parse_service_list;
use tokio::io::AsyncWrite;

use super::error::EngineError;
use super::observer::Observer;

/// How many bytes of the target's own dump are read to judge whether it holds data.
const PROBE_BYTES: usize = 1 << 20;
/// How often the progress line is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// One service to copy.
#[derive(Clone, Debug)]
pub struct ServiceCopy {
    /// The plugin's table.
    pub spec: &'static ServiceSpec,
    /// The service name (the same on both servers).
    pub name: String,
}

impl ServiceCopy {
    /// `type:name`.
    pub fn label(&self) -> String {
        format!("{}:{}", self.spec.command_prefix, self.name)
    }
}

/// What a copy did.
#[derive(Debug, Default)]
pub struct CopyReport {
    /// The services copied, with the bytes each moved.
    pub copied: Vec<(String, u64)>,
    /// The services left alone, each with why (one line each).
    pub skipped: Vec<String>,
}

/// The services of `specs` that exist on `source` and that `names` select (all when empty): a
/// name is `name` or `type:name`. A name that selects nothing, or a bare name that two types
/// share, is an error before anything runs.
pub async fn select_services(
    source: &Client,
    specs: &[&'static ServiceSpec],
    names: &[String],
) -> Result<Vec<ServiceCopy>, EngineError> {
    let version = source.version().await?.clone();
    let installed = read_installed_plugins(source, &version).await?;
    let mut found = Vec::new();
    for spec in specs.iter().copied() {
        if !installed.iter().any(|p| p.name == spec.command_prefix && p.enabled) {
            continue;
        }
        let list = commands::list(spec);
        let listed = parse_service_list(&source.stdout(&list).await?)
            .map_err(|e| Error::Parse { command: list.to_string(), source: Box::new(e) })?;
        found.extend(listed.into_iter().map(|name| ServiceCopy { spec, name }));
    }
    if names.is_empty() {
        return Ok(found);
    }
    let mut selected: Vec<ServiceCopy> = Vec::new();
    for wanted in names {
        let matches: Vec<&ServiceCopy> = found
            .iter()
            .filter(|s| match wanted.split_once(':') {
                Some((kind, name)) => s.spec.command_prefix == kind && s.name == name,
                None => s.name == *wanted,
            })
            .collect();
        match matches.as_slice() {
            [] => return Err(EngineError::Usage(format!("no service `{wanted}` on the source server"))),
            [one] => {
                if !selected.iter().any(|s| s.label() == one.label()) {
                    selected.push((*one).clone());
                }
            }
            several => {
                let labels: Vec<String> = several.iter().map(|s| s.label()).collect();
                return Err(EngineError::Usage(format!(
                    "`{wanted}` names {}: say which as TYPE:NAME",
                    labels.join(" and ")
                )));
            }
        }
    }
    Ok(selected)
}

/// A writer that keeps the first `limit` bytes, then refuses more (which stops the command).
struct Prefix {
    kept: Arc<Mutex<Vec<u8>>>,
    limit: usize,
}

impl AsyncWrite for Prefix {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let mut kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let room = self.limit.saturating_sub(kept.len());
        if room == 0 {
            return Poll::Ready(Err(std::io::Error::other("enough of the dump was read")));
        }
        let taken = room.min(buf.len());
        kept.extend_from_slice(&buf[..taken]);
        Poll::Ready(Ok(taken))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// What the target's copy of `service` holds, from the first bytes of its own export; why not
/// when that cannot be read.
async fn target_contents(target: &Client, service: &ServiceCopy) -> Result<DumpContents, String> {
    let Some(format) = service.spec.dump_format else { return Ok(DumpContents::Unknown) };
    let kept = Arc::new(Mutex::new(Vec::new()));
    let probe = Prefix { kept: kept.clone(), limit: PROBE_BYTES };
    let outcome =
        target.stream(&commands::export_data(service.spec, &service.name), None, Box::new(probe)).await;
    let kept = kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let complete = match outcome {
        Ok(_) => true,
        // The probe stopped reading: the dump is longer than what was kept.
        Err(_) if kept.len() >= PROBE_BYTES => false,
        Err(e) => return Err(mask_url_passwords(&e.to_string())),
    };
    Ok(format.contents(&kept, complete))
}

/// Checks every service against the target before anything is copied: the ones that can go,
/// and the lines for those skipped. Errors (a service missing on the target, data in the way
/// without `force`) list every problem at once.
pub async fn check_targets(
    target: &Client,
    services: Vec<ServiceCopy>,
    force: bool,
) -> Result<(Vec<ServiceCopy>, Vec<String>), EngineError> {
    let mut ready = Vec::new();
    let mut skipped = Vec::new();
    let mut problems = Vec::new();
    for service in services {
        let label = service.label();
        if !service.spec.has_data_transfer() || service.spec.dump_format.is_none() {
            skipped.push(format!("{label}: the {} plugin has no export/import", service.spec.command_prefix));
            continue;
        }
        let exists = target.output(&commands::exists(service.spec, &service.name).allow_failure()).await?;
        if !exists.success() {
            problems.push(format!(
                "{label}: not on the target server (create it first, e.g. with dokkuctl apply)"
            ));
            continue;
        }
        if !force {
            match target_contents(target, &service).await {
                Ok(DumpContents::Empty) => {}
                Ok(DumpContents::HasData) => {
                    problems.push(format!("{label}: the target's service holds data (--force overwrites it)"))
                }
                Ok(DumpContents::Unknown) => problems.push(format!(
                    "{label}: cannot tell whether the target's service holds data (--force overwrites it)"
                )),
                Err(why) => problems.push(format!(
                    "{label}: the target's data could not be read to check it is empty ({why}); --force overwrites it"
                )),
            }
        }
        ready.push(service);
    }
    if !problems.is_empty() {
        return Err(EngineError::Usage(format!(
            "nothing was copied:\n{}",
            problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
        )));
    }
    Ok((ready, skipped))
}

/// `bytes` for people: `12.3 MiB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// Streams each service's data from `source` into `target`, one service at a time, reporting
/// the bytes moved and the rate while it runs.
pub async fn copy_services(
    source: &Client,
    target: &Client,
    services: &[ServiceCopy],
    observer: &dyn Observer,
) -> Result<Vec<(String, u64)>, EngineError> {
    let mut copied = Vec::new();
    for service in services {
        let label = service.label();
        let moved = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let (export, import) = (
            commands::export_data(service.spec, &service.name),
            commands::import_data(service.spec, &service.name),
        );
        let run = transfer(source, &export, target, &import, moved.clone());
        tokio::pin!(run);
        let mut ticker = tokio::time::interval(PROGRESS_EVERY);
        let result = loop {
            tokio::select! {
                result = &mut run => break result,
                _ = ticker.tick() => {
                    let bytes = moved.load(Ordering::Relaxed);
                    let rate = bytes as f64 / started.elapsed().as_secs_f64().max(0.001);
                    observer.progress(&format!("{label}: {} at {}/s", human_bytes(bytes), human_bytes(rate as u64)));
                }
            }
        };
        let bytes = result.map_err(|e| match e {
            TransferError::Source(e) => EngineError::Usage(format!(
                "{label}: the export failed: {}",
                mask_url_passwords(&e.to_string())
            )),
            TransferError::Target(e) => EngineError::Usage(format!(
                "{label}: the import failed: {}",
                mask_url_passwords(&e.to_string())
            )),
            other => EngineError::Usage(format!("{label}: {other}")),
        })?;
        let seconds = started.elapsed().as_secs_f64();
        observer.progress(&format!("{label}: {} copied in {seconds:.1} s", human_bytes(bytes)));
        copied.push((label, bytes));
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::human_bytes;

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(50 * 1024 * 1024), "50.0 MiB");
    }
}
