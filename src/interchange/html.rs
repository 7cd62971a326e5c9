//! Anki fields are HTML; a deck holds plain text. Tags are dropped, line breaks kept
//! (`<br>`, and the ends of blocks such as `<div>` and `<p>`), entities decoded (by the
//! `html-escape` crate, which knows all of HTML's named entities), and the content of
//! `<script>` and `<style>` left out.

/// Tags that end a line where they open or close.
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "blockquote",
    "pre",
];

/// The text of an HTML fragment (see the module documentation).
#[must_use]
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A lone `<` is text.
            out.push('<');
            rest = after;
            continue;
        };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        } else if (name == "script" || name == "style") && !tag.starts_with('/') {
            let end = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&end).map_or("", |at| &rest[at..]);
        }
    }
    out.push_str(rest);
    let decoded = html_escape::decode_html_entities(&out).replace('\u{a0}', " ");
    tidy(&decoded)
}

/// Trailing spaces dropped from each line, no more than one empty line in a row, none at
/// either end; `\r\n` read as `\n`.
#[must_use]
pub fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text
        .split('\n')
        .map(|l| l.trim_end_matches([' ', '\t', '\r']))
    {
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n").trim_start().to_owned()
}

/// `text` as HTML: `&`, `<`, `>` and `"` escaped, line breaks as `<br>`.
#[must_use]
pub fn from_text(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_breaks_stay_entities_are_decoded() {
        assert_eq!(
            to_text("<div><b>Trotsky</b> &amp; Lenin</div><div>line&nbsp;two<br/>three</div>"),
            "Trotsky & Lenin\nline two\nthree"
        );
        assert_eq!(to_text("a < b &lt; c &#233;&#x41;"), "a < b < c éA");
        assert_eq!(
            to_text("x<script>alert(1)</script>y<style>p{}</style>"),
            "xy"
        );
        assert_eq!(to_text("<p>one</p>\n\n\n<p>two</p>"), "one\n\ntwo");
        assert_eq!(
            from_text("a<b & \"c\"\nd"),
            "a&lt;b &amp; &quot;c&quot;<br>d"
        );
    }
}
