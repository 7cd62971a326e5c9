//! The commands a study session suggests to its learner (more new cards, a cram), worded
//! from the arguments it was given so they can be pasted back into a shell.

use std::ffi::OsStr;
use std::path::Path;

use clap::ValueEnum;

use super::{CramArgs, ModeArg, QuizArgs, StudyArgs};
use crate::config::profile::Location;
use crate::study::more::MoreNew;
use crate::ui::render::safe;

/// The cram a learner picks in the terminal instead: the same decks and tags.
pub fn cram_args(args: &StudyArgs) -> CramArgs {
    CramArgs {
        paths: args.paths.clone(),
        tags: args.tags.clone(),
        weakest: None,
        filters: crate::cli::CramFilterArgs::default(),
        plain: false,
        images: args.images,
    }
}

/// The data folder the commands must name: the one the session was given, unless
/// `RECALL_DATA_DIR` (`from_env`) names the same folder, which the pasted command reads too.
pub fn named_data_dir<'a>(options: &'a Location, from_env: Option<&OsStr>) -> Option<&'a Path> {
    options
        .data_dir
        .as_deref()
        .filter(|dir| from_env != Some(dir.as_os_str()))
}

/// The command that studies the same decks with `new_per_day` new cards a day, and the one
/// that crams them: the same paths, tags, data folder (`data_dir`, see [`named_data_dir`])
/// and profile (and mode, for the study).
pub fn commands(
    args: &StudyArgs,
    options: &Location,
    data_dir: Option<&Path>,
    new_per_day: u32,
) -> (String, String) {
    let mut common: Vec<String> = args
        .paths
        .iter()
        .map(|p| shell_word(&p.to_string_lossy()))
        .collect();
    for tag in &args.tags {
        common.push(format!("--tag {}", shell_word(tag)));
    }
    if let Some(dir) = data_dir {
        common.push(format!("--data-dir {}", shell_word(&dir.to_string_lossy())));
    }
    if options.profile != "default" {
        common.push(format!("--profile {}", shell_word(&options.profile)));
    }
    let mut study = vec!["recall study".to_owned()];
    study.extend(common.iter().cloned());
    if args.mode != ModeArg::Auto
        && let Some(mode) = args.mode.to_possible_value()
    {
        study.push(format!("--mode {}", mode.get_name()));
    }
    study.push(format!("--new {new_per_day}"));
    let mut cram = vec!["recall cram".to_owned()];
    cram.extend(common);
    (study.join(" "), cram.join(" "))
}

/// The line a plain session prints instead of the terminal's list: the command that
/// studies the new cards of `more` (when it has any) and the one that crams.
#[must_use]
pub fn plain_hint(args: &StudyArgs, location: &Location, more: &MoreNew) -> String {
    let env = crate::env::data_dir_var();
    let data_dir = named_data_dir(location, env.as_deref());
    let (study, cram) = commands(args, location, data_dir, more.new_per_day);
    let learn = (more.count > 0).then_some((study.as_str(), more.count));
    crate::ui::more::hint(learn, &cram)
}

/// `text` as one word a POSIX shell reads back unchanged (control characters dropped).
pub fn shell_word(text: &str) -> String {
    let text = safe(text);
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The `recall quiz` command that asks the quiz `args` drew with `seed`, for a paper test.
#[must_use]
pub fn quiz_command(args: &QuizArgs, seed: u64) -> String {
    let mut command = "recall quiz".to_owned();
    for path in &args.paths {
        command.push(' ');
        command.push_str(&shell_word(&path.display().to_string()));
    }
    command.push_str(&format!(" --seed {seed} --count {}", args.count));
    if let Some(types) = &args.types {
        command.push_str(&format!(" --types {}", shell_word(types)));
    }
    for tag in &args.tags {
        command.push_str(&format!(" --tag {}", shell_word(tag)));
    }
    command
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::StoreOptions;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        study: StudyArgs,
        #[command(flatten)]
        store: StoreOptions,
    }

    fn commands_of(argv: &[&str]) -> (String, String) {
        let cli = Cli::parse_from(std::iter::once("recall").chain(argv.iter().copied()));
        let store = cli.store.location();
        commands(&cli.study, &store, store.data_dir.as_deref(), 30)
    }

    #[test]
    fn the_commands_keep_the_decks_tags_profile_and_mode() {
        assert_eq!(
            commands_of(&[]),
            ("recall study --new 30".to_owned(), "recall cram".to_owned())
        );
        assert_eq!(
            commands_of(&[
                "decks/a.toml",
                "my decks/it's.toml",
                "--tag",
                "dates",
                "--profile",
                "alice",
                "--mode",
                "type",
                "--limit",
                "5",
            ]),
            (
                "recall study decks/a.toml 'my decks/it'\\''s.toml' --tag dates --profile alice \
                 --mode type --new 30"
                    .to_owned(),
                "recall cram decks/a.toml 'my decks/it'\\''s.toml' --tag dates --profile alice"
                    .to_owned()
            )
        );
    }

    #[test]
    fn the_commands_name_the_data_folder_unless_the_environment_does() {
        let cli = Cli::parse_from([
            "recall",
            "d.toml",
            "--data-dir",
            "my data",
            "--profile",
            "b",
        ]);
        let store = cli.store.location();
        let dir = named_data_dir(&store, None);
        assert_eq!(dir, Some(Path::new("my data")));
        assert_eq!(
            commands(&cli.study, &store, dir, 30),
            (
                "recall study d.toml --data-dir 'my data' --profile b --new 30".to_owned(),
                "recall cram d.toml --data-dir 'my data' --profile b".to_owned()
            )
        );
        let env = OsStr::new("my data");
        assert_eq!(named_data_dir(&store, Some(env)), None);
        let other = OsStr::new("/elsewhere");
        assert_eq!(named_data_dir(&store, Some(other)), dir);
        let default = Cli::parse_from(["recall"]);
        assert_eq!(named_data_dir(&default.store.location(), None), None);
    }

    #[test]
    fn odd_words_are_quoted_without_their_control_characters() {
        assert_eq!(shell_word("a\u{1b}[31mb"), "ab");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("$HOME"), "'$HOME'");
        assert_eq!(shell_word("x;rm"), "'x;rm'");
    }

    #[test]
    fn words_a_shell_would_split_are_quoted() {
        assert_eq!(shell_word("decks/geo.toml"), "decks/geo.toml");
        assert_eq!(shell_word("typed,choice"), "typed,choice");
        assert_eq!(shell_word("my decks"), "'my decks'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("$(rm)"), "'$(rm)'");
        assert_eq!(shell_word(""), "''");
    }
}
