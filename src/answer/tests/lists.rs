//! Rows of the table for list answers: in any order unless the card keeps its order.

use super::*;

/// List answers.
#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    vec![
        case(
            "Zinovyev and Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "the same two names, other order",
        ),
        case(
            "Kamenev & Zinovyev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "& for and",
        ),
        case(
            "Kamenev, Zinovyev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "a comma for and",
        ),
        case(
            "Zinovyev/Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "a slash, other order",
        ),
        case(
            "Zinovyev; Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "a semicolon, other order",
        ),
        case(
            "Zinoviev and Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            typo("Kamenev and Zinovyev"),
            "a typo in a name, other order",
        ),
        case(
            "Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            WRONG,
            "half the answer",
        ),
        case(
            "Kamenev and Trotsky",
            text("Kamenev and Zinovyev"),
            &[],
            WRONG,
            "one name wrong",
        ),
        case(
            "Kamenev and Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            WRONG,
            "one name twice",
        ),
        case(
            "Kamenev, Zinovyev and Trotsky",
            text("Kamenev and Zinovyev"),
            &[],
            WRONG,
            "a name too many",
        ),
        case(
            "Trotsky, Zinovyev, and Kamenev",
            text("Kamenev, Zinovyev and Trotsky"),
            &[],
            EXACT,
            "three names, an Oxford comma",
        ),
        case(
            "the Mensheviks and the Bolsheviks",
            text("the Bolsheviks and the Mensheviks"),
            &[],
            EXACT,
            "articles in each item",
        ),
        case(
            "1917 and 1905",
            text("1905 and 1917"),
            &[],
            EXACT,
            "two years, other order",
        ),
        case(
            "1917 and 1906",
            text("1905 and 1917"),
            &[],
            WRONG,
            "one year wrong",
        ),
        case(
            "Charles II and Louis XIV",
            text("Louis XIV and Charles II"),
            &[],
            EXACT,
            "numbered names, other order",
        ),
        case(
            "Charles I and Louis XIV",
            text("Louis XIV and Charles II"),
            &[],
            WRONG,
            "one king wrong",
        ),
        case("2/1", text("1/2"), &[], WRONG, "a fraction is no list"),
        case("h/km", text("km/h"), &[], WRONG, "a unit is no list"),
        case(
            "DC/AC",
            text("AC/DC"),
            &[],
            WRONG,
            "short words around a slash are no list",
        ),
        case("5,3", text("3,5"), &[], WRONG, "a decimal comma is no list"),
        case(
            "Zinovyev and Kamenev",
            text("Kamenev and Zinovyev"),
            &[],
            WRONG,
            "the card keeps the order",
        )
        .in_order(),
        case(
            "Kamenev & Zinovyev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "the order kept, & for and",
        )
        .in_order(),
        case(
            "Kamenev, Zinovyev",
            text("Kamenev and Zinovyev"),
            &[],
            EXACT,
            "the order kept, a comma for and",
        )
        .in_order(),
        case(
            "Prejudice and Pride",
            text("Pride and Prejudice"),
            &[],
            WRONG,
            "a title keeps its order",
        )
        .in_order(),
        case(
            "Pride & Prejudice",
            text("Pride and Prejudice"),
            &[],
            EXACT,
            "& in a title",
        )
        .in_order(),
    ]
}
