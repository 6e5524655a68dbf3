//! Writing a [`Report`]: text for people (colored when the run decided so), JSON for programs.

use std::io::{self, Write};

use colored::{ColoredString, Colorize};

use crate::report::{retry_text, Report};
use crate::session::Source;

/// The recommendation as text: the code first, then why, why not, what to send, sources.
pub fn text(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} {}", status_color(report.status), report.title.bold())?;
    writeln!(out, "{}", report.summary)?;
    why(report, out)?;
    why_not(report, out)?;
    send(report, out)?;
    heading(out, "Client")?;
    writeln!(out, "  {}.", capitalise(retry_text(report.client.retry)))?;
    indented(out, report.client.next_step)?;
    assumptions(report, out)?;
    sources(report, out)
}

/// The recommendation as one pretty-printed JSON object.
pub fn json(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

fn status_color(status: u16) -> ColoredString {
    let code = status.to_string().bold();
    match status {
        200..=399 => code.green(),
        400..=499 => code.yellow(),
        _ => code.red(),
    }
}

fn heading(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "\n{}", title.bold().underline())
}

fn indented(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for line in text.lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

fn why(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Why")?;
    let mut shown: Vec<&str> = Vec::new();
    for step in &report.path {
        // The path may test a question twice; the reader needs its answer once.
        if shown.contains(&step.question) {
            continue;
        }
        shown.push(step.question);
        let mark = match step.source {
            Source::Flag => "",
            Source::Default => " (assumed)",
            Source::Asked => "",
        };
        writeln!(out, "  {}. {}", shown.len(), step.prompt)?;
        writeln!(out, "     {} {}{}", "→".cyan(), step.label.cyan(), mark.dimmed())?;
    }
    writeln!(out)?;
    indented(out, report.explanation)
}

fn why_not(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.why_not.is_empty() {
        return Ok(());
    }
    heading(out, "Why not")?;
    for w in &report.why_not {
        writeln!(out, "  {} {}", status_color(w.status), w.title.bold())?;
        indented(out, &format!("  {}", w.reason))?;
    }
    Ok(())
}

fn send(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let response = &report.response;
    if response.headers.is_empty() && response.body.is_none() {
        return Ok(());
    }
    heading(out, "Send")?;
    for header in &response.headers {
        writeln!(out, "  {}: {}", header.name.bold(), header.why)?;
    }
    if let (Some(content_type), Some(body)) = (response.content_type, &response.body) {
        writeln!(out, "  {}: {content_type}", "Content-Type".bold())?;
        let pretty = serde_json::to_string_pretty(body).map_err(io::Error::other)?;
        indented(out, &pretty)?;
    }
    if let Some(members) = response.members {
        writeln!(out, "  Extension members: {members}")?;
    }
    Ok(())
}

fn assumptions(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.assumptions.is_empty() {
        return Ok(());
    }
    heading(out, "Assumed (defaults; pass a flag to decide)")?;
    for a in &report.assumptions {
        writeln!(out, "  {} = {}  {}", a.question, a.answer.cyan(), a.flags.join(", ").dimmed())?;
    }
    Ok(())
}

fn sources(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    heading(out, "Sources")?;
    for cite in report.citations {
        let section = cite.section.as_deref().map_or(String::new(), |s| format!(" §{s}"));
        let title = cite.title.as_deref().map_or(String::new(), |t| format!(" {t}"));
        writeln!(out, "  {}{section}{title}", cite.document.bold())?;
        writeln!(out, "    {}", cite.url.dimmed())?;
    }
    Ok(())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}
