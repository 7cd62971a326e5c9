//! Pictures in the terminal: drawn inline where the terminal can (the kitty graphics
//! protocol, or iTerm2's, which WezTerm also speaks, through the `viuer` crate; sixel, in
//! [`sixel`]), else told in words, `[image: ...]`, with the "… more" menu offering to open the file in the system's
//! viewer.
//!
//! Drawing is off with `--no-images`, `images = false` in the config file, `NO_COLOR`,
//! `TERM=dumb` and whenever stdout is not the terminal. The kitty protocol is asked of the
//! terminal (viuer sends a query and reads the reply) only when the environment names a
//! terminal that speaks it, so no other terminal is sent a query it might not answer; sixel
//! likewise. Nothing is asked until the first picture is shown ([`Drawing`]).

mod sixel;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

use crate::deck::Shown;

/// The most terminal rows a picture takes.
const MAX_ROWS: u32 = 16;
/// The most terminal columns a picture takes.
const MAX_COLUMNS: u32 = 72;

/// Pictures drawn or said in words: whether the terminal can draw is settled the first time
/// a picture is shown, so a deck without pictures never has the terminal queried.
#[derive(Debug)]
pub struct Drawing {
    /// No `--no-images`, no `images = false`.
    wanted: bool,
    /// [`can_draw`], once asked.
    can: std::cell::OnceCell<Option<Via>>,
}

impl Drawing {
    /// Drawing when `wanted` and the terminal can.
    #[must_use]
    pub fn new(wanted: bool) -> Self {
        Drawing {
            wanted,
            can: std::cell::OnceCell::new(),
        }
    }

    /// Shows `picture` (see [`show`]).
    ///
    /// # Errors
    /// A failure to write to the terminal.
    pub fn show(&self, picture: &Shown) -> io::Result<()> {
        show(picture, *self.can.get_or_init(|| can_draw(self.wanted)))
    }
}

/// How a picture is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Through `viuer`: the kitty protocol or iTerm2's.
    Viuer,
    /// As sixel ([`sixel`]).
    Sixel,
}

/// How pictures are drawn in this terminal, if they are: `wanted` (no `--no-images`, no
/// `images = false`), colour allowed, stdout a terminal, and a terminal that can: iTerm2's
/// protocol, else kitty's, else sixel.
#[must_use]
pub fn can_draw(wanted: bool) -> Option<Via> {
    if !wanted || !super::paint::wanted(io::stdout().is_terminal()) {
        return None;
    }
    let vars = crate::env::graphics_vars();
    if viuer::is_iterm_supported()
        || (speaks_kitty(&vars) && viuer::get_kitty_support() != viuer::KittySupport::None)
    {
        return Some(Via::Viuer);
    }
    let [term, _, program] = &vars;
    (io::stdin().is_terminal()
        && sixel::suggests_sixel(term.as_ref(), program.as_ref())
        && sixel::terminal_answers())
    .then_some(Via::Sixel)
}

/// True when the environment names a terminal that speaks the kitty graphics protocol:
/// `TERM=xterm-kitty`, `KITTY_WINDOW_ID`, or Ghostty.
fn speaks_kitty([term, kitty_window, program]: &[Option<OsString>; 3]) -> bool {
    let has = |value: &Option<OsString>, part: &str| {
        value
            .as_ref()
            .is_some_and(|v| v.to_string_lossy().to_lowercase().contains(part))
    };
    has(term, "kitty") || kitty_window.is_some() || has(program, "ghostty") || has(term, "ghostty")
}

/// Shows `picture` under text already written to stderr: drawn when `via` says how, else
/// (or when it cannot be read) its alt text, with what went wrong.
///
/// # Errors
/// A failure to write to the terminal.
pub fn show(picture: &Shown, via: Option<Via>) -> io::Result<()> {
    let mut err = io::stderr().lock();
    if let Some(via) = via {
        let image = picture
            .folder
            .as_deref()
            .ok_or_else(|| "the deck has no folder".to_owned())
            .and_then(|folder| crate::deck::picture::open(folder, &picture.file));
        match image {
            Ok(image) => {
                err.flush()?;
                let (columns, rows) = viuer::terminal_size();
                let config = viuer::Config {
                    absolute_offset: false,
                    width: Some(u32::from(columns).clamp(8, MAX_COLUMNS)),
                    height: Some(u32::from(rows / 2).clamp(4, MAX_ROWS)),
                    ..viuer::Config::default()
                };
                let drawn = match via {
                    Via::Viuer => viuer::print(&image, &fit(&image, &config)).is_ok(),
                    Via::Sixel => {
                        let (width, height) = (config.width, config.height);
                        sixel::draw(
                            &image,
                            width.unwrap_or(MAX_COLUMNS),
                            height.unwrap_or(MAX_ROWS),
                        )
                        .is_ok()
                    }
                };
                if drawn {
                    return Ok(());
                }
            }
            Err(why) => {
                writeln!(err, "{}", super::render::picture_line(picture))?;
                return writeln!(err, "(the picture {})", super::render::safe(&why));
            }
        }
    }
    writeln!(err, "{}", super::render::picture_line(picture))
}

/// `config` with only the bound that binds: viuer stretches a picture given both.
fn fit(image: &image::DynamicImage, config: &viuer::Config) -> viuer::Config {
    let (width, height) = (config.width.unwrap_or(1), config.height.unwrap_or(1));
    // A cell is about twice as tall as wide.
    let wide = u64::from(image.width()) * u64::from(height) * 2
        > u64::from(image.height()) * u64::from(width);
    viuer::Config {
        width: wide.then_some(width),
        height: (!wide).then_some(height),
        ..config.clone()
    }
}

/// Opens `picture` in the system's viewer (`open` on macOS, `xdg-open` elsewhere), without
/// waiting for it; says so, or why not, on stderr.
///
/// # Errors
/// A failure to write to the terminal.
pub fn open_in_viewer(picture: &Shown) -> io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let said = match picture.path() {
        None => "This picture has no file to open.".to_owned(),
        Some(path) => match std::process::Command::new(opener)
            .arg(&path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
        {
            Ok(_) => format!(
                "Opened {} in the viewer.",
                super::render::safe(&path.display().to_string())
            ),
            Err(e) => format!("Could not run {opener}: {e}"),
        },
    };
    writeln!(io::stderr().lock(), "{said}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitty_is_named_by_its_term_its_window_or_ghostty() {
        let vars = |term: Option<&str>, window: Option<&str>, program: Option<&str>| {
            [term, window, program].map(|v| v.map(OsString::from))
        };
        assert!(speaks_kitty(&vars(Some("xterm-kitty"), None, None)));
        assert!(speaks_kitty(&vars(Some("xterm-256color"), Some("1"), None)));
        assert!(speaks_kitty(&vars(None, None, Some("ghostty"))));
        assert!(!speaks_kitty(&vars(Some("xterm-256color"), None, None)));
        assert!(!speaks_kitty(&vars(None, None, Some("Apple_Terminal"))));
    }

    #[test]
    fn a_picture_is_bound_by_the_side_that_binds() {
        let config = viuer::Config {
            width: Some(72),
            height: Some(16),
            ..viuer::Config::default()
        };
        let wide = image::DynamicImage::new_rgb8(400, 100);
        let tall = image::DynamicImage::new_rgb8(100, 400);
        assert_eq!(fit(&wide, &config).width, Some(72));
        assert_eq!(fit(&wide, &config).height, None);
        assert_eq!(fit(&tall, &config).height, Some(16));
        assert_eq!(fit(&tall, &config).width, None);
    }
}
