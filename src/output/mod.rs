//! Everything the program prints: the report models, and each report as text (for people,
//! colored when the run decided so), JSON (for programs) or Markdown (for a pull request);
//! the tree as a drawing; rule-file diagnostics. One printer for every format: a command
//! builds its report and hands it to [`print`].

pub mod diagnostics;
pub mod escape;
pub mod graph;
mod json;
pub(crate) mod markdown;
pub mod report;
pub(crate) mod text;

use std::borrow::Cow;
use std::io::{self, Write};

use clap::ValueEnum;

use report::Report;

/// How a report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Serialize)]
pub enum Format {
    /// For people: the code first, then why
    Text,
    /// For programs: one JSON object, never colored (shape documented in docs/json.md)
    Json,
    /// A comment to paste into a pull request, with a Mermaid flowchart of the path
    Markdown,
    /// One line of text: the code, its name and the summary (`--brief`)
    #[value(skip)]
    Brief,
}

/// The language `rules graph` draws in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT
    Dot,
    /// A Mermaid flowchart
    Mermaid,
}

/// Text is never wrapped wider than this, however wide the terminal, so that lines stay
/// readable; help is capped the same.
pub(crate) const MAX_WIDTH: usize = 100;

/// Narrower than this and wrapping would split most words; the terminal wraps instead.
pub(crate) const MIN_WIDTH: usize = 20;

/// The width of text that is not shown on a terminal: one that reads well pasted.
pub const PASTED_WIDTH: usize = 88;

/// The width text wraps to on a terminal of `columns`.
pub fn terminal_width(columns: u16) -> usize {
    usize::from(columns).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Where a report goes: the writer, and the width text output wraps to.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub width: usize,
}

/// Prints `report` in `format`.
pub fn print(report: &Report<'_>, format: Format, output: &mut Output<'_>) -> io::Result<()> {
    match format {
        Format::Text => text::print(report, output.width, output.out),
        Format::Json => json::print(report, output.out),
        Format::Markdown => markdown::print(report, output.out),
        Format::Brief => text::brief(report, output.width, output.out),
    }?;
    output.out.flush()
}

/// "1 file", "2 files".
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The first `most` characters of `text`, and `…` if there were more.
pub(crate) fn shortened(text: &str, most: usize) -> Cow<'_, str> {
    // A text of no more bytes than the limit has no more characters either.
    if text.len() <= most {
        return Cow::Borrowed(text);
    }
    match text.char_indices().nth(most) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// The text with its first letter in upper case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// "412 Precondition Failed", or the code alone when the rules give it no name.
pub(crate) fn code_name(code: impl Into<Option<u16>>, name: &str) -> String {
    match code.into() {
        Some(code) => format!("{code} {name}").trim_end().to_string(),
        None => name.to_string(),
    }
}
