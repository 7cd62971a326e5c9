//! Sixel pictures: for terminals the environment names as sixel terminals (see
//! [`suggests_sixel`]), asked once with a device-attributes query that waits at most
//! [`ANSWER_WAIT`] for the reply, then drawn with the pure-Rust `icy_sixel` encoder.

use std::ffi::OsString;
use std::io::{self, Write};
use std::time::Duration;

/// The longest a terminal is waited for to answer the query: one that does not answer costs
/// this once, when the first picture is shown.
pub const ANSWER_WAIT: Duration = Duration::from_millis(400);

/// The size of a terminal cell in pixels when the terminal does not say.
const CELL_PIXELS: (u32, u32) = (10, 20);

/// True when `TERM` (or `TERM_PROGRAM`) names a terminal that draws sixel pictures: `TERM`
/// containing `sixel`, or starting with `foot`, `mlterm`, `yaft` or `contour`.
#[must_use]
pub fn suggests_sixel(term: Option<&OsString>, program: Option<&OsString>) -> bool {
    let lower = |v: Option<&OsString>| v.map(|v| v.to_string_lossy().to_lowercase());
    let term = lower(term).unwrap_or_default();
    let program = lower(program).unwrap_or_default();
    term.contains("sixel")
        || ["foot", "mlterm", "yaft", "contour"]
            .iter()
            .any(|name| term.starts_with(name) || program.starts_with(name))
}

/// True when a primary device attributes reply (`ESC [ ? 62 ; 4 ; 22 c`) lists sixel
/// graphics, attribute 4.
#[must_use]
pub fn lists_sixel(reply: &[u8]) -> bool {
    let text = String::from_utf8_lossy(reply);
    text.find("\x1b[?").is_some_and(|start| {
        let rest = &text[start + 3..];
        rest.find('c')
            .is_some_and(|end| rest[..end].split(';').any(|a| a == "4"))
    })
}

/// Asks the terminal (on stdout, the reply on stdin) whether it draws sixel pictures,
/// waiting at most [`ANSWER_WAIT`]; no on any failure.
#[cfg(unix)]
#[must_use]
pub fn terminal_answers() -> bool {
    use std::os::fd::AsFd;
    if crossterm::terminal::enable_raw_mode().is_err() {
        return false;
    }
    let mut reply = Vec::new();
    let asked = {
        let mut out = io::stdout().lock();
        out.write_all(b"\x1b[c").and_then(|()| out.flush())
    };
    if asked.is_ok() {
        let stdin = io::stdin();
        let fd = stdin.as_fd();
        let until = std::time::Instant::now() + ANSWER_WAIT;
        let mut buf = [0_u8; 64];
        while !reply.ends_with(b"c") || !reply.windows(3).any(|w| w == b"\x1b[?") {
            let left = until.saturating_duration_since(std::time::Instant::now());
            let Ok(timeout) = rustix::event::Timespec::try_from(left) else {
                break;
            };
            let mut fds = [rustix::event::PollFd::new(
                &fd,
                rustix::event::PollFlags::IN,
            )];
            match rustix::event::poll(&mut fds, Some(&timeout)) {
                Ok(n) if n > 0 => match rustix::io::read(fd, &mut buf) {
                    Ok(read) if read > 0 => reply.extend_from_slice(&buf[..read]),
                    _ => break,
                },
                _ => break,
            }
            if left.is_zero() || reply.len() > 256 {
                break;
            }
        }
    }
    let _ = crossterm::terminal::disable_raw_mode();
    lists_sixel(&reply)
}

/// No sixel query off Unix.
#[cfg(not(unix))]
#[must_use]
pub fn terminal_answers() -> bool {
    false
}

/// Draws `image` on stdout as sixel, within `columns` × `rows` cells, its shape kept.
///
/// # Errors
/// A picture the encoder refuses, or a failure to write.
pub fn draw(image: &image::DynamicImage, columns: u32, rows: u32) -> io::Result<()> {
    let (cell_width, cell_height) = crossterm::terminal::window_size()
        .ok()
        .filter(|w| w.width > 0 && w.height > 0 && w.columns > 0 && w.rows > 0)
        .map_or(CELL_PIXELS, |w| {
            (
                u32::from(w.width) / u32::from(w.columns),
                u32::from(w.height) / u32::from(w.rows),
            )
        });
    let fitted = image.resize(
        (columns * cell_width).max(1),
        (rows * cell_height).max(1),
        image::imageops::FilterType::Triangle,
    );
    let rgba = fitted.to_rgba8();
    let (width, height) = rgba.dimensions();
    let text = icy_sixel::sixel_string(
        rgba.as_raw(),
        i32::try_from(width).map_err(io::Error::other)?,
        i32::try_from(height).map_err(io::Error::other)?,
        icy_sixel::PixelFormat::RGBA8888,
        icy_sixel::DiffusionMethod::Auto,
        icy_sixel::MethodForLargest::Auto,
        icy_sixel::MethodForRep::Auto,
        icy_sixel::Quality::AUTO,
    )
    .map_err(|e| io::Error::other(e.to_string()))?;
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixel_terminals_are_named_by_term_or_program() {
        let os = |s: &str| Some(OsString::from(s));
        assert!(suggests_sixel(os("foot").as_ref(), None));
        assert!(suggests_sixel(os("foot-extra").as_ref(), None));
        assert!(suggests_sixel(os("mlterm").as_ref(), None));
        assert!(suggests_sixel(os("yaft-256color").as_ref(), None));
        assert!(suggests_sixel(os("xterm-sixel").as_ref(), None));
        assert!(suggests_sixel(
            os("xterm-256color").as_ref(),
            os("contour").as_ref()
        ));
        assert!(!suggests_sixel(os("xterm-256color").as_ref(), None));
        assert!(!suggests_sixel(
            os("xterm-kitty").as_ref(),
            os("WezTerm").as_ref()
        ));
        assert!(!suggests_sixel(None, None));
    }

    #[test]
    fn a_reply_lists_sixel_by_attribute_four() {
        assert!(lists_sixel(b"\x1b[?62;4;22c"));
        assert!(lists_sixel(b"\x1b[?65;1;4c"));
        assert!(!lists_sixel(b"\x1b[?62;22c"));
        assert!(!lists_sixel(b"\x1b[?64;14;22c"));
        assert!(!lists_sixel(b""));
        assert!(!lists_sixel(b"4;c"));
    }
}
