//! Reports as Markdown, to paste into a pull request or an issue: plain text, no ANSI
//! codes whatever the color settings, and rule prose escaped where Markdown would read it
//! as markup.

mod advice;
mod explain;
mod profiles;
mod rules;

use std::io::{self, Write};

use httpadvise_rules::model::Cite;

use super::report::Report;

pub fn print(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match report {
        Report::Advice(r) => advice::advice(r, out),
        Report::Explain(r) => explain::explain(r, out),
        Report::Compare(r) => explain::compare(r, out),
        Report::Profiles(r) => profiles::list(r, out),
        Report::Profile(r) => profiles::detail(r, out),
        Report::Comparison(r) => profiles::comparison(r, out),
        Report::Check(r) => rules::check(r, out),
        Report::Test(r) => rules::test(r, out),
    }
}

/// A citation as a link: "[RFC 9110 §15.5.13 412 Precondition Failed](…)".
pub(super) fn link(cite: &Cite) -> String {
    format!("[{}]({})", prose(&cite.label()), url(&cite.url))
}

/// A URL that cannot end its link early: the characters that would are percent-encoded.
pub(super) fn url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// Text as one code span, fenced with more backquotes than it holds in a row.
pub(super) fn code(text: &str) -> String {
    let ticks = "`".repeat(longest_run(text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A fenced block; the fence outgrows any run of backquotes inside, so nothing ends it early.
pub(super) fn fenced(language: &str, body: &str, out: &mut dyn Write) -> io::Result<()> {
    let fence = "`".repeat(longest_run(body, '`').max(2) + 1);
    writeln!(out, "{fence}{language}\n{}\n{fence}", body.trim_end())
}

fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Each paragraph of rule prose as a Markdown paragraph; single line breaks are already
/// joined when the rules load, and GitHub would keep any left as hard breaks.
pub(super) fn paragraphs(text: &str, out: &mut dyn Write) -> io::Result<()> {
    for paragraph in text.split("\n\n").map(flat).filter(|p| !p.is_empty()) {
        writeln!(out, "\n{}", block_safe(prose(&paragraph)))?;
    }
    Ok(())
}

/// Prose for a table cell: on one line, with the pipes that would end the cell escaped.
pub(super) fn cell(text: &str) -> String {
    prose(&flat(text)).replace('|', "\\|")
}

/// Prose on one line, for a list item that a line break would end.
pub(super) fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prose that renders as it reads: code spans are kept as written; outside them, the
/// characters that would start emphasis, a link, an HTML tag or math are escaped. Only
/// where they would act, so that the plain text stays readable.
pub(super) fn prose(text: &str) -> String {
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
        // Only an opening mark starts emphasis, strikethrough or math; a closer alone is text.
        '*' | '~' | '$' => opens,
        // GitHub never reads an underscore inside a word as emphasis: snake_case stays.
        '_' => opens && !in_word,
        '\\' => next.is_some_and(|c| c.is_ascii_punctuation()),
        // Brackets make a link only when a target follows the closing one.
        ']' => matches!(next, Some('(' | '[' | ':')),
        '<' => next.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
        // Reached only when the backquotes are unmatched.
        '`' => true,
        _ => false,
    }
}

/// Text that starts a line, kept from reading as a heading, list, quote or fence.
pub(super) fn block_safe(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
        Some('#' | '>' | '+' | '-' | '~' | '=') if digits == 0 => format!("\\{text}"),
        _ => text,
    }
}
