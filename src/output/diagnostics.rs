//! Rule-file problems as text: the message, `file:line:col`, the line and a caret under
//! the place. For load errors on stderr and for `rules check`'s warnings alike.

use std::fmt::Write as _;

use colored::Colorize;
use httpadvise_rules::diagnostic::Diagnostic;
use httpadvise_rules::Rejected;
use unicode_width::UnicodeWidthChar;

use super::plural;
use super::report::Place;

/// Every problem of a pack that did not load, then how many there were.
pub fn rejected(rejected: &Rejected) -> String {
    let mut out = String::new();
    for diagnostic in &rejected.diagnostics {
        let _ = writeln!(out, "{}", error(diagnostic, rejected));
    }
    let n = rejected.diagnostics.len();
    let _ = write!(out, "the rules did not load: {}", plural(n, "problem"));
    out
}

/// One problem: the message, and where it is if it is somewhere.
fn error(diagnostic: &Diagnostic, rejected: &Rejected) -> String {
    let mut out = format!("{}: {}\n", "error".red().bold(), diagnostic.kind);
    if let Some(span) = &diagnostic.span {
        out += &snippet(&Place::new(&rejected.sources, span));
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
pub fn snippet(place: &Place) -> String {
    let line = &place.source_line;
    let gutter = " ".repeat(place.line.to_string().len());
    let before: usize = line
        .chars()
        .take(place.column - 1)
        .filter_map(|c| c.width())
        .sum();
    let room = unicode_width::UnicodeWidthStr::width(line.as_str()).saturating_sub(before);
    let width = place.width.min(room).max(1);
    let pad = caret_pad(line, place.column);
    let arrow = "-->".blue().bold();
    let bar = "|".blue().bold();
    let number = place.line.to_string().blue().bold();
    let caret = "^".repeat(width).red().bold();
    let location = place.location();
    format!("{gutter}{arrow} {location}\n{gutter} {bar}\n{number} {bar} {line}\n{gutter} {bar} {pad}{caret}\n")
}

/// What puts the caret under column `col` of `line` as a terminal shows it: a tab where
/// the line has one (its width is the terminal's to choose), else as many spaces as each
/// character is wide.
fn caret_pad(line: &str, col: usize) -> String {
    line.chars()
        .take(col - 1)
        .map(|c| match c {
            '\t' => "\t".to_string(),
            c => " ".repeat(c.width().unwrap_or(0)),
        })
        .collect()
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
}
