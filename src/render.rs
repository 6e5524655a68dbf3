//! Writing a [`Report`]: text for people (colored when the run decided so, wrapped to the
//! width it was given), JSON for programs.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::report::{retry_text, Report};
use crate::session::Source;

/// Narrower than this and wrapping would split most words; the terminal wraps instead.
const MIN_WIDTH: usize = 20;

/// The recommendation as text: the code first, then why, why not, what to send, sources.
pub fn text(report: &Report<'_>, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Text {
        out,
        width: width.max(MIN_WIDTH),
    };
    writeln!(
        w.out,
        "{} {}",
        status_color(report.status),
        report.title.bold()
    )?;
    w.wrapped(report.summary, "", "")?;
    why(report, &mut w)?;
    why_not(report, &mut w)?;
    send(report, &mut w)?;
    w.heading("Client")?;
    w.wrapped(
        &format!("{}.", capitalise(retry_text(report.client.retry))),
        "  ",
        "  ",
    )?;
    w.wrapped(report.client.next_step, "  ", "  ")?;
    assumptions(report, &mut w)?;
    sources(report, &mut w)
}

/// The recommendation as one pretty-printed JSON object.
pub fn json(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

struct Text<'a> {
    out: &'a mut dyn Write,
    width: usize,
}

impl Text<'_> {
    fn heading(&mut self, title: &str) -> io::Result<()> {
        writeln!(self.out, "\n{}", title.bold().underline())
    }

    /// Each paragraph of `text` wrapped to the width, the first line after `first`.
    fn wrapped(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        for (i, paragraph) in text.split("\n\n").enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            let first = if i == 0 { first } else { rest };
            for line in textwrap::wrap(paragraph, options(self.width, first, rest)) {
                writeln!(self.out, "{line}")?;
            }
        }
        Ok(())
    }

    /// `items` joined by commas and wrapped only between items, so that a flag such as
    /// `--answer condition=<value>` is never cut in two where a reader would copy it.
    fn items(&mut self, items: &[String], indent: &str) -> io::Result<()> {
        // The wrapper breaks only at ASCII spaces; a no-break space holds an item together.
        const GLUE: &str = "\u{a0}";
        let glued: Vec<String> = items.iter().map(|i| i.replace(' ', GLUE)).collect();
        let joined = glued.join(", ");
        for line in textwrap::wrap(&joined, options(self.width, indent, indent)) {
            writeln!(self.out, "{}", line.replace(GLUE, " "))?;
        }
        Ok(())
    }

    /// An answer under its question: cyan, wrapped, with room left on its last line for
    /// `note`.
    fn answer(&mut self, label: &str, note: &str) -> io::Result<()> {
        const INDENT: &str = "       ";
        let width = self.width.saturating_sub(note.len());
        let lines = textwrap::wrap(label, options(width, INDENT, INDENT));
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            let text = line.strip_prefix(INDENT).unwrap_or(line).cyan();
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

fn options<'a>(width: usize, first: &'a str, rest: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        // Header names such as If-Unmodified-Since must stay whole.
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
}

fn status_color(status: u16) -> ColoredString {
    let code = status.to_string().bold();
    match status {
        200..=399 => code.green(),
        400..=499 => code.yellow(),
        _ => code.red(),
    }
}

fn why(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    w.heading("Why")?;
    let mut shown: Vec<&str> = Vec::new();
    for step in &report.path {
        // The path may test a question twice; the reader needs its answer once.
        if shown.contains(&step.question) {
            continue;
        }
        shown.push(step.question);
        let assumed = if step.source == Source::Default {
            " (assumed)"
        } else {
            ""
        };
        w.wrapped(step.prompt, &format!("  {}. ", shown.len()), "     ")?;
        w.answer(step.label, assumed)?;
    }
    writeln!(w.out)?;
    w.wrapped(report.explanation, "  ", "  ")
}

fn why_not(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    if report.why_not.is_empty() {
        return Ok(());
    }
    w.heading("Why not")?;
    for note in &report.why_not {
        writeln!(
            w.out,
            "  {} {}",
            status_color(note.status),
            note.title.bold()
        )?;
        w.wrapped(note.reason, "    ", "    ")?;
    }
    Ok(())
}

fn send(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    let response = &report.response;
    if response.headers.is_empty() && response.body.is_none() {
        return Ok(());
    }
    w.heading("Send")?;
    for header in &response.headers {
        writeln!(w.out, "  {}", header.name.bold())?;
        w.wrapped(header.why, "    ", "    ")?;
    }
    if let (Some(content_type), Some(body)) = (response.content_type, &response.body) {
        writeln!(w.out, "  {} {content_type}", "Content-Type:".bold())?;
        let pretty = serde_json::to_string_pretty(body).map_err(io::Error::other)?;
        for line in pretty.lines() {
            writeln!(w.out, "    {line}")?;
        }
    }
    if let Some(members) = response.members {
        w.wrapped(&format!("Extension members: {members}"), "  ", "    ")?;
    }
    Ok(())
}

fn assumptions(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    if report.assumptions.is_empty() {
        return Ok(());
    }
    w.heading("Assumed (defaults; a flag decides otherwise)")?;
    for a in &report.assumptions {
        writeln!(w.out, "  {} = {}", a.question, a.answer.cyan())?;
        w.items(&a.flags, "    ")?;
    }
    Ok(())
}

fn sources(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    // `cite` is optional in a rule file: no heading without a source under it.
    if report.citations.is_empty() {
        return Ok(());
    }
    w.heading("Sources")?;
    for cite in report.citations {
        let section = cite
            .section
            .as_deref()
            .map_or(String::new(), |s| format!(" §{s}"));
        let title = cite
            .title
            .as_deref()
            .map_or(String::new(), |t| format!(" {t}"));
        writeln!(w.out, "  {}{section}{title}", cite.document.bold())?;
        writeln!(w.out, "    {}", cite.url)?;
    }
    Ok(())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}
