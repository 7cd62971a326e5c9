//! Ending the program when its terminal goes away.
//!
//! Closing a terminal sends SIGHUP, which ends recall at once. A process that ignores the
//! signal (started under `nohup`, or by a shell that does not pass it on) lives on, and the
//! terminal library's input loop (crossterm 0.29) then retries its reads of the dead
//! terminal forever, at full CPU. So while prompts are shown, a thread waits in `poll(2)`
//! for standard input to hang up and then ends the process with status 129 (128 + SIGHUP),
//! as the signal would have. It first waits for a store write in progress ([`hold`]), so
//! every answer given is kept whole.

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
