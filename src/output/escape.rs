//! Escaping rule text for each place it goes. Text from rule files is data until the
//! moment it is written, and every output that writes it goes through one of these:
//! the terminal (no control character or bidi override is ever written raw), Markdown,
//! Mermaid and DOT labels, and the descriptions given to shell completion scripts.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as it is: C0 controls (newlines and tabs too:
/// rule text has its paragraphs split before it is escaped), DEL, C1 controls, the line
/// and paragraph separators, and the characters that reorder text (bidi overrides and
/// isolates, which can make a line read as something else than it says).
pub fn is_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
    )
}

/// `text` with every control character shown as a visible escape (`\x1b`, `\u{202e}`),
/// so that it cannot move the cursor, clear the screen, set the title or the clipboard,
/// or reorder what it shows.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_control(c) => escaped.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(escaped, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(escaped, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(escaped)
}

/// Prose kept to one line: any run of whitespace, newlines included, becomes one space.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A description safe inside any completion script's quoting (bash, zsh, fish,
/// PowerShell, elvish): letters, digits and a few marks that no shell gives a meaning
/// inside a quoted string; everything else becomes a space. clap_complete quotes names
/// and values but copies descriptions into double-quoted strings for some shells, where
/// `$(…)` or a stray quote would run or break out.
pub fn shell_description(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| match c {
            c if c.is_alphanumeric() => c,
            '.' | ',' | '-' | '/' | '+' | '=' | '%' | '@' => c,
            _ => ' ',
        })
        .collect();
    flat(&kept)
}

/// Text inside a DOT double-quoted string: a backslash would start an escape such as
/// `\N`, a quote would end the string; control characters are shown as escapes.
pub fn dot(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in terminal(&flat(text)).chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '"' => escaped.push_str("\\\""),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Text inside a quoted Mermaid label. Mermaid reads `#name;` as an entity, so `#` is
/// escaped too; `<`, `>` and `&` would be HTML, a backquote at both ends would make the
/// label Markdown, and `%%` starts a directive (`%%{init: …}%%`) wherever it stands.
/// Inside the quotes, `|` no longer ends an edge label.
pub fn mermaid(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in terminal(&flat(text)).chars() {
        match c {
            '"' => escaped.push_str("#quot;"),
            '#' => escaped.push_str("#35;"),
            '<' => escaped.push_str("#lt;"),
            '>' => escaped.push_str("#gt;"),
            '&' => escaped.push_str("#amp;"),
            '`' => escaped.push_str("#96;"),
            '%' => escaped.push_str("#37;"),
            '{' => escaped.push_str("#123;"),
            '}' => escaped.push_str("#125;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Escaping for CommonMark as GitHub renders it.
pub mod markdown {
    use super::{flat, terminal};

    /// A link to `url`, or the text alone if the URL is not `https:` or `http:`: a
    /// `javascript:` or `data:` link in a pull request would run or show what it wants.
    pub fn link(text: &str, url: &str) -> String {
        let text = prose(&flat(text));
        match web_url(url) {
            Some(url) => format!("[{text}]({url})"),
            None => text,
        }
    }

    /// A URL that cannot end its link early (the characters that would are
    /// percent-encoded), if it is a web address.
    pub fn web_url(url: &str) -> Option<String> {
        let scheme = url.split_once(':')?.0.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return None;
        }
        let mut encoded = String::with_capacity(url.len());
        for c in url.chars() {
            match c {
                ' ' => encoded.push_str("%20"),
                '(' => encoded.push_str("%28"),
                ')' => encoded.push_str("%29"),
                '<' => encoded.push_str("%3C"),
                '>' => encoded.push_str("%3E"),
                '[' => encoded.push_str("%5B"),
                ']' => encoded.push_str("%5D"),
                c if c.is_whitespace() || super::is_control(c) => {
                    for b in c.to_string().bytes() {
                        encoded.push_str(&format!("%{b:02X}"));
                    }
                }
                c => encoded.push(c),
            }
        }
        Some(encoded)
    }

    /// Text as one code span, fenced with more backquotes than it holds in a row, so it
    /// cannot close early; on one line, control characters shown as escapes.
    pub fn code(text: &str) -> String {
        let text = terminal(&flat(text)).into_owned();
        let ticks = "`".repeat(longest_run(&text, '`') + 1);
        let pad = if text.starts_with('`') || text.ends_with('`') {
            " "
        } else {
            ""
        };
        format!("{ticks}{pad}{text}{pad}{ticks}")
    }

    /// A fence that outgrows any run of backquotes in `body`, so nothing ends it early.
    pub fn fence(body: &str) -> String {
        "`".repeat(longest_run(body, '`').max(2) + 1)
    }

    fn longest_run(text: &str, c: char) -> usize {
        text.split(|x| x != c).map(str::len).max().unwrap_or(0)
    }

    /// Prose for a table cell: on one line, with the pipes that would end the cell escaped.
    pub fn cell(text: &str) -> String {
        prose(&flat(text)).replace('|', "\\|")
    }

    /// Prose that renders as it reads: code spans are kept as written; outside them, the
    /// characters that would start emphasis, a link, an HTML tag, an entity or math are
    /// escaped, only where they would act, so that the plain text stays readable; control
    /// characters are shown as escapes.
    pub fn prose(text: &str) -> String {
        let text = terminal(text);
        // An unmatched backquote would swallow the rest of the line into code.
        let spans = text.matches('`').count().is_multiple_of(2);
        let chars: Vec<char> = text.chars().collect();
        let mut escaped = String::with_capacity(text.len());
        let mut in_code = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == '`' && spans {
                in_code = !in_code;
            } else if !in_code && special(&chars, i) {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        escaped
    }

    fn special(chars: &[char], i: usize) -> bool {
        let next = chars.get(i + 1).copied();
        let opens = next.is_some_and(|c| !c.is_whitespace());
        let in_word = i > 0 && chars[i - 1].is_alphanumeric();
        match chars[i] {
            // Only an opening mark starts emphasis, strikethrough or math; a closer alone
            // is text.
            '*' | '~' | '$' => opens,
            // GitHub never reads an underscore inside a word as emphasis: snake_case stays.
            '_' => opens && !in_word,
            '\\' => next.is_some_and(|c| c.is_ascii_punctuation()),
            // Brackets make a link only when a target follows the closing one.
            ']' => matches!(next, Some('(' | '[' | ':')),
            '<' => next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
            // `&amp;`, `&#27;`: an entity renders as another character.
            '&' => next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '#'),
            // Reached only when the backquotes are unmatched.
            '`' => true,
            _ => false,
        }
    }

    /// Text that starts a line, kept from reading as a heading, list, quote, fence or
    /// table row.
    pub fn block_safe(text: String) -> String {
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        match text[digits..].chars().next() {
            Some('.' | ')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
            Some('#' | '>' | '+' | '-' | '~' | '=' | '|' | '*' | '_') if digits == 0 => {
                format!("\\{text}")
            }
            _ => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        let hostile = "a\x1b]52;c;ZXZpbA==\x07b\x1b[2J\r\x08\x00\u{85}\u{202e}c";
        let shown = terminal(hostile);
        assert!(!shown.chars().any(is_control), "{shown:?}");
        assert_eq!(
            shown,
            "a\\x1b]52;c;ZXZpbA==\\x07b\\x1b[2J\\x0d\\x08\\x00\\u{85}\\u{202e}c"
        );
        assert!(matches!(terminal("plain é → text"), Cow::Borrowed(_)));
    }

    #[test]
    fn shell_descriptions_keep_words_and_lose_what_a_shell_reads() {
        let hostile = "It's \"quoted\" $(touch marker) `x` ((a)) \\ 'b' ; c\n";
        let safe = shell_description(hostile);
        assert!(
            !safe.contains(['$', '`', '"', '\'', '(', ')', '\\', '\n', ';']),
            "{safe}"
        );
        assert_eq!(
            shell_description("If-Match, the entity tag"),
            "If-Match, the entity tag"
        );
    }

    #[test]
    fn mermaid_labels_cannot_start_a_directive_or_close_their_quotes() {
        let label = mermaid("%%{init: {\"theme\": \"dark\"}}%% <b>x</b>\n# y");
        assert!(!label.contains("%%") && !label.contains('"') && !label.contains('<'));
        assert!(!label.contains('\n'));
    }

    #[test]
    fn only_web_links_become_links() {
        assert_eq!(markdown::link("x", "javascript:alert(1)"), "x");
        assert_eq!(markdown::link("x", "data:text/html,hi"), "x");
        assert_eq!(
            markdown::link("RFC", "https://example.org/a (b)"),
            "[RFC](https://example.org/a%20%28b%29)"
        );
    }

    #[test]
    fn a_code_span_cannot_be_closed_by_what_it_holds() {
        assert_eq!(markdown::code("a`b"), "``a`b``");
        assert_eq!(markdown::code("`x"), "`` `x ``");
    }
}
