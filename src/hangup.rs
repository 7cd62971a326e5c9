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
//! and SIGTERM are taken by a thread instead. The session's next prompt takes the interrupt
//! over ([`take_interrupt`]) and ends the session as Ctrl-C there would, with its summary.
//! When no prompt comes soon (a signal sent while a prompt waits, or during a long parse),
//! the thread ends the process once no write is in progress, with status 128 + the signal, as
//! the signal itself would have.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

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

/// What became of the last interrupt: none, one no prompt has taken yet, one the session
/// took over, one that is ending the process.
static INTERRUPT: AtomicU8 = AtomicU8::new(NONE);
const NONE: u8 = 0;
const PENDING: u8 = 1;
const TAKEN: u8 = 2;
const ENDING: u8 = 3;

/// How long an interrupt waits for a prompt to take it over, before and again after any
/// write in progress.
const FOR_A_PROMPT: Duration = Duration::from_millis(150);

/// True, once per interrupt, when SIGINT or SIGTERM came while no prompt was shown: the
/// caller, about to prompt, ends the session instead, as if the learner had quit.
pub fn take_interrupt() -> bool {
    INTERRUPT
        .compare_exchange(PENDING, TAKEN, Ordering::SeqCst, Ordering::SeqCst)
        .is_ok()
}

/// From now on, SIGINT and SIGTERM are interrupts a prompt can take over
/// ([`take_interrupt`]); one not taken in time ends the process once no write is in
/// progress ([`hold`]), leaving the terminal out of raw mode. Once per process.
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
            for signal in signals.forever() {
                // A second interrupt while the session ends after the first ends it now.
                if INTERRUPT.swap(PENDING, Ordering::SeqCst) == TAKEN || !taken_in_time() {
                    drop(hold());
                    // The write just done may be followed by a prompt that takes it over.
                    if taken_in_time() {
                        continue;
                    }
                    let _writes = hold();
                    if INTERRUPT
                        .compare_exchange(PENDING, ENDING, Ordering::SeqCst, Ordering::SeqCst)
                        .is_ok()
                    {
                        let _ = crossterm::terminal::disable_raw_mode();
                        std::process::exit(128 + signal);
                    }
                }
            }
        });
}

/// Waits a little for a prompt to take the pending interrupt over; true when one did.
fn taken_in_time() -> bool {
    let until = Instant::now() + FOR_A_PROMPT;
    loop {
        if INTERRUPT.load(Ordering::SeqCst) != PENDING {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[cfg(not(unix))]
fn start_guard() {}
