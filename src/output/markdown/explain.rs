//! `explain` and `compare` as Markdown.

use std::io::{self, Write};

use super::{block_safe, changes, code, flat, link, paragraphs, prose, quote};
use crate::output::code_name;
use crate::output::report::{route_line, Compare, Condition, Explain, StatusInfo, REGISTRY_NOTE};

pub(super) fn explain(report: &Explain, out: &mut dyn Write) -> io::Result<()> {
    meaning(&report.status, "###", out)?;
    writeln!(out, "\n#### Paths that lead here\n")?;
    if report.recommends.is_empty() && report.fits.is_empty() {
        writeln!(out, "No route of these rules leads to this code.")?;
    }
    for reached in &report.recommends {
        let summary = prose(&flat(&reached.summary));
        writeln!(out, "- {}: {summary}", code(&reached.outcome))?;
        routes(&reached.routes, out)?;
    }
    if !report.fits.is_empty() {
        writeln!(out, "\n#### Paths where it fits as well\n")?;
    }
    for fits in &report.fits {
        let recommends = prose(&code_name(fits.recommended, &fits.recommended_title));
        let summary = prose(&flat(&fits.summary));
        writeln!(
            out,
            "- {}, which recommends {recommends}: {summary}",
            code(&fits.outcome)
        )?;
        for note in &fits.notes {
            writeln!(out, "  - {}", block_safe(prose(&flat(note))))?;
        }
        routes(&fits.routes, out)?;
    }
    if report.truncated {
        let (routes, steps) = (report.route_limit, report.step_limit);
        writeln!(
            out,
            "\n_The search for routes stopped before it saw them all: it looks at {routes} \
             routes, or {steps} steps in all, at most._"
        )?;
    }
    neighbours(report, out)?;
    send(report, out)?;
    if !report.citations.is_empty() {
        writeln!(out, "\n#### Sources\n")?;
    }
    for cite in &report.citations {
        writeln!(out, "- {}", block_safe(link(cite)))?;
        quote(cite, out)?;
    }
    changes(&report.changes, out)
}

/// A code's heading, meaning and source.
fn meaning(status: &StatusInfo, heading: &str, out: &mut dyn Write) -> io::Result<()> {
    let title = prose(&code_name(status.code, &status.title));
    writeln!(out, "{heading} {title}")?;
    paragraphs(&status.meaning, out)?;
    if let Some(cite) = &status.cite {
        writeln!(out, "\nSource: {}.", link(cite))?;
        quote(cite, out)?;
    }
    if status.registry_only {
        writeln!(out, "\n_{REGISTRY_NOTE}_")?;
    }
    Ok(())
}

fn routes(routes: &[Vec<Condition>], out: &mut dyn Write) -> io::Result<()> {
    for route in routes {
        writeln!(out, "  - {}", code(&route_line(route)))?;
    }
    Ok(())
}

fn neighbours(report: &Explain, out: &mut dyn Write) -> io::Result<()> {
    if report.neighbours.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n#### Neighbours\n")?;
    for neighbour in &report.neighbours {
        let title = prose(&code_name(neighbour.status, &neighbour.title));
        writeln!(out, "- **{title}**")?;
        for note in &neighbour.notes {
            let reason = prose(&flat(&note.reason));
            writeln!(out, "  - vs {}: {reason}", code(&note.outcome))?;
        }
        if neighbour.contrast {
            let command = format!(
                "httpadvise compare {} {}",
                report.status.code, neighbour.status
            );
            writeln!(out, "  - {} gives the deciding question.", code(&command))?;
        }
    }
    Ok(())
}

fn send(report: &Explain, out: &mut dyn Write) -> io::Result<()> {
    if report.headers.is_empty() && !report.problem_details {
        return Ok(());
    }
    writeln!(out, "\n#### What to send\n")?;
    for header in &report.headers {
        writeln!(out, "- {}", code(header))?;
    }
    if report.problem_details {
        writeln!(out, "- `Content-Type: application/problem+json` (RFC 9457)")?;
    }
    Ok(())
}

pub(super) fn compare(report: &Compare, out: &mut dyn Write) -> io::Result<()> {
    let (a, b) = (&report.a.status, &report.b.status);
    let title = format!(
        "{} vs {}",
        code_name(a.code, &a.title),
        code_name(b.code, &b.title)
    );
    writeln!(out, "### {}", prose(&title))?;
    match &report.contrast {
        None => writeln!(
            out,
            "\nThe rules write no contrast between {} and {}; here is what each means.",
            a.code, b.code
        )?,
        Some(contrast) => {
            writeln!(
                out,
                "\n**The deciding question:** {}\n",
                prose(&flat(&contrast.test))
            )?;
            writeln!(out, "- **{}:** {}", a.code, prose(&flat(&contrast.when_a)))?;
            writeln!(out, "- **{}:** {}", b.code, prose(&flat(&contrast.when_b)))?;
            if let Some(example) = &contrast.example {
                writeln!(out, "\n**Example:** {}", prose(&flat(example)))?;
            }
            if !contrast.citations.is_empty() {
                writeln!(out, "\nSources:\n")?;
            }
            for cite in &contrast.citations {
                writeln!(out, "- {}", block_safe(link(cite)))?;
                quote(cite, out)?;
            }
        }
    }
    for side in [&report.a, &report.b] {
        writeln!(out)?;
        meaning(&side.status, "####", out)?;
        writeln!(out, "\n{}", prose(&side.reached_line()))?;
    }
    changes(&report.changes, out)
}
