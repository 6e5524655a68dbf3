//! Profiles seen from the outside: `httpadvise profiles`, `profiles show NAME`, and
//! `--compare-profiles`, which runs the same answers through every profile.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use crate::cli::{Format, Invocation, ProfilesCommand};
use crate::error::{Error, Exit};
use crate::explain::cite_line;
use crate::render::{status_color, Text};
use crate::report::Report;
use crate::rules::{Layer, RuleSources, PROFILES};
use crate::session::{self, Mode};
use crate::tree::Tree;

/// `httpadvise profiles [show NAME]`.
pub fn run(
    command: Option<&ProfilesCommand>,
    width: usize,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    let mut w = Text::new(out, width);
    match command {
        None => list(&mut w),
        Some(ProfilesCommand::Show { name }) => show(name, &mut w),
    }?;
    Ok(Exit::Advice)
}

/// The built-in pack with one profile, and nothing else: what each profile is alone.
fn with_profile(name: &str) -> Result<Tree, Error> {
    let sources = RuleSources {
        profile: Some(name.to_string()),
        ..RuleSources::builtin()
    };
    crate::load(&sources)
        .map(|pack| pack.tree)
        .map_err(Error::Rules)
}

fn list(w: &mut Text<'_>) -> Result<(), Error> {
    for (name, _) in PROFILES {
        let tree = with_profile(name)?;
        let Some(guide) = &tree.guide else { continue };
        let count = profile_positions(&tree).len();
        let line = format!("{}  {} ({count} positions)", name.bold(), guide.title);
        writeln!(w.out, "{line}").map_err(Error::Output)?;
        w.wrapped(&guide.summary, "  ", "  ")
            .map_err(Error::Output)?;
        w.wrapped(&guide.url, "  ", "  ").map_err(Error::Output)?;
    }
    Ok(())
}

/// The positions the profile layer itself took, by outcome index.
fn profile_positions(tree: &Tree) -> Vec<(usize, &crate::tree::Position)> {
    let mut found: Vec<(usize, &crate::tree::Position)> = tree
        .positions
        .iter()
        .flat_map(|(outcome, positions)| positions.iter().map(move |p| (outcome.0, p)))
        .filter(|(_, p)| matches!(tree.layers[p.layer], Layer::Profile(_)))
        .collect();
    found.sort_by_key(|(outcome, _)| *outcome);
    found
}

fn show(name: &str, w: &mut Text<'_>) -> Result<(), Error> {
    let tree = with_profile(name)?;
    write_show(&tree, w).map_err(Error::Output)
}

fn write_show(tree: &Tree, w: &mut Text<'_>) -> io::Result<()> {
    if let Some(guide) = &tree.guide {
        writeln!(w.out, "{} {}", guide.name.bold(), guide.title)?;
        w.wrapped(&guide.summary, "  ", "  ")?;
        w.wrapped(&guide.url, "  ", "  ")?;
    }
    let positions = profile_positions(tree);
    w.heading("Where it takes a position")?;
    if positions.is_empty() {
        w.wrapped("Nowhere: this profile is the RFC reading.", "  ", "  ")?;
    }
    for (outcome, position) in &positions {
        let o = &tree.outcomes[*outcome];
        let change = match position.status == o.status {
            true => format!("{} (agrees)", o.status),
            false => format!("{} → {}", o.status, position.status),
        };
        let code = position
            .code
            .as_deref()
            .map_or(String::new(), |c| format!(" {c}"));
        writeln!(w.out, "  {}: {}{}", o.id.bold(), change, code.cyan())?;
        w.wrapped(&position.reason, "    ", "    ")?;
        if let Some(cite) = &position.cite {
            w.wrapped(&cite_line(cite), "    ", "      ")?;
        }
    }
    let silent: Vec<String> = (0..tree.outcomes.len())
        .filter(|o| !positions.iter().any(|(p, _)| p == o))
        .map(|o| tree.outcomes[o].id.to_string())
        .collect();
    if !silent.is_empty() && !positions.is_empty() {
        w.heading("Silent (the RFC reading applies)")?;
        w.items(&silent, "  ")?;
    }
    Ok(())
}

/// `--compare-profiles --format json`: the rows, versioned like the advice's JSON.
#[derive(Debug, Serialize)]
struct Table<'a> {
    schema_version: u32,
    rows: &'a [Row],
}

/// One row of `--compare-profiles`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub profile: String,
    pub status: u16,
    pub title: String,
    /// The guide's own name for the error, if it gives one.
    pub code: Option<String>,
    /// Why this profile answers so, and where the guide says it.
    pub reason: Option<String>,
    pub cite: Option<crate::tree::Cite>,
    /// The profile is silent here: the status is the RFC reading.
    pub fallback: bool,
    /// The status differs from the `rfc` profile's.
    pub disagrees: bool,
}

/// Runs the command line's answers through every profile, without house rules, and
/// prints one table.
pub fn compare(
    sources: &RuleSources,
    tree: &Tree,
    invocation: &Invocation,
    width: usize,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    let mut rows = Vec::new();
    for (name, _) in PROFILES {
        let sources = RuleSources {
            profile: Some(name.to_string()),
            config: None,
            ..sources.clone()
        };
        let pack = crate::load(&sources).map_err(Error::Rules)?;
        rows.push(row(
            &pack.tree,
            &answers_by_id(tree, &invocation.answers, &pack.tree),
        )?);
    }
    // The house rules are the team's own answer: a row of their own, never left out silently.
    if let Some(path) = &sources.config {
        let mut house = row(tree, &invocation.answers)?;
        house.profile = format!("house rules ({})", path.display());
        rows.push(house);
    }
    let rfc = rows.first().map_or(0, |r| r.status);
    rows.iter_mut().for_each(|r| r.disagrees = r.status != rfc);
    let written = match invocation.cli.format {
        Format::Text => table_text(&rows, &mut Text::new(out, width)),
        Format::Json => {
            let table = Table {
                schema_version: crate::report::SCHEMA_VERSION,
                rows: &rows,
            };
            serde_json::to_writer_pretty(&mut *out, &table)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Markdown => table_markdown(&rows, out),
    };
    written.map_err(Error::Output)?;
    Ok(Exit::Advice)
}

/// The answers of `from` re-indexed for `to`, matching questions and answers by id.
fn answers_by_id(from: &Tree, answers: &[Option<usize>], to: &Tree) -> Vec<Option<usize>> {
    let mut mapped = vec![None; to.questions.len()];
    for (q, answer) in answers.iter().enumerate() {
        let Some(a) = answer else { continue };
        let question = &from.questions[q];
        if let Some(target) = to.question_id(&question.id) {
            mapped[target.0] = to.question(target).answer_index(&question.answers[*a].id);
        }
    }
    mapped
}

fn row(tree: &Tree, answers: &[Option<usize>]) -> Result<Row, Error> {
    let verdict = session::consult(tree, answers, Mode::OneShot, None)
        .map_err(|e| crate::session_error(tree, e))?;
    let report = Report::new(tree, &verdict, answers);
    let position = report.position.as_ref();
    Ok(Row {
        profile: tree
            .guide
            .as_ref()
            .map_or(String::new(), |g| g.name.to_string()),
        status: report.status,
        title: report.title.to_string(),
        code: position.and_then(|p| p.code).map(str::to_string),
        reason: position.map(|p| p.reason.to_string()),
        // A position is its own basis: its cite if it has one, else its reason. Without a
        // position the rules' own source stands behind the status.
        cite: match position {
            Some(p) => p.cite.cloned(),
            None => report.citations.first().cloned(),
        },
        fallback: report.fallback,
        disagrees: false,
    })
}

fn basis(row: &Row) -> String {
    let cite = row.cite.as_ref().map(cite_line);
    match (row.fallback, cite) {
        (true, cite) => format!(
            "silent here, so the RFC reading: {}",
            cite.unwrap_or_default()
        ),
        (false, Some(cite)) => cite,
        (false, None) => row.reason.clone().unwrap_or_default(),
    }
}

/// The width of the profile column; a longer name (the house rules' path) gets a line of
/// its own, so the statuses stay in one column.
const NAME_WIDTH: usize = 11;

fn table_text(rows: &[Row], w: &mut Text<'_>) -> io::Result<()> {
    for row in rows {
        let mark = if row.disagrees {
            " ≠ rfc".red().to_string()
        } else {
            String::new()
        };
        let code = row
            .code
            .as_deref()
            .map_or(String::new(), |c| format!(" ({c})"));
        let mut name = row.profile.as_str();
        if name.chars().count() > NAME_WIDTH {
            writeln!(w.out, "{}", name.bold())?;
            name = "";
        }
        writeln!(
            w.out,
            "{:<NAME_WIDTH$} {} {}{}{mark}",
            name.bold(),
            status_color(row.status),
            row.title,
            code
        )?;
        w.wrapped(&basis(row), "            ", "              ")?;
    }
    Ok(())
}

fn table_markdown(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| Profile | Status | Guide's code | Basis |")?;
    writeln!(out, "|---|---|---|---|")?;
    for row in rows {
        let status = match row.disagrees {
            true => format!("**{} {}** ≠ rfc", row.status, row.title),
            false => format!("{} {}", row.status, row.title),
        };
        let basis = match (&row.cite, row.fallback) {
            (Some(cite), false) => crate::markdown::link(cite),
            (Some(cite), true) => {
                format!("silent; RFC reading: {}", crate::markdown::link(cite))
            }
            (None, _) => row
                .reason
                .as_deref()
                .map_or(String::new(), crate::markdown::cell),
        };
        let code = row
            .code
            .as_deref()
            .map_or(String::new(), |c| format!("`{c}`"));
        writeln!(out, "| {} | {status} | {code} | {basis} |", row.profile)?;
    }
    Ok(())
}
