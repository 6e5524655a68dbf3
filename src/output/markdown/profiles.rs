//! The profiles as Markdown: the list and one profile's positions as lists, and
//! `--compare-profiles` as a table.

use std::io::{self, Write};

use httpadvise_rules::model::code_text;

use super::{cell, code, flat, in_cell, link, paragraphs, prose, quote};
use crate::output::code_name;
use crate::output::report::{Comparison, ProfileDetail, ProfileList};

pub(super) fn list(report: &ProfileList, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| Profile | Guide | Positions |")?;
    writeln!(out, "|---|---|---|")?;
    for p in &report.profiles {
        let guide = in_cell(&crate::output::escape::markdown::link(&p.title, &p.url));
        writeln!(
            out,
            "| {} | {guide} | {} |",
            in_cell(&code(&p.name)),
            p.positions
        )?;
    }
    Ok(())
}

pub(super) fn detail(report: &ProfileDetail, out: &mut dyn Write) -> io::Result<()> {
    if let Some(p) = &report.profile {
        let guide = crate::output::escape::markdown::link(&p.title, &p.url);
        writeln!(out, "### {}: {guide}", code(&p.name))?;
        paragraphs(&p.summary, out)?;
    }
    writeln!(out, "\n#### Where it takes a position\n")?;
    if report.positions.is_empty() {
        writeln!(out, "Nowhere: this profile is the RFC reading.")?;
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
        let guide_code = position
            .code
            .as_deref()
            .map_or(String::new(), |c| format!(" {}", code(c)));
        let source = position
            .cite
            .as_ref()
            .map_or(String::new(), |c| format!(" Source: {}.", link(c)));
        let reason = prose(&flat(&position.reason));
        writeln!(
            out,
            "- {}: {change}{guide_code}. {reason}{source}",
            code(&position.outcome)
        )?;
        if let Some(cite) = &position.cite {
            quote(cite, out)?;
        }
    }
    if !report.silent.is_empty() && !report.positions.is_empty() {
        writeln!(out, "\n#### Silent (the RFC reading applies)\n")?;
        let silent: Vec<String> = report.silent.iter().map(|s| code(s)).collect();
        writeln!(out, "{}", silent.join(", "))?;
    }
    Ok(())
}

pub(super) fn comparison(report: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| Profile | Status | Guide's code | Basis |")?;
    writeln!(out, "|---|---|---|---|")?;
    for row in &report.rows {
        let status = match row.disagrees {
            true => format!("**{}** ≠ rfc", cell(&code_name(row.status, &row.title))),
            false => cell(&code_name(row.status, &row.title)),
        };
        let cell_link = |cite| in_cell(&link(cite));
        let basis = match (&row.cite, row.fallback) {
            (Some(cite), false) => cell_link(cite),
            (Some(cite), true) => format!("silent; RFC reading: {}", cell_link(cite)),
            (None, _) => row.reason.as_deref().map_or(String::new(), cell),
        };
        let guide_code = row
            .code
            .as_deref()
            .map_or(String::new(), |c| in_cell(&code(c)));
        writeln!(
            out,
            "| {} | {status} | {guide_code} | {basis} |",
            cell(&row.profile)
        )?;
    }
    Ok(())
}
