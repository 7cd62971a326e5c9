//! `recall completions SHELL` and `recall man`: the output is checked by the tools that will
//! read it (bash's parser, man), not only by its text.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{recall, stdout};

/// Runs `recall ARGS` in a temp folder and returns its standard output; it must succeed.
fn printed(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = recall(dir.path()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

/// Feeds `input` to `program ARGS` and returns its exit status and standard output.
fn feed(program: &str, args: &[&str], input: &str) -> (bool, String) {
    let mut child = Command::new(program)
        .args(args)
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} is needed for this test: {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    // man justifies its lines; one space between words keeps the assertions readable.
    let text = stdout(&out);
    let words: Vec<_> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (out.status.success(), words.join("\n"))
}

#[test]
fn bash_completion_parses_and_offers_every_subcommand() {
    let script = printed(&["completions", "bash"]);
    let (ok, _) = feed("bash", &["-n"], &script);
    assert!(ok, "bash -n refused the script");
    // Loaded into a shell, completing `recall st` offers the two commands that start so.
    let probe = format!(
        "{script}\nCOMP_WORDS=(recall st); COMP_CWORD=1; COMP_LINE='recall st'; COMP_POINT=9\n\
         _recall recall st recall\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let (ok, offered) = feed("bash", &[], &probe);
    assert!(ok);
    let mut offered: Vec<_> = offered.lines().collect();
    offered.sort_unstable();
    assert_eq!(offered, ["stats", "study"]);
}

#[test]
fn every_shell_gets_a_script_naming_the_program() {
    for (shell, mark) in [
        ("zsh", "#compdef recall"),
        ("fish", "complete -c recall"),
        ("elvish", "edit:completion:arg-completer[recall]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = printed(&["completions", shell]);
        assert!(script.contains(mark), "{shell}: {script}");
        assert!(
            script.contains("import-revlog"),
            "{shell} misses a subcommand"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = recall(dir.path())
        .args(["completions", "cmd"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values"));
}

#[test]
fn man_renders_the_page_of_recall_and_of_a_subcommand() {
    let (ok, page) = feed("man", &["-l", "-"], &printed(&["man"]));
    assert!(ok);
    assert!(
        page.contains("recall - Flashcards and quizzes from TOML decks"),
        "{page}"
    );
    for section in ["SYNOPSIS", "OPTIONS", "SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} missing:\n{page}");
    }
    assert!(page.contains("recall-import-revlog(1)"), "{page}");

    let (ok, page) = feed("man", &["-l", "-"], &printed(&["man", "quiz"]));
    assert!(ok);
    assert!(page.contains("recall-quiz - Take a mock exam"), "{page}");
    assert!(page.contains("--seed"), "{page}");
}

#[test]
fn man_of_an_unknown_subcommand_names_the_real_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = recall(dir.path()).args(["man", "studdy"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no subcommand named \"studdy\"") && err.contains("study, quiz"),
        "{err}"
    );
    assert!(!err.contains("help"), "{err}");
}
