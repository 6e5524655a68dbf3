//! The recommendation as text: the code first, then why, why not, what to send, what the
//! client does, what was assumed, and the sources.

use std::io;

use colored::Colorize;

use super::{changes, cite_line, quote, status_title, t, Writer};
use crate::engine::session::Source;
use crate::output::report::{agreement, describe, mark, retry_text, Advice};
use crate::output::{capitalise, code_name};
use httpadvise_rules::model::code_text;

pub(super) fn advice(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    expectation(report, w)?;
    w.wrapped(&status_title(report.status, report.title), "", "    ")?;
    w.wrapped(&t(report.summary), "", "")?;
    profile(report, w)?;
    why(report, w)?;
    why_not(report, w)?;
    send(report, w)?;
    w.heading("Client")?;
    w.wrapped(
        &format!("Retry: {}.", retry_text(report.client.retry)),
        "  ",
        "  ",
    )?;
    w.wrapped(&t(report.client.next_step), "  ", "  ")?;
    assumptions(report, w)?;
    changes(&report.changes, w)?;
    unused(report, w)?;
    sources(report, w)?;
    used_profile(report, w)
}

/// `--brief`: "412 Precondition Failed: The If-Match condition …", on one line. With
/// `--expect`, the verdict leads the line, so a log that shows the failure shows why.
pub(super) fn brief(report: &Advice<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    use crate::output::escape::flat;
    let summary = flat(report.summary);
    let verdict = match &report.expect {
        None => String::new(),
        Some(expect) if expect.agrees => format!("{} ", "✔".green().bold()),
        Some(expect) => format!("{} expected {}, got ", "✘".red().bold(), expect.expected),
    };
    // A change of the house rules is marked here too: one line is all a script shows.
    let changed = mark(&report.changes).map_or(String::new(), |m| format!(" ({})", flat(&m)));
    writeln!(
        out,
        "{verdict}{}: {}{}",
        status_title(report.status, report.title),
        t(&summary),
        t(&changed)
    )
}

/// The verdict on `--expect`, first: it is what the reader asked.
fn expectation(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    let Some(expect) = &report.expect else {
        return Ok(());
    };
    let expected = t(&code_name(expect.expected, &expect.title)).into_owned();
    if expect.agrees {
        let line = format!(
            "{} {expected}: the rules agree{}",
            "✔".green().bold(),
            t(&agreement(expect, report.title))
        );
        w.wrapped(&line, "", "  ")?;
        return writeln!(w.out);
    }
    let line = format!(
        "{} {expected}: the rules recommend {} instead.",
        "✘".red().bold(),
        t(&code_name(report.status, report.title))
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
            t(&describe(&alternative.changes))
        );
        w.wrapped(&text, "  ", "    ")?;
    }
    writeln!(w.out)
}

/// What the profile in use says here: its position, or that it is silent.
fn profile(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    if let Some(position) = &report.position {
        let code = match (position.code, position.code_kind) {
            (Some(code), Some(kind)) => format!(" ({} {})", t(kind), t(code)),
            (Some(code), None) => format!(" ({})", t(code)),
            _ => String::new(),
        };
        let (status, rfc) = (code_text(position.status), code_text(report.rfc_status));
        let stance = match position.status == report.rfc_status {
            true => format!("{status}{code}, as the RFC reading"),
            false => format!("{status}{code} where the RFC reading is {rfc}"),
        };
        let line = format!(
            "{}: {stance}. {}",
            t(&capitalise(&position.by)),
            t(position.reason)
        );
        w.wrapped(&line, "", "  ")?;
        if let Some(cite) = position.cite {
            w.wrapped(&cite_line(cite), "  ", "    ")?;
            quote(cite, "    ", w)?;
        }
    } else if report.fallback {
        let name = report.profile.as_ref().map_or("", |p| p.name);
        w.wrapped(
            &format!(
                "Profile `{}` is silent here: this is the RFC reading.",
                t(name)
            ),
            "",
            "  ",
        )?;
    }
    Ok(())
}

fn unused(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    if report.unused.is_empty() {
        return Ok(());
    }
    w.heading("Not used (the path never asked)")?;
    let items: Vec<String> = report
        .unused
        .iter()
        .map(|u| format!("{} = {}", t(u.question), t(u.answer)))
        .collect();
    w.items(&items, "  ")
}

fn used_profile(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    match &report.profile {
        Some(profile) => {
            writeln!(w.out)?;
            w.wrapped(
                &format!("Profile: {} ({})", t(profile.name), t(profile.title))
                    .dimmed()
                    .to_string(),
                "",
                "  ",
            )
        }
        None => Ok(()),
    }
}

fn why(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    w.heading("Why")?;
    for (n, step) in report.steps_shown().into_iter().enumerate() {
        let assumed = if step.source == Source::Default {
            " (assumed)"
        } else {
            ""
        };
        w.wrapped(&t(step.prompt), &format!("  {}. ", n + 1), "     ")?;
        w.answer(&t(step.label), assumed)?;
    }
    if !report.assumed.is_empty() {
        let assumed: Vec<String> = report.assumed.iter().map(|a| t(a.assumed).into()).collect();
        let line = format!("Assumed on the way: {}.", assumed.join(", "));
        w.wrapped(&line.dimmed().to_string(), "  ", "  ")?;
    }
    writeln!(w.out)?;
    w.wrapped(&t(report.explanation), "  ", "  ")
}

fn why_not(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    if report.why_not.is_empty() {
        return Ok(());
    }
    w.heading("Why not")?;
    for note in &report.why_not {
        w.wrapped(&status_title(Some(note.status), note.title), "  ", "      ")?;
        w.wrapped(&t(note.reason), "    ", "    ")?;
    }
    Ok(())
}

fn send(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    let response = &report.response;
    if response.headers.is_empty() && response.body.is_none() {
        return Ok(());
    }
    w.heading("Send")?;
    for header in &response.headers {
        writeln!(w.out, "  {}", t(header.name).bold())?;
        w.wrapped(&t(header.why), "    ", "    ")?;
    }
    if let (Some(content_type), Some(body)) = (response.content_type, &response.body) {
        w.wrapped(
            &format!("{} {content_type}", "Content-Type:".bold()),
            "  ",
            "    ",
        )?;
        let pretty = serde_json::to_string_pretty(body).map_err(io::Error::other)?;
        for line in pretty.lines() {
            writeln!(w.out, "    {}", t(line))?;
        }
    }
    if !response.members.is_empty() {
        writeln!(w.out, "  {}", "Extension members".bold())?;
        for member in response.members {
            let line = format!("{}: {}", t(&member.name).bold(), t(&member.description));
            w.wrapped(&line, "    ", "      ")?;
        }
    }
    Ok(())
}

fn assumptions(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    if report.assumptions.is_empty() {
        return Ok(());
    }
    w.heading("Assumed (defaults; a flag decides otherwise)")?;
    for family in &report.assumed {
        let line = format!(
            "{} ({})",
            t(family.assumed).cyan(),
            t(&family.flags.join(", "))
        );
        w.wrapped(&line, "  ", "    ")?;
    }
    for a in report.assumptions_alone() {
        w.wrapped(
            &format!("{} = {}", t(a.question), t(a.answer).cyan()),
            "  ",
            "    ",
        )?;
        let flags: Vec<String> = a.flags.iter().map(|f| t(f).into_owned()).collect();
        w.items(&flags, "    ")?;
    }
    Ok(())
}

fn sources(report: &Advice<'_>, w: &mut Writer<'_>) -> io::Result<()> {
    // `cite` is optional in a rule file: no heading without a source under it.
    if report.citations.is_empty() {
        return Ok(());
    }
    w.heading("Sources")?;
    for cite in report.citations {
        w.wrapped(&t(&cite.label()).bold().to_string(), "  ", "    ")?;
        writeln!(w.out, "    {}", t(&cite.url))?;
        quote(cite, "    ", w)?;
    }
    Ok(())
}
