//! Reports as text for people: colored when the run decided so (the decision is made once,
//! in `main`), wrapped to the width given.

mod advice;
mod explain;
mod profiles;
mod rules;

use std::io::{self, Write};

use colored::{ColoredString, Colorize};
use httpadvise_rules::model::Cite;

use super::report::{Change, Report};
use super::MIN_WIDTH;

/// Rule text made safe for a terminal: every text renderer passes each field through it.
pub(crate) use super::escape::terminal as t;

/// Writes `report` as text, wrapped to `width`.
pub fn print(report: &Report<'_>, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new(out, width);
    match report {
        Report::Advice(advice) => advice::advice(advice, &mut w),
        Report::Explain(explain) => explain::explain(explain, &mut w),
        Report::Compare(compare) => explain::compare(compare, &mut w),
        Report::Profiles(list) => profiles::list(list, &mut w),
        Report::Profile(detail) => profiles::detail(detail, &mut w),
        Report::Comparison(table) => profiles::comparison(table, &mut w),
        Report::Check(check) => rules::check(check, &mut w),
        Report::Test(run) => rules::test(run, &mut w),
    }
}

/// The advice in one line, for scripts and editors: the code, its name and the summary,
/// unwrapped. Other reports print as text.
pub(crate) fn brief(report: &Report<'_>, width: usize, out: &mut dyn Write) -> io::Result<()> {
    match report {
        Report::Advice(advice) => advice::brief(advice, out),
        other => print(other, width, out),
    }
}

/// A writer of wrapped, indented text: shared by every text output of the program.
pub(crate) struct Writer<'a> {
    pub out: &'a mut dyn Write,
    width: usize,
}

impl<'a> Writer<'a> {
    pub fn new(out: &'a mut dyn Write, width: usize) -> Self {
        Writer {
            out,
            width: width.max(MIN_WIDTH),
        }
    }

    pub fn heading(&mut self, title: &str) -> io::Result<()> {
        writeln!(self.out)?;
        for line in wrap(title, self.width, "", "") {
            writeln!(self.out, "{}", line.bold().underline())?;
        }
        Ok(())
    }

    /// Each paragraph of `text` wrapped to the width, the first line after `first`.
    pub(crate) fn wrapped(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        // Most texts are one paragraph: finding a newline is cheaper than splitting.
        let paragraphs: Vec<&str> = match text.contains('\n') {
            true => text.split("\n\n").collect(),
            false => vec![text],
        };
        for (i, paragraph) in paragraphs.into_iter().enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            let first = if i == 0 { first } else { rest };
            for line in wrap(paragraph, self.width, first, rest) {
                writeln!(self.out, "{line}")?;
            }
        }
        Ok(())
    }

    /// `items` joined by commas and wrapped only between items, so that a flag such as
    /// `--answer condition=<value>` is never cut in two where a reader would copy it.
    pub fn items(&mut self, items: &[String], indent: &str) -> io::Result<()> {
        // Words break at ASCII spaces only; a no-break space holds an item together.
        const GLUE: &str = "\u{a0}";
        let glued: Vec<String> = items.iter().map(|i| i.replace(' ', GLUE)).collect();
        for line in wrap(&glued.join(", "), self.width, indent, indent) {
            writeln!(self.out, "{}", line.replace(GLUE, " "))?;
        }
        Ok(())
    }

    /// An answer under its question: cyan, wrapped, with room left on its last line for
    /// `note`.
    pub fn answer(&mut self, label: &str, note: &str) -> io::Result<()> {
        const INDENT: &str = "       ";
        let width = self.width.saturating_sub(note.len());
        let lines = wrap(label, width, INDENT, INDENT);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            let text = line.trim_start().cyan();
            if i == 0 {
                write!(self.out, "     {} {text}", "→".cyan())?;
            } else {
                write!(self.out, "{INDENT}{text}")?;
            }
            if i == last && !note.is_empty() {
                write!(self.out, "{}", note.dimmed())?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }
}

/// `text` wrapped to `width` columns, the first line indented by `first`, the others by
/// `rest`. Header names such as If-Unmodified-Since stay whole: lines break at spaces only.
/// Every wrapped text of the program, prompts and diagrams included, goes through here.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// Where a profile, the house rules or a rules file changed what a report shows, each with
/// its reason: never left unmarked.
pub(crate) fn changes(changes: &[Change], w: &mut Writer<'_>) -> io::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    w.heading("Changed by")?;
    for change in changes {
        let reason = change
            .reason
            .as_deref()
            .map_or(String::new(), |r| format!(": {}", t(r)));
        let line = format!("{}, {}{reason}", t(&change.by), t(&change.what));
        w.wrapped(&line, "  ", "    ")?;
    }
    Ok(())
}

/// A status and its name, bold, the code colored by its class; a stored-response outcome
/// has its title alone.
pub(crate) fn status_title(status: Option<u16>, title: &str) -> String {
    match status {
        Some(code) => format!("{} {}", status_color(code), t(title).bold()),
        None => t(title).bold().to_string(),
    }
}

/// A citation's quote, if it has one, indented under it in quotation marks; the revision
/// it was read in follows.
pub(crate) fn quote(cite: &Cite, indent: &str, w: &mut Writer<'_>) -> io::Result<()> {
    let Some(quote) = &cite.quote else {
        return Ok(());
    };
    let revision = cite
        .revision
        .as_deref()
        .map_or(String::new(), |r| format!(" ({})", t(r)));
    let text = format!("“{}”{revision}", t(quote));
    w.wrapped(&text.italic().to_string(), indent, &format!("{indent} "))
}

/// A status code colored by its class: success and redirection green, client errors
/// yellow, the rest red.
pub(crate) fn status_color(status: u16) -> ColoredString {
    let code = status.to_string().bold();
    match status {
        200..=399 => code.green(),
        400..=499 => code.yellow(),
        _ => code.red(),
    }
}

/// A citation on one line: its label, then its link.
pub(crate) fn cite_line(cite: &Cite) -> String {
    format!("{}: {}", t(&cite.label()), t(&cite.url))
}
