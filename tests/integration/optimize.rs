//! `recall optimize`: the fit on the josh log against the reference figures, the parameters
//! taking effect in `schedule` and `config`, `--reset`, and the refusal of a short log.

use tempfile::TempDir;

use crate::revlog::{import_josh, run};
use crate::support::{stdout, write};

/// Reference figures on the josh log (Anki's 4 am day start, UTC-5): default and fitted
/// (log-loss, RMSE over bins).
const DEFAULT: (f64, f64) = (0.4539, 0.0773);
const FITTED: (f64, f64) = (0.4426, 0.0445);
const TOLERANCE: f64 = 0.005;

fn near(value: &serde_json::Value, want: f64) -> bool {
    value
        .as_f64()
        .is_some_and(|v| (v - want).abs() <= TOLERANCE)
}

#[test]
fn optimize_josh_reaches_the_reference_figures_and_takes_effect() {
    let dir = TempDir::new().unwrap();
    assert!(import_josh(dir.path()).status.success());
    let before = stdout(&run(dir.path(), &["schedule", "--json", "0:good"]));
    assert!(before.contains("\"stability\":2.3065"), "{before}");

    let out = run(dir.path(), &["optimize", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let fit: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(fit["reviews"], 6372);
    assert_eq!(fit["study_answers"], 12_580);
    assert_eq!(fit["cards"], 1205);
    assert!(near(&fit["default"]["log_loss"], DEFAULT.0), "{fit}");
    assert!(near(&fit["default"]["rmse_bins"], DEFAULT.1), "{fit}");
    assert!(near(&fit["fitted"]["log_loss"], FITTED.0), "{fit}");
    assert!(near(&fit["fitted"]["rmse_bins"], FITTED.1), "{fit}");
    let w: Vec<f64> = fit["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(w.len(), 21);

    // From now on the profile's scheduler starts a Good card at the fitted w2.
    let after = stdout(&run(dir.path(), &["schedule", "--json", "0:good"]));
    let rows: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert!(
        (rows[0]["stability"].as_f64().unwrap() - w[2]).abs() < 1e-4,
        "{after}"
    );
    let config = stdout(&run(dir.path(), &["config"]));
    assert!(
        config.contains("fsrs_parameters    fitted to 6372 reviews"),
        "{config}"
    );
    assert!(config.contains("profile (recall optimize)"), "{config}");

    // The table form reports the same figures.
    let table = stdout(&run(dir.path(), &["optimize"]));
    assert!(
        table.contains("default       0.4539       0.0773"),
        "{table}"
    );

    let reset = run(dir.path(), &["optimize", "--reset"]);
    assert!(reset.status.success(), "{reset:?}");
    assert!(stdout(&reset).contains("defaults again"));
    let back = stdout(&run(dir.path(), &["schedule", "--json", "0:good"]));
    assert_eq!(back, before);
    let config = stdout(&run(dir.path(), &["config"]));
    assert!(config.contains("FSRS-6 defaults"), "{config}");
    let again = run(dir.path(), &["optimize", "--reset"]);
    assert!(stdout(&again).contains("already uses the default"));
}

#[test]
fn optimize_refuses_fewer_than_400_usable_reviews() {
    let dir = TempDir::new().unwrap();
    // 130 cards answered on three days each: two usable reviews per card, 260 in all.
    let mut csv = String::from("card_id,review_rating,review_time,review_duration\n");
    for card in 0..130 {
        for day in [1, 3, 9] {
            csv.push_str(&format!("{card},3,2024-04-{day:02}T20:00:00Z,1000\n"));
        }
    }
    write(dir.path(), "short.csv", csv);
    assert!(
        run(dir.path(), &["import-revlog", "short.csv"])
            .status
            .success()
    );
    let out = run(dir.path(), &["optimize"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only 260 usable reviews"), "{err}");
    assert!(err.contains("at least 400"), "{err}");
    assert!(stdout(&run(dir.path(), &["config"])).contains("FSRS-6 defaults"));

    // A profile that was never used is refused without being created.
    let out = run(dir.path(), &["--profile", "nobody", "optimize"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("data/nobody.sqlite3").exists());
}

#[test]
fn optimize_fitted_parameters_schedule_study_sessions() {
    let dir = TempDir::new().unwrap();
    // No fuzz, so the Easy button of a new card shows w3 rounded: 8d by default.
    let config = write(dir.path(), "config.toml", "fuzz = false\n");
    let easy_wait = || {
        let out = crate::support::recall(dir.path())
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .env("RECALL_CONFIG", &config)
            .env("RECALL_NOW", "2026-11-26T10:00:00Z")
            .args(["study", "--plain"])
            .write_stdin("\n:quit\n")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = stdout(&out);
        let rate = text.lines().find(|l| l.starts_with("Rate:")).unwrap();
        rate.rsplit("4 easy ").next().unwrap().trim().to_owned()
    };
    assert_eq!(easy_wait(), "8d");
    assert!(import_josh(dir.path()).status.success());
    assert!(run(dir.path(), &["optimize"]).status.success());
    // The fitted w3 is about 5.47 days.
    assert_eq!(easy_wait(), "5d");
    assert!(run(dir.path(), &["optimize", "--reset"]).status.success());
    assert_eq!(easy_wait(), "8d");
}
