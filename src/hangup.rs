//! Ending the program when its terminal goes away, or when it is interrupted.
//!
//! Closing a terminal sends SIGHUP, which ends recall at once. A process that ignores the
//! signal (started under `nohup`, or by a shell that does not pass it on) lives on, and the
//! terminal library's input loop (crossterm 0.29) then retries its reads of the dead
//! terminal forever, at full CPU. So while prompts are shown, a thread waits in `poll(2)`
//! for standard input to hang up and then ends the process with status 129 (128 + SIGHUP),
//! as the signal would have. It first waits for a store write in progress ([`hold`]), so
//! every answer given is kept whole.
//!
//! Ctrl-C at a prompt is a key the prompt reads. Between prompts (while an answer is being
//! saved, which can wait for a new deck's cards to be written) it is SIGINT, which would end
//! the process at once and lose that answer. During a session ([`guard_interrupts`]), SIGINT
//! and SIGTERM end the process only once no write is in progress, with status 128 + the
//! signal, as the signal itself would have.

use std::io::IsTerminal;
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// The exit status of a process ended by a hang-up.
pub const HANGUP_STATUS: i32 = 129;

static WRITING: Mutex<()> = Mutex::new(());

/// Keeps a hang-up from ending the process until the guard is dropped: taken around a
/// write that must not be cut short.
pub fn hold() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts watching standard input for a hang-up when it is a terminal; once per process.
pub fn watch_terminal() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        if std::io::stdin().is_terminal() {
            // Without the thread a hang-up still ends recall by its signal, if not ignored.
            let _ = std::thread::Builder::new()
                .name("hangup".to_owned())
                .spawn(wait_for_hangup);
        }
    });
}

#[cfg(unix)]
fn wait_for_hangup() {
    use rustix::event::{PollFd, PollFlags, poll};
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    loop {
        // No events asked for: poll returns only on a hang-up, an error or a closed fd.
        let mut input = [PollFd::from_borrowed_fd(stdin.as_fd(), PollFlags::empty())];
        match poll(&mut input, None) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return,
        }
        let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
        if input[0].revents().intersects(gone) {
            let _writes = hold();
            std::process::exit(HANGUP_STATUS);
        }
    }
}

#[cfg(not(unix))]
fn wait_for_hangup() {}

/// From now on, ends the process on SIGINT or SIGTERM only once no write is in progress
/// ([`hold`]), leaving the terminal out of raw mode; once per process.
pub fn guard_interrupts() {
    static STARTED: Once = Once::new();
    STARTED.call_once(start_guard);
}

#[cfg(unix)]
fn start_guard() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    // Without the guard the signals keep their default action, which ends the process.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("interrupts".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _writes = hold();
                let _ = crossterm::terminal::disable_raw_mode();
                std::process::exit(128 + signal);
            }
        });
}

#[cfg(not(unix))]
fn start_guard() {}
