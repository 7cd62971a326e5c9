//! The `easy_days` key of the config file: a weight per weekday for the load balancer, from
//! 0 (keep the day free when the fuzz range allows) to 1 (a normal day), written as
//! `easy_days = { sun = 0.0, sat = 0.5 }`; weekdays left out weigh 1.

use toml::de::{DeTable, DeValue};

use crate::deck::report::Report;

/// The weekdays as the key names them, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The weights of `easy_days` in `table`, Monday first; `None` when the key is absent or has
/// a problem (reported at its place).
pub(super) fn read(table: &DeTable<'_>, report: &mut Report<'_>) -> Option<[f64; 7]> {
    let value = table.get("easy_days")?;
    let DeValue::Table(days) = value.get_ref() else {
        report.error(
            &value.span(),
            "`easy_days` must be a table like { sun = 0.0, sat = 0.5 }",
        );
        return None;
    };
    let mut weights = [1.0; 7];
    let mut fine = true;
    for (name, weight) in days {
        let Some(i) = WEEKDAYS.iter().position(|d| *d == name.get_ref().as_ref()) else {
            report.error(
                &name.span(),
                format!(
                    "`easy_days` has no weekday {:?}: use mon, tue, wed, thu, fri, sat or sun",
                    crate::text::escape_controls(name.get_ref())
                ),
            );
            fine = false;
            continue;
        };
        let number = match weight.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::Integer(n) => n.as_str().parse::<f64>().ok(),
            _ => None,
        };
        match number {
            Some(w) if (0.0..=1.0).contains(&w) => weights[i] = w,
            _ => {
                report.error(
                    &weight.span(),
                    format!(
                        "`easy_days.{}` must be a number from 0 (keep free) to 1 (a normal day)",
                        WEEKDAYS[i]
                    ),
                );
                fine = false;
            }
        }
    }
    fine.then_some(weights)
}

/// The weights as `recall config` shows them: the light days only.
#[must_use]
pub fn describe(weights: &[f64; 7]) -> String {
    let light: Vec<String> = WEEKDAYS
        .iter()
        .zip(weights)
        .filter(|(_, w)| **w < 1.0)
        .map(|(d, w)| format!("{d} = {w}"))
        .collect();
    if light.is_empty() {
        "none (every day 1)".to_owned()
    } else {
        format!("{{ {} }}", light.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse;

    #[test]
    fn weights_are_read_by_weekday() {
        let c = parse(
            "easy_days = { sun = 0.0, sat = 0.5, mon = 1 }\n",
            "c.toml",
            "x",
        )
        .unwrap();
        assert_eq!(c.settings.easy_days, [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.0]);
        assert_eq!(
            super::describe(&c.settings.easy_days),
            "{ sat = 0.5, sun = 0 }"
        );
        let row = c.rows().into_iter().find(|r| r.0 == "easy_days").unwrap();
        assert_eq!(row.2.to_string(), "c.toml:1");
        let off = parse("load_balance = false\n", "c.toml", "x").unwrap();
        assert!(!off.settings.load_balance);
        assert!(parse("", "c.toml", "x").unwrap().settings.load_balance);
    }

    #[test]
    fn bad_weekdays_and_weights_are_positioned() {
        let text = "easy_days = { sunday = 0.0, sat = 1.5, fri = \"low\" }\nload_balance = 1\n";
        let problems: Vec<String> = parse(text, "c.toml", "x")
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            [
                "c.toml:1:15: error: `easy_days` has no weekday \"sunday\": use mon, tue, wed, thu, fri, sat or sun",
                "c.toml:1:35: error: `easy_days.sat` must be a number from 0 (keep free) to 1 (a normal day)",
                "c.toml:1:46: error: `easy_days.fri` must be a number from 0 (keep free) to 1 (a normal day)",
                "c.toml:2:16: error: `load_balance` must be true or false",
            ]
        );
        let not_table = parse("easy_days = 0.5\n", "c.toml", "x").unwrap_err();
        assert!(not_table[0].to_string().contains("must be a table"));
    }
}
