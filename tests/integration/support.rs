use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The article the bundled deck is written from (CI keeps `shared/` beside the clone).
pub fn article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/source/trotsky-exile.txt")
}

/// The project root, for the shipped `decks/`.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `recall` binary with a clean, fixed environment.
pub fn recall(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("recall").expect("binary is built");
    cmd.current_dir(dir)
        .env_remove("RECALL_NOW")
        // Never the tester's own ~/.config/recall/config.toml; a test that wants a config
        // file sets this again.
        .env("RECALL_CONFIG", dir.join("no-such-config.toml"))
        .env("NO_COLOR", "1");
    cmd
}

/// Writes `text` to `dir/name`, creating folders.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Standard output of a finished command, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
