//! Rule-file problems as text: the message, `file:line:col`, the line and a caret under
//! the place. For load errors on stderr and for `rules check`'s warnings alike; and the
//! warnings and notes a run writes to stderr beside its output.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use colored::Colorize;
use httpadvise_rules::diagnostic::Diagnostic;
use httpadvise_rules::source::FileId;
use httpadvise_rules::Rejected;
use unicode_width::UnicodeWidthStr;

use super::report::Place;
use super::{escape, plural, shortened};

/// At most this many problems are shown per file: a file of many copies of one mistake
/// would otherwise bury the others, and cost its size many times over to print.
const SHOWN_PER_FILE: usize = 20;

/// At most this many characters of a line are quoted under a message.
const QUOTED: usize = 200;

/// Every problem of a pack that did not load (at most [`SHOWN_PER_FILE`] of a file, with
/// a count of the rest), then how many there were.
pub fn rejected(rejected: &Rejected) -> String {
    let mut out = String::new();
    let mut shown: BTreeMap<Option<FileId>, usize> = BTreeMap::new();
    for diagnostic in &rejected.diagnostics {
        let file = diagnostic.span.as_ref().map(|s| s.file);
        let count = shown.entry(file).or_default();
        *count += 1;
        if *count <= SHOWN_PER_FILE {
            let _ = writeln!(out, "{}", error(diagnostic, rejected));
        }
    }
    for (file, count) in shown.into_iter().filter(|(_, n)| *n > SHOWN_PER_FILE) {
        let name = file.map_or("the pack", |f| rejected.sources.file(f).name.as_str());
        let more = plural(count - SHOWN_PER_FILE, "more problem");
        let _ = writeln!(out, "… and {more} in {}\n", escape::terminal(name));
    }
    let n = rejected.diagnostics.len();
    let _ = write!(out, "the rules did not load: {}", plural(n, "problem"));
    out
}

/// At most this many characters of a message are shown: a message names the ids and values
/// it is about, and one of megabytes must not print megabytes.
const MESSAGE: usize = 400;

/// One problem: the message, and where it is if it is somewhere.
fn error(diagnostic: &Diagnostic, rejected: &Rejected) -> String {
    let message = diagnostic.kind.to_string();
    let message = shortened(&message, MESSAGE);
    let message = escape::terminal(&message).into_owned();
    let mut out = format!("{}: {message}\n", "error".red().bold());
    if let Some(span) = &diagnostic.span {
        out += &snippet(&Place::new(&rejected.sources, span));
    }
    if let Some(first) = &diagnostic.first {
        let _ = writeln!(out, "{}: first defined here", "note".blue().bold());
        out += &snippet(&Place::new(&rejected.sources, first));
    }
    out
}

/// The place, the line it is on, and a caret under it:
///
/// ```text
///  --> rules/40-auth.toml:12:9
///    |
/// 12 | next = "auth-chek"
///    |         ^^^^^^^^^
/// ```
///
/// The line is quoted as a terminal can show it safely: its first [`QUOTED`] characters,
/// control characters as escapes (tabs as they are), and the caret under the place as the
/// line is shown.
pub(crate) fn snippet(place: &Place) -> String {
    let (line, pad, width) = quoted(place);
    let gutter = " ".repeat(place.line.to_string().len());
    let arrow = "-->".blue().bold();
    let bar = "|".blue().bold();
    let number = place.line.to_string().blue().bold();
    let caret = "^".repeat(width).red().bold();
    let location = escape::terminal(&place.location()).into_owned();
    format!("{gutter}{arrow} {location}\n{gutter} {bar}\n{number} {bar} {line}\n{gutter} {bar} {pad}{caret}\n")
}

/// The line as quoted, what puts the caret under the place, and the caret's width.
fn quoted(place: &Place) -> (String, String, usize) {
    let (mut line, mut pad, mut width) = (String::new(), String::new(), 0);
    let start = place.column - 1;
    for (i, c) in place.source_line.chars().enumerate() {
        if i == QUOTED {
            line.push('…');
            if start >= QUOTED {
                width = 1;
            }
            break;
        }
        let shown = match c {
            '\t' => "\t".to_string(),
            c => escape::terminal(&c.to_string()).into_owned(),
        };
        let columns = match c {
            '\t' => 0,
            _ => UnicodeWidthStr::width(shown.as_str()),
        };
        if i < start {
            pad.push_str(&if c == '\t' {
                "\t".to_string()
            } else {
                " ".repeat(columns)
            });
        } else if i < start + place.length.max(1) {
            width += columns.max(1);
        }
        line.push_str(&shown);
    }
    if start >= place.source_line.chars().count().min(QUOTED) && width == 0 {
        width = 1;
    }
    (line, pad, width.max(1))
}

/// A `.httpadvise.toml` found but not read, and how to read it anyway.
pub(crate) fn refused_house_rules(path: &Path, why: &str) -> String {
    let path = escape::terminal(&path.display().to_string()).into_owned();
    format!(
        "warning: not reading the house rules in {path}: {why}; \
         if you trust them, pass `--config {path}`"
    )
}

/// Help printed without the rules that did not load: why flags are missing from it.
pub(crate) fn help_without_rules(rejected: &Rejected, builtin: bool) -> String {
    let problems = plural(rejected.diagnostics.len(), "problem");
    let listed = match builtin {
        true => "only the built-in answer flags are listed",
        false => "no answer flags are listed",
    };
    format!(
        "warning: the rules did not load ({problems}), so {listed}; \
         `httpadvise rules check` shows why"
    )
}

/// Why `rules graph` highlights the path only up to `question`.
pub(crate) fn highlight_stops_at(question: &str) -> String {
    format!(
        "note: the path is highlighted only up to question `{}`, which has no answer and no \
         default",
        escape::terminal(question)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use httpadvise_rules::source::{Sources, Span};

    #[test]
    fn the_caret_keeps_tabs_and_wide_characters_in_step_with_the_line() {
        colored::control::set_override(false);
        let mut sources = Sources::default();
        let text = "[[question]]\n\tkind = \"maybe\"\n名前 = \"x\"\n";
        let file = sources.add("t.toml", text);
        let at = |needle: &str| {
            let start = text.find(needle).expect("in the text");
            let span = Span {
                file,
                range: start..start + needle.len(),
            };
            snippet(&Place::new(&sources, &span))
        };
        let tab = at("\"maybe\"");
        assert!(
            tab.ends_with("2 | \tkind = \"maybe\"\n  | \t       ^^^^^^^\n"),
            "{tab:?}"
        );
        let wide = at("\"x\"");
        assert!(
            wide.ends_with("3 | 名前 = \"x\"\n  |        ^^^\n"),
            "{wide:?}"
        );
        let under = at("名前");
        assert!(under.ends_with("3 | 名前 = \"x\"\n  | ^^^^\n"), "{under:?}");
    }

    fn place_of(text: &str, needle: &str) -> Place {
        let mut sources = Sources::default();
        let file = sources.add("t.toml", text);
        let start = text.find(needle).expect("in the text");
        let span = Span {
            file,
            range: start..start + needle.len(),
        };
        Place::new(&sources, &span)
    }

    #[test]
    fn control_characters_in_a_quoted_line_are_escapes_and_the_caret_follows_them() {
        colored::control::set_override(false);
        let shown = snippet(&place_of("a = \"\x1b[2J\" b = x\n", "x"));
        assert!(!shown.contains('\x1b'), "{shown:?}");
        assert!(
            shown.ends_with("1 | a = \"\\x1b[2J\" b = x\n  |                   ^\n"),
            "{shown:?}"
        );
    }

    #[test]
    fn a_long_line_is_quoted_in_part() {
        colored::control::set_override(false);
        let line = format!("{} = x", "k".repeat(5000));
        let shown = snippet(&place_of(&line, "x"));
        let quoted = shown.lines().nth(2).expect("the quoted line");
        assert_eq!(
            quoted.chars().count(),
            "1 | ".len() + QUOTED + 1,
            "{quoted}"
        );
        assert!(quoted.ends_with('…'));
        // The place lies past the quoted part: the caret marks where the quote stops.
        assert!(
            shown.ends_with(&format!("{}^\n", " ".repeat(QUOTED))),
            "{shown:?}"
        );
    }
}
