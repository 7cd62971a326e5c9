//! The lists of a study session in the terminal, drawn and read here rather than by inquire:
//! an option can be picked with one key (a rating by its number, the "… more" menu with `m`),
//! and the list is always finished on the screen (collapsed to its title and the answer, or
//! `<canceled>`) before anything else is printed, whether it ended by Enter, a key, Esc or
//! Ctrl-C. It looks like inquire's lists: `? title`, the options under a `>` cursor, and a
//! help line between brackets.

use std::io::{self, Write};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, queue, terminal};

use super::fitted::{Labels, help};
use super::paint::Paint;
use unicode_width::UnicodeWidthStr;

/// How a list ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The option at this index, by Enter or by its key.
    Chose(usize),
    /// Esc (or Ctrl-D, Ctrl-G, as inquire has them).
    Escaped,
    /// Ctrl-C.
    Interrupted,
}

/// A list to show once.
pub struct List<'a> {
    message: &'a str,
    plain: Vec<String>,
    /// The key shown before each option (`None`: no key), when any option has one.
    keys: Vec<Option<char>>,
    /// Keys that pick an option without being shown before it, like Space for the first.
    hidden: Vec<(char, usize)>,
    start: usize,
    help: &'a str,
    paint: Paint,
}

impl<'a> List<'a> {
    /// A list titled `message` of `options`, its help line saying `help`.
    #[must_use]
    pub fn new(message: &'a str, options: Vec<String>, help: &'a str, paint: Paint) -> List<'a> {
        List {
            message,
            plain: options,
            keys: Vec::new(),
            hidden: Vec::new(),
            start: 0,
            help,
            paint,
        }
    }

    /// Each option picked by the key given for it (shown before it), if any.
    #[must_use]
    pub fn with_keys(mut self, keys: Vec<Option<char>>) -> Self {
        self.keys = keys;
        self
    }

    /// `key` picks the option at `index` too, without being shown.
    #[must_use]
    pub fn with_hidden_key(mut self, key: char, index: usize) -> Self {
        self.hidden.push((key, index));
        self
    }

    /// The cursor starts on the option at `index`.
    #[must_use]
    pub fn with_start(mut self, index: usize) -> Self {
        self.start = index.min(self.plain.len().saturating_sub(1));
        self
    }

    /// The option whose key is `c` (a capital letter counts as its small one, for Caps Lock).
    fn keyed(&self, c: char) -> Option<usize> {
        let c = c.to_ascii_lowercase();
        let shown = self.keys.iter().position(|k| *k == Some(c));
        shown.or_else(|| self.hidden.iter().find(|(k, _)| *k == c).map(|(_, i)| *i))
    }

    fn labels(&self) -> Labels {
        let labels = Labels::new(self.plain.clone());
        if self.keys.is_empty() {
            labels
        } else {
            labels.keyed()
        }
    }

    /// The lines of the list with the cursor on `cursor`, showing the options from `*top` on
    /// that fit in the terminal's height (`*top` moved so that the cursor is among them).
    fn frame(&self, labels: &Labels, cursor: usize, top: &mut usize) -> Vec<String> {
        let help = format!("[{}]", help(self.help));
        let shown = labels.shown();
        let heights: Vec<usize> = shown.iter().map(|l| l.split('\n').count()).collect();
        let room = terminal::size()
            .ok()
            .filter(|(_, rows)| *rows > 0)
            .map_or(usize::MAX, |(_, rows)| usize::from(rows))
            .saturating_sub(2 + help.split('\n').count())
            .max(1);
        let (from, to) = window(&heights, cursor, *top, room);
        *top = from;
        let mut lines = vec![format!(
            "{} {}",
            self.paint.paint("92", "?"),
            self.paint.paint("1", self.message)
        )];
        for (i, label) in shown.iter().enumerate().take(to).skip(from) {
            let mark = if i == cursor {
                self.paint.paint("96", ">")
            } else {
                " ".to_owned()
            };
            let key = match self.keys.get(i) {
                None if self.keys.is_empty() => String::new(),
                Some(Some(k)) => format!("{} ", self.paint.paint("2", &k.to_string())),
                _ => "  ".to_owned(),
            };
            for (n, line) in label.split('\n').enumerate() {
                let text = if i == cursor {
                    self.paint.paint("96", line)
                } else {
                    line.to_owned()
                };
                lines.push(if n == 0 {
                    format!("{mark} {key}{text}")
                } else {
                    text
                });
            }
        }
        lines.extend(help.split('\n').map(|line| self.paint.paint("36", line)));
        lines
    }

    /// The list collapsed to its title and `answer` (coloured as an answer when `chosen`).
    fn closed(&self, answer: &str, chosen: bool) -> Vec<String> {
        let code = if chosen { "96" } else { "31" };
        let text = format!(
            "{} {} {}",
            self.paint.paint("92", "?"),
            self.paint.paint("1", self.message),
            self.paint.paint(code, answer)
        );
        text.split('\n').map(str::to_owned).collect()
    }

    /// Shows the list on stderr and reads keys until it ends.
    ///
    /// # Errors
    /// The terminal failed.
    pub fn ask(self) -> io::Result<Ending> {
        let mut screen = Screen::open()?;
        let result = self.run(&mut screen);
        screen.close();
        result
    }

    fn run(&self, screen: &mut Screen) -> io::Result<Ending> {
        let count = self.plain.len();
        let mut labels = self.labels();
        let mut cursor = self.start;
        let mut top = 0;
        loop {
            screen.draw(&self.frame(&labels, cursor, &mut top))?;
            let key = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => key,
                Event::Resize(..) => {
                    labels = self.labels();
                    continue;
                }
                _ => continue,
            };
            let ending = match step(key, cursor, count) {
                Step::Move(to) => {
                    cursor = to;
                    continue;
                }
                Step::Key(c) => match self.keyed(c) {
                    Some(i) => Ending::Chose(i),
                    None => continue,
                },
                Step::End(ending) => ending,
            };
            let closed = match ending {
                Ending::Chose(i) => self.closed(&labels.answered(self.message, i), true),
                _ => self.closed("<canceled>", false),
            };
            screen.draw(&closed)?;
            screen.finish()?;
            return Ok(ending);
        }
    }
}

/// The options `from..to` to show of options `heights` rows high, in `room` rows: from `top`
/// on, moved as little as needed to show the one at `cursor`.
fn window(heights: &[usize], cursor: usize, top: usize, room: usize) -> (usize, usize) {
    let mut from = top.min(cursor);
    while from < cursor && heights[from..=cursor].iter().sum::<usize>() > room {
        from += 1;
    }
    let mut to = from;
    let mut used = 0;
    while to < heights.len() && (to <= cursor || used + heights[to] <= room) {
        used += heights[to];
        to += 1;
    }
    (from, to)
}

/// What a key does to a list of `count` options with the cursor on `cursor`.
enum Step {
    Move(usize),
    Key(char),
    End(Ending),
}

fn step(key: KeyEvent, cursor: usize, count: usize) -> Step {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let last = count.saturating_sub(1);
    match key.code {
        KeyCode::Char('c') if ctrl => Step::End(Ending::Interrupted),
        KeyCode::Char('d' | 'g') if ctrl => Step::End(Ending::Escaped),
        KeyCode::Esc => Step::End(Ending::Escaped),
        KeyCode::Enter => Step::End(Ending::Chose(cursor)),
        KeyCode::Char('j' | 'm') if ctrl => Step::End(Ending::Chose(cursor)),
        KeyCode::Up => Step::Move(if cursor == 0 { last } else { cursor - 1 }),
        KeyCode::Char('p') if ctrl => Step::Move(if cursor == 0 { last } else { cursor - 1 }),
        KeyCode::Down => Step::Move(if cursor >= last { 0 } else { cursor + 1 }),
        KeyCode::Char('n') if ctrl => Step::Move(if cursor >= last { 0 } else { cursor + 1 }),
        KeyCode::Home | KeyCode::PageUp => Step::Move(0),
        KeyCode::End | KeyCode::PageDown => Step::Move(last),
        KeyCode::Char(c) if !ctrl => Step::Key(c),
        _ => Step::Move(cursor),
    }
}

/// The terminal in raw mode, with what was last drawn: the cursor stays at the end of the
/// drawing's last line, so that it can be drawn again over itself.
struct Screen {
    drawn: usize,
    err: io::Stderr,
}

impl Screen {
    fn open() -> io::Result<Screen> {
        terminal::enable_raw_mode()?;
        let mut err = io::stderr();
        queue!(err, cursor::Hide)?;
        Ok(Screen { drawn: 0, err })
    }

    /// Draws `lines` over what was drawn before. Lines longer than the terminal is wide are
    /// counted as the rows they take, so that the next drawing starts at the right row.
    fn draw(&mut self, lines: &[String]) -> io::Result<()> {
        let mut out = self.err.lock();
        write!(out, "\r")?;
        if self.drawn > 1 {
            queue!(
                out,
                cursor::MoveUp(u16::try_from(self.drawn - 1).unwrap_or(u16::MAX))
            )?;
        }
        queue!(out, terminal::Clear(terminal::ClearType::FromCursorDown))?;
        write!(out, "{}", lines.join("\r\n"))?;
        out.flush()?;
        let width = match terminal::size() {
            Ok((w, _)) if w > 0 => usize::from(w),
            _ => 80,
        };
        self.drawn = lines
            .iter()
            .map(|l| visible_width(l).div_ceil(width).max(1))
            .sum();
        Ok(())
    }

    /// Ends the drawing with a new line, and leaves it there.
    fn finish(&mut self) -> io::Result<()> {
        write!(self.err, "\r\n")?;
        self.drawn = 0;
        self.err.flush()
    }

    /// Gives the terminal back as it was.
    fn close(&mut self) {
        let _ = queue!(self.err, cursor::Show);
        let _ = self.err.flush();
        let _ = terminal::disable_raw_mode();
    }
}

/// The columns `line` takes, leaving out our colour codes (`ESC [ ... m`).
fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut rest = line;
    while let Some(at) = rest.find('\u{1b}') {
        width += rest[..at].width();
        rest = &rest[at..];
        rest = rest.find('m').map_or("", |end| &rest[end + 1..]);
    }
    width + rest.width()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_move_the_cursor_round_and_end_the_list() {
        assert!(matches!(step(key(KeyCode::Up), 0, 3), Step::Move(2)));
        assert!(matches!(step(key(KeyCode::Down), 2, 3), Step::Move(0)));
        assert!(matches!(step(key(KeyCode::Down), 0, 3), Step::Move(1)));
        assert!(matches!(
            step(key(KeyCode::Enter), 1, 3),
            Step::End(Ending::Chose(1))
        ));
        assert!(matches!(
            step(key(KeyCode::Esc), 1, 3),
            Step::End(Ending::Escaped)
        ));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(step(ctrl_c, 1, 3), Step::End(Ending::Interrupted)));
        assert!(matches!(
            step(key(KeyCode::Char('3')), 0, 3),
            Step::Key('3')
        ));
    }

    #[test]
    fn shown_and_hidden_keys_pick_their_options() {
        let paint = Paint { color: false };
        let list = List::new("Pick", vec!["a".into(), "b".into()], "help", paint)
            .with_keys(vec![Some('1'), None])
            .with_hidden_key(' ', 0);
        assert_eq!(list.keyed('1'), Some(0));
        assert_eq!(list.keyed(' '), Some(0));
        assert_eq!(list.keyed('2'), None);
        let more = List::new("Pick", vec!["a".into()], "help", paint).with_keys(vec![Some('m')]);
        assert_eq!(more.keyed('M'), Some(0));
        let labels = Labels::with_width(list.plain.clone(), 40).keyed();
        let mut top = 0;
        assert_eq!(
            list.frame(&labels, 1, &mut top),
            ["? Pick", "  1 a", ">   b", "[help]"]
        );
    }

    #[test]
    fn the_window_follows_the_cursor_in_a_short_terminal() {
        let heights = [1, 2, 1, 1, 1];
        assert_eq!(window(&heights, 0, 0, 10), (0, 5));
        assert_eq!(window(&heights, 0, 0, 3), (0, 2));
        assert_eq!(window(&heights, 3, 0, 3), (2, 5));
        assert_eq!(window(&heights, 1, 3, 3), (1, 3));
        assert_eq!(window(&heights, 4, 0, 1), (4, 5));
    }

    #[test]
    fn colour_codes_take_no_columns() {
        assert_eq!(visible_width("\u{1b}[96m> ab\u{1b}[0m"), 4);
        assert_eq!(visible_width("plain"), 5);
    }
}
