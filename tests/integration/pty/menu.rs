//! The "… more" menu of a question: undo (from the menu and from the rating list), bury,
//! suspend, and edit, each followed through to what the next session asks.

use super::{ESC, FLIP, LATER_TODAY, NOW, Pty, TOMORROW, capitals, ratings, triple};
use crate::fixtures::fixture;
use crate::support::write;

#[test]
fn undo_from_the_menu_and_from_the_rating_list_asks_the_card_again() {
    let (dir, mut pty) = capitals(&[]);
    pty.reveal_and_rate("Hard");
    // The next card is on screen: undo from its "… more" menu.
    pty.next_question("1 done ·", "Capital of Italy?");
    pty.menu("Undo the last step");
    pty.expect("Last answer undone.");
    pty.next_question("0 done · 3 new ·", "Capital of France?");
    pty.reveal_and_rate("Good");
    // Again, from the rating list of the next card this time.
    pty.next_question("1 done ·", "Capital of Italy?");
    pty.reveal();
    pty.expect("Answer: Rome");
    pty.rate("Undo the last step");
    pty.expect("Last answer undone.");
    pty.next_question("0 done · 3 new ·", "Capital of France?");
    pty.reveal_and_rate("Easy");
    pty.next_question("1 done ·", "Capital of Italy?");
    pty.esc_at(FLIP);
    pty.expect_summary("Studied 1 card in");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

#[test]
fn bury_and_suspend_from_the_menu_hide_the_card() {
    let (dir, mut pty) = capitals(&[]);
    pty.menu("Bury until tomorrow");
    pty.expect("Buried until tomorrow.");
    pty.next_question("0 done · 2 new ·", "Capital of Italy?");
    pty.menu("Suspend this card");
    pty.expect("Suspended.");
    pty.next_question("0 done · 1 new ·", "Capital of Spain?");
    pty.reveal_and_rate("Easy");
    pty.expect_summary("Studied 1 card in");

    // Later the same day: nothing is asked.
    let mut pty = Pty::study(dir.path(), LATER_TODAY, &[]);
    pty.expect("Nothing due now");
    // No new card is left to offer: Italy is suspended and France buried.
    let (options, _) = pty.list("What next?");
    assert_eq!(options.len(), 2, "{options:?}");
    assert_eq!(options[1], "Quit");
    pty.choose_seen(&options, "Quit");
    pty.expect_summary("Studied 0 cards");

    // Tomorrow the buried card is back; the suspended one is not.
    let mut pty = Pty::study(dir.path(), TOMORROW, &[]);
    let first = pty.expect("Capital of");
    assert!(
        first.contains("0 done · 1 new · 0 learning · 0 review"),
        "{first}"
    );
    pty.expect(" France?");
    pty.esc_at(FLIP);
    pty.finish_ok();
    assert_eq!(ratings(dir.path()), [triple("es", 4, None)]);
}

#[test]
fn edit_opens_the_editor_at_the_card_then_asks_the_card_as_edited() {
    let dir = fixture("capitals");
    // A stand-in editor: notes its arguments and rewrites the card's question.
    let editor = write(
        dir.path(),
        "editor.sh",
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/Capital of France?/Which city is the capital of France?/' \"$2\"\n",
            dir.path().join("editor-args").display()
        ),
    );
    let mut perms = std::fs::metadata(&editor).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).unwrap();
    let args = ["study", "deck.toml"];
    let mut pty = Pty::spawn_with(dir.path(), NOW, &args, &[("EDITOR", &editor)]);
    pty.expect("Capital of France?");
    pty.menu("Edit this card");
    pty.next_question("0 done · 3 new ·", "Which city is the capital of France?");
    pty.reveal();
    pty.expect("Answer: Paris");
    pty.rate("Easy");
    pty.expect("Capital of Italy?");
    pty.esc_at(FLIP);
    pty.finish_ok();
    let args = std::fs::read_to_string(dir.path().join("editor-args")).unwrap();
    // The card's `[[card]]` line, and the deck as it was named on the command line.
    assert_eq!(args.trim(), "+6 deck.toml");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

/// Undo takes back a suspension or a burial as it takes back an answer: the card is asked
/// again at once, and stays in the deck's sessions afterwards.
#[test]
fn undo_brings_back_a_card_suspended_or_buried_by_mistake() {
    let (dir, mut pty) = capitals(&[]);
    for (step, done) in [
        ("Suspend this card", "Suspended."),
        ("Bury until tomorrow", "Buried until tomorrow."),
    ] {
        pty.menu(step);
        pty.expect(done);
        pty.expect("Capital of Italy?");
        pty.menu("Undo");
        pty.expect("The card is back.");
        pty.expect("Capital of France?");
    }
    pty.send(ESC);
    pty.finish_ok();

    // Later the same day France is still there to study: neither suspended nor buried.
    let mut pty = Pty::study(dir.path(), LATER_TODAY, &[]);
    pty.expect("Capital of France?");
    pty.send(ESC);
    pty.finish_ok();
}
