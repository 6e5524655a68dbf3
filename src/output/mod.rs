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
