//! The arguments of the commands on deck files: `check`, `new`, `import`, `draft` and
//! `export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// Output formats for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per problem: `path:line:column: severity: message`.
    Text,
    /// A JSON array of problems, for editors and CI.
    Json,
}

/// Arguments of `recall check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Deck files or folders (searched recursively for *.toml). Default: ./decks
    pub paths: Vec<PathBuf>,
    /// A text file every card's `cite` phrase must be found in.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
    /// Also list the sentences of the --source FILE that no card's `cite` falls in, with
    /// their line numbers, and the share of sentences covered.
    #[arg(long, requires = "source", conflicts_with = "format")]
    pub coverage: bool,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Arguments of `recall new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The deck file to create (never replaced if it exists).
    #[arg(value_name = "FILE.toml")]
    pub file: PathBuf,
    /// The deck's title [default: the file name].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The text the cards will be written from: its name becomes the deck's `source`.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
}

/// The formats `recall import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Quizlet's export: term, separator, definition.
    Quizlet,
    /// A spreadsheet saved as CSV, its first row naming the columns.
    Csv,
    /// Anki's "notes in plain text" export.
    AnkiText,
    /// An Anki package (.apkg or .colpkg).
    Apkg,
}

/// Arguments of `recall import`.
#[derive(Debug, Args)]
#[command(
    after_help = "Ids are made from each card's question (see docs/import-export.md), so a \
                        re-import of an updated file keeps the progress of unchanged cards."
)]
pub struct ImportCardsArgs {
    /// The file to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The deck file to write [default: FILE's name with .toml].
    #[arg(long, value_name = "DECK.toml")]
    pub to: Option<PathBuf>,
    /// The format of FILE [default: found from the file].
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// The character between fields: tab, comma, semicolon or the character itself
    /// [default: found from the first line].
    #[arg(long, value_name = "SEP", value_parser = parse_separator)]
    pub separator: Option<char>,
    /// What ends a row of a Quizlet export, when not a line break (e.g. ";").
    #[arg(long, value_name = "SEP")]
    pub row_separator: Option<String>,
    /// The deck's title [default: the Anki deck's name, else the file name].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Replace the deck file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `recall draft`.
#[derive(Debug, Args)]
#[command(
    after_help = "Every card cites a phrase of its sentence, so `recall check --source TEXT` proves \
                        it; review each card before studying (see docs/draft.md)."
)]
pub struct DraftArgs {
    /// The text to draft from (plain text or Markdown).
    #[arg(long, value_name = "TEXT")]
    pub source: PathBuf,
    /// Write a new deck file [default: print the draft].
    #[arg(long, value_name = "DECK.toml", conflicts_with = "append")]
    pub to: Option<PathBuf>,
    /// Add cards to this deck for the sentences none of its cards cites yet.
    #[arg(long, value_name = "DECK.toml")]
    pub append: Option<PathBuf>,
    /// At most N cards, the first in the text.
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,
    /// Replace the `--to` file if it exists.
    #[arg(long, requires = "to")]
    pub force: bool,
}

fn parse_separator(text: &str) -> Result<char, String> {
    match text.to_lowercase().as_str() {
        "tab" | "\\t" => Ok('\t'),
        "comma" => Ok(','),
        "semicolon" => Ok(';'),
        _ => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c != '\n' && c != '"' => Ok(c),
                _ => Err("use tab, comma, semicolon or a single character".to_owned()),
            }
        }
    }
}

/// The formats `recall export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per card with every field, for a spreadsheet and `recall import`.
    Csv,
    /// Term TAB definition, for Quizlet's import.
    Quizlet,
    /// Anki's "notes in plain text", with its header lines.
    AnkiText,
    /// An Anki package (.apkg).
    Anki,
    /// Moodle's GIFT question format.
    Gift,
    /// Aiken: multiple-choice questions only (Moodle).
    Aiken,
    /// An IMS QTI 1.2 package (zip), as Canvas and Blackboard import.
    Qti,
}

impl ExportFormat {
    /// The usual file ending.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Quizlet | ExportFormat::AnkiText | ExportFormat::Aiken => "txt",
            ExportFormat::Anki => "apkg",
            ExportFormat::Gift => "gift",
            ExportFormat::Qti => "zip",
        }
    }
}

/// Arguments of `recall export`.
#[derive(Debug, Args)]
pub struct ExportCardsArgs {
    /// The deck file.
    #[arg(value_name = "DECK.toml")]
    pub deck: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The file to write (replaced atomically) [default: the deck's name with the format's
    /// ending].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only cards with this tag (repeat for several: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only cards of these kinds, a comma list of basic,reversed,choice,true-false,cloze,order.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub kinds: Vec<String>,
}
