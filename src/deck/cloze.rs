//! Cloze text: `{{deletion}}` and `{{deletion::hint}}` markers. A deletion may list other
//! wordings it accepts after `|`: `{{Alma-Ata|Almaty}}`, with a hint `{{Alma-Ata|Almaty::a
//! city}}` (the hint comes last and may itself hold `|`). The first wording is the one
//! shown.

use super::model::Deletion;

/// Reads the deletions of a cloze text, in order.
///
/// # Errors
/// A message for an unclosed or empty deletion, or for a text without any.
pub fn parse(text: &str) -> Result<Vec<Deletion>, String> {
    let mut deletions = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or_else(|| "cloze deletion `{{` is never closed with `}}`".to_owned())?;
        let inner = &after[..close];
        if inner.contains("{{") {
            return Err("cloze deletion `{{` is never closed with `}}`".to_owned());
        }
        let (answers, hint) = match inner.split_once("::") {
            Some((answers, hint)) => (answers, Some(hint.trim())),
            None => (inner, None),
        };
        let mut wordings = answers.split('|').map(str::trim);
        let answer = wordings.next().unwrap_or_default();
        if answer.is_empty() && !answers.contains('|') {
            return Err("cloze deletion `{{}}` is empty".to_owned());
        }
        let accept: Vec<String> = wordings.map(str::to_owned).collect();
        if answer.is_empty() || accept.iter().any(String::is_empty) {
            return Err(format!(
                "cloze deletion `{{{{{}}}}}` has an empty wording; write `{{{{a|b}}}}` with text on both sides of `|`",
                answers.trim()
            ));
        }
        deletions.push(Deletion {
            answer: answer.to_owned(),
            accept,
            hint: hint.filter(|h| !h.is_empty()).map(str::to_owned),
        });
        rest = &after[close + 2..];
    }
    if deletions.is_empty() {
        return Err("cloze text has no deletion; mark one like {{this}}".to_owned());
    }
    Ok(deletions)
}

/// The cloze text with deletion `hidden` (0-based) shown as `[...]` (or `[hint]`) and the
/// others shown as plain text (their first wording).
#[must_use]
pub fn render(text: &str, hidden: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut index = 0;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        out.push_str(&rest[..open]);
        let inner = &after[..close];
        let (answers, hint) = match inner.split_once("::") {
            Some((a, h)) => (a, h.trim()),
            None => (inner, ""),
        };
        let answer = answers.split('|').next().unwrap_or_default().trim();
        if index == hidden {
            out.push('[');
            out.push_str(if hint.is_empty() { "..." } else { hint });
            out.push(']');
        } else {
            out.push_str(answer);
        }
        index += 1;
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_deletions_and_hints() {
        let d =
            parse("In {{1921::year}} the {{Tenth Party Congress}} banned {{factions}}.").unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].answer, "1921");
        assert_eq!(d[0].hint.as_deref(), Some("year"));
        assert_eq!(d[1].hint, None);
    }

    #[test]
    fn reads_alternative_wordings() {
        let d = parse("In {{Alma-Ata | Almaty::a city}} in {{1929|nineteen twenty-nine}}, {{x}}.")
            .unwrap();
        assert_eq!(d[0].answer, "Alma-Ata");
        assert_eq!(d[0].accept, ["Almaty"]);
        assert_eq!(d[0].hint.as_deref(), Some("a city"));
        assert_eq!(d[1].accept, ["nineteen twenty-nine"]);
        assert_eq!(d[1].hint, None);
        assert!(d[2].accept.is_empty());
        let hinted = parse("{{a::left|right}}").unwrap();
        assert_eq!(hinted[0].hint.as_deref(), Some("left|right"));
        assert!(hinted[0].accept.is_empty());
        for bad in ["{{a|}}", "{{|a}}", "{{a||b}}", "{{ | ::hint}}"] {
            assert!(parse(bad).unwrap_err().contains("empty wording"), "{bad}");
        }
        assert_eq!(
            render("In {{Alma-Ata|Almaty::city}} and {{1929|1929.0}}.", 1),
            "In Alma-Ata and [...]."
        );
    }

    #[test]
    fn rejects_bad_markers() {
        assert!(
            parse("no deletion here")
                .unwrap_err()
                .contains("no deletion")
        );
        assert!(
            parse("open {{ never closed")
                .unwrap_err()
                .contains("never closed")
        );
        assert!(parse("empty {{ }} one").unwrap_err().contains("empty"));
        assert!(parse("{{a {{b}} c}}").unwrap_err().contains("never closed"));
    }

    #[test]
    fn renders_one_hidden_deletion() {
        let text = "In {{1921::year}} the {{Tenth Party Congress}} banned {{factions}}.";
        assert_eq!(
            render(text, 0),
            "In [year] the Tenth Party Congress banned factions."
        );
        assert_eq!(
            render(text, 2),
            "In 1921 the Tenth Party Congress banned [...]."
        );
    }
}
