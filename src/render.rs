//! Writing a [`Report`]: text for people (colored when the run decided so, wrapped to the
//! width it was given), JSON for programs.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::report::{retry_text, Report};
use crate::session::Source;
use crate::wrap;

/// Narrower than this and wrapping would split most words; the terminal wraps instead.
const MIN_WIDTH: usize = 20;

/// The recommendation as text: the code first, then why, why not, what to send, sources.
pub fn text(report: &Report<'_>, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Text::new(out, width);
    expectation(report, &mut w)?;
    let title = format!("{} {}", status_color(report.status), report.title.bold());
    w.wrapped(&title, "", "    ")?;
    w.wrapped(report.summary, "", "")?;
    profile(report, &mut w)?;
    why(report, &mut w)?;
    why_not(report, &mut w)?;
    send(report, &mut w)?;
    w.heading("Client")?;
    w.wrapped(
        &format!("Retry: {}.", retry_text(report.client.retry)),
        "  ",
        "  ",
    )?;
    w.wrapped(report.client.next_step, "  ", "  ")?;
    assumptions(report, &mut w)?;
    changes(report, &mut w)?;
    unused(report, &mut w)?;
    sources(report, &mut w)?;
    used_profile(report, &mut w)
}

/// The verdict on `--expect`, first: it is what the reader asked.
fn expectation(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    let Some(expect) = &report.expect else {
        return Ok(());
    };
    let expected = format!("{} {}", expect.expected, expect.title)
        .trim_end()
        .to_string();
    if expect.agrees {
        let line = format!(
            "{} {expected}: the rules agree{}",
            "✔".green().bold(),
            crate::expect::agreement(expect, report.title)
        );
        w.wrapped(&line, "", "  ")?;
        return writeln!(w.out);
    }
    let line = format!(
        "{} {expected}: the rules recommend {} {} instead.",
        "✘".red().bold(),
        report.status,
        report.title
    );
    w.wrapped(&line, "", "  ")?;
    if expect.alternatives.is_empty() {
        w.wrapped(
            &format!("No route of the rules leads to {}.", expect.expected),
            "  ",
            "  ",
        )?;
    }
    for alternative in &expect.alternatives {
        let text = format!(
            "{} would fit if {}",
            expect.expected,
            crate::expect::describe(&alternative.changes)
        );
        w.wrapped(&text, "  ", "    ")?;
    }
    writeln!(w.out)
}

/// What the profile in use says here: its position, or that it is silent.
fn profile(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    if let Some(position) = &report.position {
        let code = match (position.code, position.code_kind) {
            (Some(code), Some(kind)) => format!(" ({kind} {code})"),
            (Some(code), None) => format!(" ({code})"),
            _ => String::new(),
        };
        let stance = match position.status == report.rfc_status {
            true => format!("{}{code}, as the RFC reading", position.status),
            false => format!(
                "{}{code} where the RFC reading is {}",
                position.status, report.rfc_status
            ),
        };
        let line = format!(
            "{}: {stance}. {}",
            capitalise(&position.by),
            position.reason
        );
        w.wrapped(&line, "", "  ")?;
        if let Some(cite) = position.cite {
            w.wrapped(&crate::explain::cite_line(cite), "  ", "    ")?;
        }
    } else if report.fallback {
        let name = report.profile.as_ref().map_or("", |p| p.name);
        w.wrapped(
            &format!("Profile `{name}` is silent here: this is the RFC reading."),
            "",
            "  ",
        )?;
    }
    Ok(())
}

fn changes(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    if report.changes.is_empty() {
        return Ok(());
    }
    w.heading("Changed by")?;
    for change in &report.changes {
        let reason = change.reason.map_or(String::new(), |r| format!(": {r}"));
        w.wrapped(
            &format!("{}, {}{reason}", change.by, change.what),
            "  ",
            "    ",
        )?;
    }
    Ok(())
}

fn unused(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    if report.unused.is_empty() {
        return Ok(());
    }
    w.heading("Not used (the path never asked)")?;
    let items: Vec<String> = report
        .unused
        .iter()
        .map(|u| format!("{} = {}", u.question, u.answer))
        .collect();
    w.items(&items, "  ")
}

fn used_profile(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    match &report.profile {
        Some(profile) => {
            writeln!(w.out)?;
            w.wrapped(
                &format!("Profile: {} ({})", profile.name, profile.title)
                    .dimmed()
                    .to_string(),
                "",
                "  ",
            )
        }
        None => Ok(()),
    }
}

/// The recommendation as one pretty-printed JSON object.
pub fn json(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// A writer of wrapped, indented text: shared by every text output of the program.
pub(crate) struct Text<'a> {
    pub out: &'a mut dyn Write,
    width: usize,
}

impl<'a> Text<'a> {
    pub fn new(out: &'a mut dyn Write, width: usize) -> Self {
        Text {
            out,
            width: width.max(MIN_WIDTH),
        }
    }

    pub fn heading(&mut self, title: &str) -> io::Result<()> {
        writeln!(self.out, "\n{}", title.bold().underline())
    }

    /// Each paragraph of `text` wrapped to the width, the first line after `first`.
    pub fn wrapped(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        for (i, paragraph) in text.split("\n\n").enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            let first = if i == 0 { first } else { rest };
            // Header names such as If-Unmodified-Since stay whole: words break at spaces only.
            for (indent, line) in wrap::wrap(paragraph, self.width, first, rest) {
                writeln!(self.out, "{indent}{line}")?;
            }
        }
        Ok(())
    }

    /// `items` joined by commas and wrapped only between items, so that a flag such as
    /// `--answer condition=<value>` is never cut in two where a reader would copy it.
    pub fn items(&mut self, items: &[String], indent: &str) -> io::Result<()> {
        // The wrapper breaks only at ASCII spaces; a no-break space holds an item together.
        const GLUE: &str = "\u{a0}";
        let glued: Vec<String> = items.iter().map(|i| i.replace(' ', GLUE)).collect();
        let joined = glued.join(", ");
        for (indent, line) in wrap::wrap(&joined, self.width, indent, indent) {
            writeln!(self.out, "{indent}{}", line.replace(GLUE, " "))?;
        }
        Ok(())
    }

    /// An answer under its question: cyan, wrapped, with room left on its last line for
    /// `note`.
    fn answer(&mut self, label: &str, note: &str) -> io::Result<()> {
        const INDENT: &str = "       ";
        let width = self.width.saturating_sub(note.len());
        let lines = wrap::wrap(label, width, INDENT, INDENT);
        let last = lines.len().saturating_sub(1);
        for (i, (_, line)) in lines.iter().enumerate() {
            let text = line.cyan();
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

pub(crate) fn status_color(status: u16) -> ColoredString {
    let code = status.to_string().bold();
    match status {
        200..=399 => code.green(),
        400..=499 => code.yellow(),
        _ => code.red(),
    }
}

fn why(report: &Report<'_>, w: &mut Text<'_>) -> io::Result<()> {
    w.heading("Why")?;
    for (n, step) in report.questions_answered().into_iter().enumerate() {
        let assumed = if step.source == Source::Default {
            " (assumed)"
        } else {
            ""
        };
        w.wrapped(step.prompt, &format!("  {}. ", n + 1), "     ")?;
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
        let title = format!("{} {}", status_color(note.status), note.title.bold());
        w.wrapped(&title, "  ", "      ")?;
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
        w.wrapped(
            &format!("{} {content_type}", "Content-Type:".bold()),
            "  ",
            "    ",
        )?;
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
        w.wrapped(
            &format!("{} = {}", a.question, a.answer.cyan()),
            "  ",
            "    ",
        )?;
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
        w.wrapped(&cite.label().bold().to_string(), "  ", "    ")?;
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
