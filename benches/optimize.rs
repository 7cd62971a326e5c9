//! `cargo bench --bench optimize`: wall time of the real release binary running
//! `recall optimize` on the josh Anki log (12,580 reviews of 1,205 cards, imported first with
//! `recall import-revlog`), against the 2 s target; and the time of that import.
//!
//! Each figure is the median of `RUNS` launches (min and max beside it). Reads the log kept in
//! `tests/data/` (or `JOSH_CSV=FILE`). Not part of `cargo test`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 9;
const TARGET: Duration = Duration::from_secs(2);

fn josh() -> PathBuf {
    std::env::var_os("JOSH_CSV").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/anki-revlog-josh.csv"),
        PathBuf::from,
    )
}

/// Runs the binary with `args` on the data folder `data`, and returns how long it took.
fn timed(data: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--data-dir")
        .arg(data)
        .env("RECALL_CONFIG", data.join("no-config.toml"))
        .args(args)
        .output()
        .expect("run recall");
    let took = start.elapsed();
    assert!(out.status.success(), "recall {args:?}: {out:?}");
    took
}

/// (median, min, max) of `RUNS` runs of `f`.
fn spread(mut f: impl FnMut() -> Duration) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS).map(|_| f()).collect();
    times.sort();
    (times[RUNS / 2], times[0], times[RUNS - 1])
}

fn show(name: &str, (median, min, max): (Duration, Duration, Duration)) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} median {:>7.1} ms   min {:>7.1} ms   max {:>7.1} ms",
        ms(median),
        ms(min),
        ms(max)
    );
}

fn main() {
    let csv = josh();
    if !csv.is_file() {
        println!("skipped: no josh log at {} (set JOSH_CSV)", csv.display());
        return;
    }
    let csv = csv.display().to_string();
    let import = [
        "import-revlog",
        csv.as_str(),
        "--tz-offset",
        "-300",
        "--day-starts",
        "4",
    ];
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut n = 0;
    let first_import = spread(|| {
        n += 1;
        timed(&dir.path().join(format!("fresh-{n}")), &import)
    });
    let data = dir.path().join("josh");
    timed(&data, &import);
    let again = spread(|| timed(&data, &import));
    let optimize = spread(|| timed(&data, &["optimize"]));
    println!("recall optimize on the josh log ({RUNS} runs each, release binary)");
    show("import-revlog, new profile", first_import);
    show("import-revlog, again (no-op)", again);
    show("optimize", optimize);
    let verdict = if optimize.0 < TARGET { "met" } else { "MISSED" };
    println!("target: optimize under {} s: {verdict}", TARGET.as_secs());
}
