//! Collects the problems of one file while it is read, turning byte spans into positions.

use std::ops::Range;

use super::diagnostic::{Diagnostic, LineIndex, Severity};

/// The problems found so far in one file.
#[derive(Debug)]
pub struct Report<'a> {
    path: &'a str,
    index: LineIndex<'a>,
    /// Added to every span: where the piece being read starts in the file.
    pub offset: usize,
    /// Everything found, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether to look for what makes a card bad to study (the warnings a card can `allow`).
    pub linting: bool,
}

impl<'a> Report<'a> {
    /// A report for `text`, read from `path`.
    #[must_use]
    pub fn new(path: &'a str, text: &'a str) -> Self {
        Report {
            path,
            index: LineIndex::new(text),
            offset: 0,
            diagnostics: Vec::new(),
            linting: true,
        }
    }

    /// The same report, looking for what makes a card bad to study only when `linting`.
    #[must_use]
    pub fn linting(mut self, linting: bool) -> Self {
        self.linting = linting;
        self
    }

    /// Records an error at the start of `span`.
    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.push(span, Severity::Error, message.into());
    }

    /// Records a warning at the start of `span`.
    pub fn warning(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.push(span, Severity::Warning, message.into());
    }

    /// Records a warning a card can silence with `allow = [code]`, at the start of `span`.
    pub fn lint(&mut self, span: &Range<usize>, code: &'static str, message: impl Into<String>) {
        self.push(span, Severity::Warning, message.into());
        if let Some(last) = self.diagnostics.last_mut() {
            last.code = Some(code);
        }
    }

    /// [`Report::lint`] at a byte offset of the whole file, whatever piece is being read.
    pub fn lint_at(&mut self, offset: usize, code: &'static str, message: impl Into<String>) {
        let piece = std::mem::take(&mut self.offset);
        self.lint(&(offset..offset), code, message);
        self.offset = piece;
    }

    /// Drops the warnings recorded from the `from`-th on whose code `allowed` says to drop.
    pub fn silence(&mut self, from: usize, allowed: impl Fn(&str) -> bool) {
        let mut i = 0;
        self.diagnostics.retain(|d| {
            i += 1;
            i <= from || !d.code.is_some_and(&allowed)
        });
    }

    /// The offset in the whole file of `span`, which is in the piece being read.
    #[must_use]
    pub fn absolute(&self, span: &Range<usize>) -> usize {
        self.offset + span.start
    }

    /// True when an error (not just a warning) has been recorded.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The 1-based line of a byte offset.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.index.line(self.offset + offset)
    }

    fn push(&mut self, span: &Range<usize>, severity: Severity, message: String) {
        let (line, column) = self.index.position(self.offset + span.start);
        self.diagnostics.push(Diagnostic {
            path: self.path.to_owned(),
            line,
            column,
            severity,
            message,
            code: None,
        });
    }

    /// The diagnostics sorted by position (stable, so same-place problems keep their order).
    #[must_use]
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.line, d.column));
        self.diagnostics
    }
}
