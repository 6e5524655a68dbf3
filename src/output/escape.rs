//! Escaping rule text for each place it goes. Text from rule files is data until the
//! moment it is written, and every output that writes it goes through one of these:
//! the terminal (no control character or bidi override is ever written raw), Markdown,
//! Mermaid and DOT labels, roff for the manual page, and the descriptions given to shell
//! completion scripts.

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
        | '\u{180e}'
        // Zero-width spaces and joiners and the bidi marks: text a reader cannot see.
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        // Tag characters, which hide text inside what looks like one character.
        | '\u{e0000}'..='\u{e007f}'
    )
}

/// `text` with every control character shown as a visible escape (`\x1b`, `\u{202e}`),
/// so that it cannot move the cursor, clear the screen, set the title or the clipboard,
/// or reorder what it shows.
pub(crate) fn terminal(text: &str) -> Cow<'_, str> {
    // Printable ASCII needs no look at characters; the rest is decoded and checked.
    let printable = |b: &u8| (0x20..0x7f).contains(b);
    if text.as_bytes().iter().all(printable) || !text.chars().any(is_control) {
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

/// Text a program wrote for a terminal, with its own color codes (`ESC [ … m`) and line
/// breaks kept and every other control character shown as an escape: what clap writes
/// quotes the command line, and the command line may hold anything.
pub fn styled(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let sgr = c == '\x1b' && sgr_len(rest).is_some();
        let len = match sgr {
            true => sgr_len(rest).unwrap_or(1),
            false => c.len_utf8(),
        };
        match c {
            '\n' | '\t' => escaped.push(c),
            _ if sgr => escaped.push_str(&rest[..len]),
            _ => escaped.push_str(&terminal(&rest[..len])),
        }
        rest = &rest[len..];
    }
    escaped
}

/// The length of the color code `text` starts with, `ESC [` digits and `;` then `m`.
fn sgr_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\x1b[")?;
    let end = body.find(|c: char| !c.is_ascii_digit() && c != ';')?;
    body[end..].starts_with('m').then_some(2 + end + 1)
}

/// Prose kept to one line: any run of whitespace, newlines included, becomes one space.
pub(crate) fn flat(text: &str) -> String {
    let spaced = |w: &[u8]| w[0] == b' ' && w[1] == b' ';
    let plain = !text.chars().any(|c| c.is_whitespace() && c != ' ')
        && !text.as_bytes().windows(2).any(spaced)
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    match plain {
        // Already one line, one space between words: most rule text, joined at load.
        true => text.to_string(),
        false => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// A description safe inside any completion script's quoting (bash, zsh, fish,
/// PowerShell, elvish): letters, digits and a few marks that no shell gives a meaning
/// inside a quoted string; everything else becomes a space. clap_complete quotes names
/// and values but copies descriptions into double-quoted strings for some shells, where
/// `$(…)` or a stray quote would run or break out.
pub(crate) fn shell_description(text: &str) -> String {
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
pub(crate) fn dot(text: &str) -> String {
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
pub(crate) fn mermaid(text: &str) -> String {
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

/// Text as roff shows it literally: backslashes and hyphens escaped, and a line that
/// starts with a control character kept from being read as a request.
pub(crate) fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    match escaped.starts_with(['.', '\'']) {
        true => format!("\\&{escaped}"),
        false => escaped,
    }
}

/// Escaping for CommonMark as GitHub renders it.
pub(crate) mod markdown {
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
    pub(crate) fn web_url(url: &str) -> Option<String> {
        if !httpadvise_rules::names::is_web_url(url) {
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
        in_cell(&prose(&flat(text)))
    }

    /// Markdown on one line (a link, a code span) put in a table cell: a pipe, even inside
    /// a code span or a link, would end the cell.
    pub(crate) fn in_cell(markdown: &str) -> String {
        markdown.replace('|', "\\|")
    }

    /// Prose that renders as it reads: code spans are kept as written; outside them, the
    /// characters that would start emphasis, a link, an HTML tag, an entity or math are
    /// escaped, only where they would act, so that the plain text stays readable; control
    /// characters are shown as escapes.
    pub fn prose(text: &str) -> String {
        let text = terminal(text);
        let chars: Vec<char> = text.chars().collect();
        let closers = span_closers(&chars);
        let mut escaped = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '`' {
                let run = run_length(&chars, i);
                match closers.get(&i) {
                    // A code span, as CommonMark reads it: its text is shown as is.
                    Some(&close) => {
                        escaped.extend(&chars[i..close + run]);
                        i = close + run;
                    }
                    // A run that nothing closes would be text to CommonMark too, but
                    // escaping it keeps a later run from being read as its closer.
                    None => {
                        (0..run).for_each(|_| escaped.push_str("\\`"));
                        i += run;
                    }
                }
                continue;
            }
            if special(&chars, i) {
                escaped.push('\\');
            }
            escaped.push(chars[i]);
            i += 1;
        }
        escaped
    }

    fn run_length(chars: &[char], start: usize) -> usize {
        chars[start..].iter().take_while(|&&c| c == '`').count()
    }

    /// For each run of backquotes that opens a code span, where its closer starts: the
    /// next run of the same length (CommonMark, "Code spans"). Found in one pass from the
    /// end, so text of many runs costs no more than its length.
    fn span_closers(chars: &[char]) -> std::collections::HashMap<usize, usize> {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let run = if chars[i] == '`' {
                run_length(chars, i)
            } else {
                0
            };
            if run > 0 {
                runs.push((i, run));
            }
            i += run.max(1);
        }
        let mut next_of_length = std::collections::HashMap::new();
        let mut next_same = vec![None; runs.len()];
        for (k, &(_, run)) in runs.iter().enumerate().rev() {
            next_same[k] = next_of_length.insert(run, k);
        }
        let mut closers = std::collections::HashMap::new();
        let mut k = 0;
        while k < runs.len() {
            match next_same[k] {
                Some(close) => {
                    closers.insert(runs[k].0, runs[close].0);
                    k = close + 1;
                }
                None => k += 1,
            }
        }
        closers
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
            // At the end, a backslash would escape the markup placed after the text.
            '\\' => next.is_none_or(|c| c.is_ascii_punctuation()),
            // `![` starts an image, loaded from the address that follows.
            '!' => next == Some('['),
            // Brackets make a link only when a target follows the closing one.
            ']' => matches!(next, Some('(' | '[' | ':')),
            '<' => next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
            // `&amp;`, `&#27;`: an entity renders as another character.
            '&' => next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '#'),
            _ => false,
        }
    }

    /// Text that starts a line, kept from reading as a heading, list, quote, fence or
    /// table row.
    pub(crate) fn block_safe(text: String) -> String {
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        match text[digits..].chars().next() {
            Some('.' | ')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
            Some('#' | '>' | '+' | '-' | '~' | '=' | '|' | '*' | '_') if digits == 0 => {
                format!("\\{text}")
            }
            // Three backquotes open a fenced block that would swallow what follows.
            Some('`') if digits == 0 && text.starts_with("```") => {
                format!("\\{text}")
            }
            _ => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CommonMark closes a code span only with a run of the same length: a lone backquote
    /// before three must not make the text between them code, or its HTML would be live.
    #[test]
    fn only_runs_of_one_length_make_a_code_span() {
        assert_eq!(
            markdown::prose("`<img src=x>```"),
            "\\`\\<img src=x>\\`\\`\\`"
        );
        assert_eq!(markdown::prose("a `<b>` c"), "a `<b>` c");
        assert_eq!(markdown::prose("``a ` <b>``"), "``a ` <b>``");
        assert_eq!(markdown::prose("` x ``<i>`` "), "\\` x ``<i>`` ");
    }

    #[test]
    fn invisible_characters_are_shown_too() {
        for c in ['\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{e0041}'] {
            assert!(is_control(c), "{c:?}");
            assert!(!terminal(&format!("a{c}b")).contains(c), "{c:?}");
        }
        assert!(!is_control('é') && !is_control('→'));
    }

    #[test]
    fn styled_text_keeps_its_colors_and_lines_and_nothing_else() {
        let text = "\x1b[1;31merror:\x1b[0m '\x1b]2;X\x07'\n\tnext";
        assert_eq!(
            styled(text),
            "\x1b[1;31merror:\x1b[0m '\\x1b]2;X\\x07'\n\tnext"
        );
        assert_eq!(styled("\x1b[2J"), "\\x1b[2J");
    }

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
