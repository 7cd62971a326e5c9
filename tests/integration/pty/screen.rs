//! A small terminal screen: what a terminal of a given size shows once it has been sent the
//! program's output, cursor moves and erasures included. Enough of the VT100 for what recall
//! and inquire send: text, CR, LF (scrolling at the bottom), cursor up/down/forward/back,
//! column, erase in display and in line; colours and modes are ignored.

use unicode_width::UnicodeWidthChar;

pub(super) struct Screen {
    rows: Vec<Vec<char>>,
    width: usize,
    row: usize,
    col: usize,
    /// Lines scrolled off the top.
    pub(super) scrolled: usize,
    /// Those lines, oldest first.
    history: Vec<Vec<char>>,
}

impl Screen {
    /// The screen of a `width` × `height` terminal after `bytes`.
    pub(super) fn after(bytes: &[u8], width: usize, height: usize) -> Screen {
        let mut screen = Screen {
            rows: vec![Vec::new(); height],
            width,
            row: 0,
            col: 0,
            scrolled: 0,
            history: Vec::new(),
        };
        let text = String::from_utf8_lossy(bytes);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => screen.col = 0,
                '\n' => screen.line_feed(),
                '\u{1b}' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        let mut end = None;
                        for c in chars.by_ref() {
                            if ('\u{40}'..='\u{7e}').contains(&c) {
                                end = Some(c);
                                break;
                            }
                            params.push(c);
                        }
                        screen.csi(&params, end.unwrap_or('m'));
                    }
                    Some(']') => {
                        while let Some(c) = chars.next() {
                            if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some())
                            {
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                c if c.is_control() => {}
                c => screen.put(c),
            }
        }
        screen
    }

    fn line_feed(&mut self) {
        if self.row + 1 == self.rows.len() {
            let top = self.rows.remove(0);
            self.history.push(top);
            self.rows.push(Vec::new());
            self.scrolled += 1;
        } else {
            self.row += 1;
        }
    }

    fn put(&mut self, c: char) {
        let w = c.width().unwrap_or(0);
        if w == 0 {
            return;
        }
        if self.col + w > self.width {
            self.col = 0;
            self.line_feed();
        }
        let row = &mut self.rows[self.row];
        if row.len() < self.col + w {
            row.resize(self.col + w, ' ');
        }
        row[self.col] = c;
        if w == 2 {
            row[self.col + 1] = '\0';
        }
        self.col += w;
    }

    fn csi(&mut self, params: &str, end: char) {
        if params.starts_with('?') {
            return;
        }
        let n = params.parse::<usize>().unwrap_or(0);
        let by = n.max(1);
        match end {
            'A' => self.row = self.row.saturating_sub(by),
            'B' => self.row = (self.row + by).min(self.rows.len() - 1),
            'C' => self.col = (self.col + by).min(self.width - 1),
            'D' => self.col = self.col.saturating_sub(by),
            'G' => self.col = by - 1,
            'K' => self.rows[self.row].truncate(self.col),
            'J' if n == 0 => {
                self.rows[self.row].truncate(self.col);
                for row in &mut self.rows[self.row + 1..] {
                    row.clear();
                }
            }
            _ => {}
        }
    }

    /// The screen's lines, without trailing spaces.
    pub(super) fn lines(&self) -> Vec<String> {
        text(&self.rows)
    }

    /// The lines scrolled off the top, then the screen's.
    pub(super) fn all_lines(&self) -> Vec<String> {
        let mut all = text(&self.history);
        all.extend(self.lines());
        all
    }

    /// The row the cursor is on.
    pub(super) fn cursor_row(&self) -> usize {
        self.row
    }
}

/// Rows as text, without trailing spaces.
fn text(rows: &[Vec<char>]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let line: String = r.iter().filter(|&&c| c != '\0').collect();
            line.trim_end().to_owned()
        })
        .collect()
}
