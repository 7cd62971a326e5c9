use std::path::{Path, PathBuf};

use assert_cmd::Command;

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

/// Runs `recall ARGS` in `dir` at the instant `now`, with its data in `dir/data` and `input`
/// on stdin, and waits for it.
pub fn run_at(dir: &Path, now: &str, args: &[&str], input: &str) -> std::process::Output {
    recall(dir)
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .args(args)
        .write_stdin(input.to_owned())
        .output()
        .unwrap()
}

/// Runs `recall ARGS` in `dir` at `now` in the time zone `tz` (a `TZ` value), with its data in
/// `dir/data`, its config file `dir/config.toml` and `input` on stdin; checks that it
/// succeeded and returns its standard output.
pub fn run_in_zone(dir: &Path, tz: &str, now: &str, args: &[&str], input: &str) -> String {
    let out = recall(dir)
        .env("TZ", tz)
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
}

/// Sets up `cmd` as a learner's terminal would run recall: in `dir`, with its data and config
/// file there, the time fixed at `now`, on UTC, an xterm without colour.
pub fn terminal_env<'a>(
    cmd: &'a mut std::process::Command,
    dir: &Path,
    now: &str,
) -> &'a mut std::process::Command {
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("TZ", "UTC")
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
}

/// `recall ARGS`, ready to start in `dir` at `now`, with its data in `dir/data`, its config
/// file `dir/config.toml`, and its standard input and output piped.
pub fn piped(dir: &Path, now: &str, args: &[&str]) -> std::process::Command {
    use std::process::Stdio;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recall"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
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

/// A deck `id` of `cards` basic cards `c0`, `c1`, ...
pub fn generated_deck(id: &str, cards: usize) -> String {
    let mut text = format!("[deck]\ntitle = \"Generated\"\nid = \"{id}\"\n");
    for i in 0..cards {
        text.push_str(&format!(
            "[[card]]\nid = \"c{i}\"\nfront = \"Question {i}\"\nback = \"Answer {i}\"\n"
        ));
    }
    text
}

/// The log of `profile` in `dir/data` as `recall log --json` prints it, one object a line.
pub fn log_json(dir: &Path, profile: &str) -> Vec<serde_json::Value> {
    let out = recall(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .args(["log", "--json", "--profile", profile])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The keys of a JSON object, sorted.
pub fn sorted_keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// Standard output of a finished command, as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the program in `session` writes to its terminal, chunk by chunk, read on a thread of
/// its own. The channel closes once the program is gone and its output is read.
pub fn pty_output(session: &expectrl::session::OsSession) -> std::sync::mpsc::Receiver<Vec<u8>> {
    use std::io::{ErrorKind, Read};
    let mut reader = session
        .get_process()
        .get_pty_stream()
        .expect("a second handle on the pty");
    let (tx, chunks) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        // Linux answers EIO once every slave is closed. Output the program wrote just before
        // it ended can still be on its way then, so the stream ends only after EIO has come
        // five times in a row, 20 ms apart.
        let mut hung_up = 0;
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    hung_up = 0;
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.raw_os_error() == Some(5) && hung_up < 5 => {
                    hung_up += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(_) => break,
            }
        }
    });
    chunks
}
