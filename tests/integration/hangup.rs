//! A terminal that goes away mid-session, under a shell that ignores SIGHUP: recall notices,
//! ends, and keeps what was answered. `script` (util-linux) provides the terminal; killing
//! it closes the terminal's other end.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::fixtures::fixture;
use crate::support::{log_json, terminal_env, write};

/// What `script` shows, read on a thread of its own.
struct Screen {
    chunks: mpsc::Receiver<Vec<u8>>,
    text: String,
}

impl Screen {
    /// Waits (10 s at most) until `needle` has been shown since the start.
    fn wait_for(&mut self, needle: &str) {
        let until = Instant::now() + Duration::from_secs(10);
        while !self.text.contains(needle) {
            let left = until.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.text.push_str(&String::from_utf8_lossy(&chunk)),
                Err(_) => panic!("no {needle:?} on the screen:\n{}", self.text),
            }
        }
    }
}

/// True once the process `pid` has ended (gone, or a zombie no one has reaped yet).
fn ended(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state follows the command name in parentheses.
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

#[test]
fn a_terminal_gone_ends_the_session_and_keeps_the_answers() {
    let dir = fixture("capitals");
    let pid_file = dir.path().join("recall.pid");
    // The shell that `script` starts ignores SIGHUP, and recall inherits that.
    let run = write(
        dir.path(),
        "run.sh",
        format!(
            "stty cols 80 rows 24\necho $$ > '{}'\ntrap '' HUP\nexec '{}' study deck.toml\n",
            pid_file.display(),
            env!("CARGO_BIN_EXE_recall"),
        ),
    );
    let mut cmd = Command::new("script");
    let mut script = terminal_env(&mut cmd, dir.path(), "2026-03-10T10:00:00Z")
        .args(["-qfec", &format!("sh '{}'", run.display()), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script (util-linux) runs recall in a terminal");
    let mut keys = script.stdin.take().unwrap();
    let mut output = script.stdout.take().unwrap();
    let (tx, chunks) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = output.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = Screen {
        chunks,
        text: String::new(),
    };
    screen.wait_for("Capital of France?");
    screen.wait_for("to move");
    // Show the answer, then take Good, the rating under the cursor.
    keys.write_all(b"\r").unwrap();
    screen.wait_for("Answer: Paris");
    screen.wait_for("How well did you know it?");
    std::thread::sleep(Duration::from_millis(100));
    keys.write_all(b"\r").unwrap();
    screen.wait_for("Capital of Italy?");
    let pid = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .to_owned();

    // The terminal goes away.
    script.kill().unwrap();
    script.wait().unwrap();
    let until = Instant::now() + Duration::from_secs(10);
    while !ended(&pid) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let gone = ended(&pid);
    if !gone {
        let _ = Command::new("kill").args(["-9", &pid]).status();
    }
    assert!(gone, "recall kept running after its terminal went away");

    let lines = log_json(dir.path(), "default");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["card"], "fr");
    assert_eq!(lines[0]["rating"], 3);
    assert!(Path::new(&dir.path().join("data")).exists());
}
