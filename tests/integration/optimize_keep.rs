//! `recall optimize` saves a fit only when it predicts better than the parameters in use: the
//! first fit of the josh log beats the defaults and is saved; fitting the same log again
//! cannot beat that fit, so it is kept (and `--force` saves the new fit anyway).

use std::path::Path;
use std::process::Output;

use crate::revlog::{import_josh_args, josh};
use crate::support::{recall, stdout};

/// Runs `recall --data-dir DIR/data ARGS...` at `now`, with no config file.
fn run_at(dir: &Path, now: &str, args: &[&str]) -> Output {
    recall(dir)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .env("RECALL_CONFIG", dir.join("no-config.toml"))
        .env("RECALL_NOW", now)
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{out:?}");
    serde_json::from_str(&stdout(out)).unwrap()
}

/// The `fsrs_parameters` line of `recall config`.
fn parameters_line(dir: &Path) -> String {
    let out = run_at(dir, "2026-12-31T00:00:00Z", &["config"]);
    stdout(&out)
        .lines()
        .find(|l| l.starts_with("fsrs_parameters"))
        .unwrap()
        .to_owned()
}

#[test]
fn optimize_keeps_the_parameters_in_use_unless_the_fit_is_better() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = josh().display().to_string();
    let import = import_josh_args(&file);
    assert!(run_at(d, "2026-11-01T10:00:00Z", &import).status.success());

    // The first fit beats the defaults: saved.
    let first = json(&run_at(d, "2026-11-02T10:00:00Z", &["optimize", "--json"]));
    assert_eq!(first["saved"], true, "{first}");
    assert_eq!(first["current"], serde_json::Value::Null, "{first}");
    assert_eq!(first["reason"], "lower log-loss than the parameters in use");
    let (fitted, default) = (&first["fitted"]["log_loss"], &first["default"]["log_loss"]);
    assert!(fitted.as_f64() < default.as_f64(), "{first}");
    assert!(
        parameters_line(d).contains("fitted to 6372 reviews on 2026-11-02"),
        "{}",
        parameters_line(d)
    );

    // The same log again: the fit ties with the parameters in use, which stay.
    let second = json(&run_at(d, "2026-11-05T10:00:00Z", &["optimize", "--json"]));
    assert_eq!(second["saved"], false, "{second}");
    assert_eq!(second["current"]["log_loss"], second["fitted"]["log_loss"]);
    assert_eq!(second["current"]["log_loss"], first["fitted"]["log_loss"]);
    let reason = second["reason"].as_str().unwrap();
    assert!(reason.contains("not a lower log-loss"), "{reason}");
    assert!(reason.contains("stay"), "{reason}");
    assert!(
        parameters_line(d).contains("on 2026-11-02"),
        "{}",
        parameters_line(d)
    );
    let table = run_at(d, "2026-11-06T10:00:00Z", &["optimize"]);
    assert!(table.status.success(), "{table:?}");
    let text = stdout(&table);
    assert!(text.contains("in use        0.4426"), "{text}");
    assert!(
        text.contains("Not saved: the fit's log-loss 0.4426 is not lower than 0.4426 of the parameters fitted before"),
        "{text}"
    );
    assert!(text.contains("recall optimize --force"), "{text}");
    assert!(!text.contains("recall reschedule"), "{text}");
    assert!(parameters_line(d).contains("on 2026-11-02"));

    // --force saves it all the same.
    let forced = run_at(d, "2026-11-09T10:00:00Z", &["optimize", "--force"]);
    assert!(forced.status.success(), "{forced:?}");
    let text = stdout(&forced);
    assert!(text.contains("Saved because of --force"), "{text}");
    // A saved fit points to what moves the cards already scheduled.
    assert!(text.contains("recall reschedule --dry-run"), "{text}");
    assert!(
        parameters_line(d).contains("on 2026-11-09"),
        "{}",
        parameters_line(d)
    );
    let forced = json(&run_at(
        d,
        "2026-11-10T10:00:00Z",
        &["optimize", "--json", "--force"],
    ));
    assert_eq!(forced["saved"], true);
    assert!(
        forced["reason"].as_str().unwrap().contains("--force"),
        "{forced}"
    );

    // --force and --reset do not go together.
    let both = run_at(
        d,
        "2026-11-10T10:00:00Z",
        &["optimize", "--reset", "--force"],
    );
    assert_eq!(both.status.code(), Some(2), "{both:?}");
}
