//! The profiles as text: the list, one profile's positions, and `--compare-profiles`.

use std::io;

use httpadvise_rules::model::code_text;

use colored::Colorize;

use super::{cite_line, quote, status_title, t, Writer};
use crate::output::plural;
use crate::output::report::{Comparison, ProfileDetail, ProfileList, Row};

pub(super) fn list(report: &ProfileList, w: &mut Writer<'_>) -> io::Result<()> {
    for profile in &report.profiles {
        let line = format!(
            "{}  {} ({})",
            t(&profile.name).bold(),
            t(&profile.title),
            plural(profile.positions, "position")
        );
        writeln!(w.out, "{line}")?;
        w.wrapped(&t(&profile.summary), "  ", "  ")?;
        w.wrapped(&t(&profile.url), "  ", "  ")?;
    }
    Ok(())
}

pub(super) fn detail(report: &ProfileDetail, w: &mut Writer<'_>) -> io::Result<()> {
    if let Some(profile) = &report.profile {
        writeln!(w.out, "{} {}", t(&profile.name).bold(), t(&profile.title))?;
        w.wrapped(&t(&profile.summary), "  ", "  ")?;
        w.wrapped(&t(&profile.url), "  ", "  ")?;
    }
    w.heading("Where it takes a position")?;
    if report.positions.is_empty() {
        w.wrapped("Nowhere: this profile is the RFC reading.", "  ", "  ")?;
    }
    for position in &report.positions {
        let change = match position.status == position.rfc_status {
            true => format!("{} (agrees)", code_text(position.rfc_status)),
            false => format!(
                "{} → {}",
                code_text(position.rfc_status),
                code_text(position.status)
            ),
        };
        let code = position
            .code
            .as_deref()
            .map_or(String::new(), |c| format!(" {}", t(c)));
        writeln!(
            w.out,
            "  {}: {}{}",
            t(&position.outcome).bold(),
            change,
            code.cyan()
        )?;
        w.wrapped(&t(&position.reason), "    ", "    ")?;
        if let Some(cite) = &position.cite {
            w.wrapped(&cite_line(cite), "    ", "      ")?;
            quote(cite, "      ", w)?;
        }
    }
    if !report.silent.is_empty() && !report.positions.is_empty() {
        w.heading("Silent (the RFC reading applies)")?;
        let silent: Vec<String> = report.silent.iter().map(|s| t(s).into_owned()).collect();
        w.items(&silent, "  ")?;
    }
    Ok(())
}

/// The width of the profile column; a longer name (the house rules' path) gets a line of
/// its own, so the statuses stay in one column.
const NAME_WIDTH: usize = 11;

pub(super) fn comparison(report: &Comparison, w: &mut Writer<'_>) -> io::Result<()> {
    for row in &report.rows {
        let mark = if row.disagrees {
            " ≠ rfc".red().to_string()
        } else {
            String::new()
        };
        let code = row
            .code
            .as_deref()
            .map_or(String::new(), |c| format!(" ({})", t(c)));
        let profile = t(&row.profile);
        let mut name = profile.as_ref();
        if name.chars().count() > NAME_WIDTH {
            writeln!(w.out, "{}", name.bold())?;
            name = "";
        }
        writeln!(
            w.out,
            "{:<NAME_WIDTH$} {}{}{mark}",
            name.bold(),
            status_title(row.status, &row.title),
            code
        )?;
        w.wrapped(&basis(row), "            ", "              ")?;
    }
    Ok(())
}

/// Why a row has its status: the position's source (or reason), or, where the profile
/// is silent, the RFC reading's source.
fn basis(row: &Row) -> String {
    let cite = row.cite.as_ref().map(cite_line);
    match (row.fallback, cite) {
        (true, cite) => format!(
            "silent here, so the RFC reading: {}",
            cite.unwrap_or_default()
        ),
        (false, Some(cite)) => cite,
        (false, None) => t(row.reason.as_deref().unwrap_or_default()).into_owned(),
    }
}
