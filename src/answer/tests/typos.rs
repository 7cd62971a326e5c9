//! Rows of the table for typos: a typo is forgiven, but never turns one thing into another
//! (another number, another card's answer, another word).

use super::*;

/// Typos forgiven and typos refused.
#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    vec![
        case(
            "Prussia",
            text("Russia"),
            &[],
            WRONG,
            "Prussia is a country of its own",
        ),
        case(
            "Russia",
            text("Prussia"),
            &[],
            WRONG,
            "Russia is a country of its own",
        ),
        case(
            "Rusia",
            text("Russia"),
            &[],
            typo("Russia"),
            "a dropped letter",
        ),
        case(
            "Russai",
            text("Russia"),
            &[],
            typo("Russia"),
            "a transposition",
        ),
        case(
            "Prusia",
            text("Prussia"),
            &[],
            typo("Prussia"),
            "a dropped letter",
        ),
        case(
            "Pussia",
            text("Prussia"),
            &[],
            typo("Prussia"),
            "first letter kept, not a word",
        ),
        case(
            "Austria",
            text("Australia"),
            &[],
            WRONG,
            "another country (forgiven before issue 15)",
        ),
        case("Slovakia", text("Slovenia"), &[], WRONG, "another country"),
        case("Gambia", text("Zambia"), &[], WRONG, "another country"),
        case(
            "Lativa",
            text("Latvia"),
            &[],
            typo("Latvia"),
            "a transposition",
        ),
        case("Kamenev", text("Kameneva"), &[], WRONG, "another person"),
        case(
            "Frotsky",
            text("Trotsky"),
            &[],
            WRONG,
            "a changed first letter is not a typo",
        ),
        case(
            "Dinovyev",
            text("Zinovyev"),
            &[],
            WRONG,
            "a changed first letter",
        ),
        case(
            "Sinovyev",
            text("Zinovyev"),
            &[],
            typo("Zinovyev"),
            "S and Z sound alike",
        ),
        case(
            "Zinoviev",
            text("Zinovyev"),
            &[],
            typo("Zinovyev"),
            "i for y, inside the name",
        ),
        case(
            "Yekaterinburg",
            text("Jekaterinburg"),
            &[],
            typo("Jekaterinburg"),
            "J and Y transliterate one sound",
        ),
        case(
            "Konstantin",
            text("Constantine"),
            &[],
            typo("Constantine"),
            "C and K sound alike",
        ),
        case(
            "Bukarin",
            text("Bukharin"),
            &[],
            typo("Bukharin"),
            "a dropped letter",
        ),
        case(
            "Mexico",
            text("Mexico City"),
            &[],
            WRONG,
            "a missing word is not a typo",
        ),
        case(
            "Sverdlov",
            text("Sverdlovsk"),
            &[],
            typo("Sverdlovsk"),
            "no deck has Sverdlov: a dropped ending",
        ),
        case(
            "Sverdlov",
            text("Sverdlovsk"),
            &[],
            WRONG,
            "another card's answer",
        )
        .known(&["Sverdlov", "Sverdlovsk"]),
        case(
            "Tomsky",
            text("Tomsk"),
            &[],
            WRONG,
            "another card's answer, a person",
        )
        .known(&["Mikhail Tomsky"]),
        case(
            "Stalin",
            text("Stalino"),
            &[],
            WRONG,
            "another card's answer",
        )
        .known(&["Stalin"]),
        case(
            "Stalinp",
            text("Stalino"),
            &[],
            typo("Stalino"),
            "not a word of the decks",
        )
        .known(&["Stalin"]),
        case(
            "Trotksy",
            text("Trotsky"),
            &[],
            typo("Trotsky"),
            "the decks know Trotsky, not Trotksy",
        )
        .known(&["Trotsky", "Trotskyism"]),
        case(
            "Tenth Party Conference",
            text("the Tenth Party Congress"),
            &[],
            WRONG,
            "another word, and far",
        ),
        case(
            "people's commissar o war",
            text("people's commissar of war"),
            &[],
            typo("people's commissar of war"),
            "a slip in a function word",
        ),
        case(
            "Kamenev nd Zinovyev",
            text("Kamenev and Zinovyev"),
            &[],
            typo("Kamenev and Zinovyev"),
            "a function word may lose its first letter",
        ),
        case(
            "socialism in on country",
            text("socialism in one country"),
            &[],
            typo("socialism in one country"),
            "a slip in a short number word where the answer has that number",
        ),
        case(
            "socialism in two country",
            text("socialism in one country"),
            &[],
            WRONG,
            "two is not one",
        ),
        case(
            "Vitamin K",
            text("Vitamin C"),
            &[],
            WRONG,
            "a one-letter word is never misspelt",
        ),
        case(
            "Vitamin B",
            text("Vitamin D"),
            &[],
            WRONG,
            "another vitamin",
        ),
        case(
            "Bolsheviks",
            text("Bolshevik"),
            &[],
            typo("Bolshevik"),
            "a plural, known or not",
        )
        .known(&["the Bolsheviks"]),
    ]
}
