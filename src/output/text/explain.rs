//! `explain` and `compare` as text.

use std::io;

use colored::Colorize;

use super::{changes, cite_line, quote, status_title, t, Writer};
use crate::output::code_name;
use crate::output::report::{
    outcome_ids as ids, route_line, Compare, Condition, Explain, FitsAsWell, Reached, StatusInfo,
    REGISTRY_NOTE,
};

pub(super) fn explain(report: &Explain, w: &mut Writer<'_>) -> io::Result<()> {
    meaning(&report.status, w)?;
    paths(report, w)?;
    fits_as_well(report, w)?;
    if report.truncated {
        let note = format!(
            "(the search for routes stopped before it saw them all: it looks at {} routes, \
             or {} steps in all, at most)",
            report.route_limit, report.step_limit
        );
        w.wrapped(&note, "  ", "  ")?;
    }
    neighbours(report, w)?;
    send(report, w)?;
    if !report.citations.is_empty() {
        w.heading("Sources")?;
    }
    for cite in &report.citations {
        w.wrapped(&cite_line(cite), "  ", "    ")?;
        quote(cite, "    ", w)?;
    }
    changes(&report.changes, w)
}

fn meaning(status: &StatusInfo, w: &mut Writer<'_>) -> io::Result<()> {
    w.wrapped(&status_title(Some(status.code), &status.title), "", "    ")?;
    w.wrapped(&t(&status.meaning), "  ", "  ")?;
    if let Some(cite) = &status.cite {
        w.wrapped(&cite_line(cite), "  ", "    ")?;
        quote(cite, "    ", w)?;
    }
    if status.registry_only {
        w.wrapped(&REGISTRY_NOTE.dimmed().to_string(), "  ", "  ")?;
    }
    Ok(())
}

fn paths(report: &Explain, w: &mut Writer<'_>) -> io::Result<()> {
    w.heading("Paths that lead here")?;
    match (report.recommends.is_empty(), report.fits.as_slice()) {
        (true, []) => w.wrapped("No route of these rules leads to this code.", "  ", "  ")?,
        (true, fits) => {
            let line = format!(
                "No route of these rules recommends this code; it fits as well at {}.",
                t(&ids(fits.iter().map(|f| &f.outcome)))
            );
            w.wrapped(&line, "  ", "  ")?;
        }
        _ => {}
    }
    for Reached {
        outcome,
        summary,
        routes,
    } in &report.recommends
    {
        writeln!(w.out, "  {}", t(outcome).bold())?;
        w.wrapped(&t(summary), "    ", "    ")?;
        conditions(routes, w)?;
    }
    Ok(())
}

fn fits_as_well(report: &Explain, w: &mut Writer<'_>) -> io::Result<()> {
    if report.fits.is_empty() {
        return Ok(());
    }
    w.heading("Paths where it fits as well")?;
    for fits in &report.fits {
        let FitsAsWell {
            outcome,
            recommended,
            recommended_title,
            ..
        } = fits;
        let title = format!(
            "{}, which recommends {}; {} fits as well",
            t(outcome).bold(),
            t(&code_name(*recommended, recommended_title)),
            report.status.code
        );
        w.wrapped(&title, "  ", "      ")?;
        w.wrapped(&t(&fits.summary), "    ", "    ")?;
        for note in &fits.notes {
            w.wrapped(&t(note), "    ", "    ")?;
        }
        conditions(&fits.routes, w)?;
    }
    Ok(())
}

fn conditions(routes: &[Vec<Condition>], w: &mut Writer<'_>) -> io::Result<()> {
    for route in routes {
        w.wrapped(&t(&route_line(route)), "    • ", "      ")?;
    }
    Ok(())
}

fn neighbours(report: &Explain, w: &mut Writer<'_>) -> io::Result<()> {
    if report.neighbours.is_empty() {
        return Ok(());
    }
    w.heading("Neighbours")?;
    for neighbour in &report.neighbours {
        let title = status_title(Some(neighbour.status), &neighbour.title);
        w.wrapped(&title, "  ", "      ")?;
        for note in &neighbour.notes {
            let line = format!("vs `{}`: {}", t(&note.outcome), t(&note.reason));
            w.wrapped(&line, "    • ", "      ")?;
        }
        if neighbour.contrast {
            let line = format!(
                "`httpadvise compare {} {}` gives the deciding question.",
                report.status.code, neighbour.status
            );
            w.wrapped(&line, "    ", "    ")?;
        }
    }
    Ok(())
}

fn send(report: &Explain, w: &mut Writer<'_>) -> io::Result<()> {
    if report.headers.is_empty() && !report.problem_details {
        return Ok(());
    }
    w.heading("What to send")?;
    let mut items: Vec<String> = report.headers.iter().map(|h| t(h).into_owned()).collect();
    if report.problem_details {
        items.push("Content-Type: application/problem+json (RFC 9457)".to_string());
    }
    w.items(&items, "  ")
}

pub(super) fn compare(report: &Compare, w: &mut Writer<'_>) -> io::Result<()> {
    let (a, b) = (&report.a.status, &report.b.status);
    let title = format!(
        "{} vs {}",
        t(&code_name(a.code, &a.title)),
        t(&code_name(b.code, &b.title))
    );
    w.wrapped(&title.bold().to_string(), "", "  ")?;
    match &report.contrast {
        None => {
            let line = format!(
                "The rules write no contrast between {} and {}; here is what each means.",
                a.code, b.code
            );
            w.wrapped(&line, "  ", "  ")?;
        }
        Some(contrast) => {
            let test = format!("The deciding question: {}", t(&contrast.test));
            w.wrapped(&test, "  ", "  ")?;
            w.wrapped(
                &format!("{}: {}", a.code, t(&contrast.when_a)),
                "  • ",
                "    ",
            )?;
            w.wrapped(
                &format!("{}: {}", b.code, t(&contrast.when_b)),
                "  • ",
                "    ",
            )?;
            if let Some(example) = &contrast.example {
                w.wrapped(&format!("Example: {}", t(example)), "  ", "  ")?;
            }
            for cite in &contrast.citations {
                w.wrapped(&cite_line(cite), "  ", "    ")?;
                quote(cite, "    ", w)?;
            }
        }
    }
    for side in [&report.a, &report.b] {
        writeln!(w.out)?;
        meaning(&side.status, w)?;
        w.wrapped(&t(&side.reached_line()), "  ", "  ")?;
    }
    changes(&report.changes, w)
}
