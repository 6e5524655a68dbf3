//! `httpadvise explain CODE` and `httpadvise compare A B`: what codes mean, which routes of
//! the rules lead to them (or to an outcome that says they fit as well), and how to tell
//! neighbours apart. All of it comes from the rule data: the `[[status]]` entries, the
//! outcomes, and the `[[contrast]]` entries.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use colored::Colorize;

use crate::error::Error;
use crate::paths::{self, Route};
use crate::render::{status_color, Text};
use crate::tree::{Cite, OutcomeId, Tree};

/// Enough for any hand-written pack; a generated one is cut short with a note.
const ROUTE_LIMIT: usize = 10_000;

/// Everything the rules say about `code`.
pub fn explain(tree: &Tree, code: u16, width: usize, out: &mut dyn Write) -> Result<(), Error> {
    known(tree, code)?;
    let mut w = Text::new(out, width);
    meaning(tree, code, &mut w).map_err(Error::Output)?;
    let found = paths::routes(tree, ROUTE_LIMIT);
    let reached = Reached::find(tree, code, &found.routes);
    routes(tree, &reached, &found.routes, &mut w).map_err(Error::Output)?;
    fits_as_well(tree, code, &reached, &found.routes, &mut w).map_err(Error::Output)?;
    if found.truncated {
        let note = format!("(only the first {ROUTE_LIMIT} routes were searched)");
        w.wrapped(&note, "  ", "  ").map_err(Error::Output)?;
    }
    let outcomes = reached.all();
    neighbours(tree, code, &outcomes, &mut w).map_err(Error::Output)?;
    send(tree, &outcomes, &mut w).map_err(Error::Output)?;
    citations(tree, code, &outcomes, &mut w).map_err(Error::Output)
}

/// Two codes side by side, with the contrast the rules write for them.
pub fn compare(
    tree: &Tree,
    a: u16,
    b: u16,
    width: usize,
    out: &mut dyn Write,
) -> Result<(), Error> {
    known(tree, a)?;
    known(tree, b)?;
    if a == b {
        return Err(Error::SameCode(a));
    }
    let mut w = Text::new(out, width);
    contrast(tree, a, b, &mut w).map_err(Error::Output)?;
    let found = paths::routes(tree, ROUTE_LIMIT);
    for code in [a, b] {
        writeln!(w.out).map_err(Error::Output)?;
        meaning(tree, code, &mut w).map_err(Error::Output)?;
        let reached = Reached::find(tree, code, &found.routes);
        w.wrapped(&reached_line(tree, code, &reached), "  ", "  ")
            .map_err(Error::Output)?;
    }
    Ok(())
}

/// Where `compare` says a code is answered: the outcomes that recommend it, then those
/// that recommend another code but accept it as well.
fn reached_line(tree: &Tree, code: u16, reached: &Reached) -> String {
    let ids = |outcomes: &[OutcomeId]| -> String {
        let ids: Vec<String> = outcomes
            .iter()
            .map(|o| format!("`{}`", tree.outcome(*o).id))
            .collect();
        ids.join(", ")
    };
    let mut parts = Vec::new();
    if !reached.recommends.is_empty() {
        parts.push(format!("Reached at {}", ids(&reached.recommends)));
    }
    if !reached.fits.is_empty() {
        let fits = match parts.is_empty() {
            true => "Fits as well",
            false => "fits as well",
        };
        let mut recommended: Vec<String> = Vec::new();
        for status in reached
            .fits
            .iter()
            .map(|o| tree.effective(*o).0.to_string())
        {
            if !recommended.contains(&status) {
                recommended.push(status);
            }
        }
        parts.push(format!(
            "{fits} at {}, where the rules recommend {}",
            ids(&reached.fits),
            recommended.join(" or ")
        ));
    }
    match parts.is_empty() {
        true => "No route of the rules leads here.".to_string(),
        false => format!("{} (see `httpadvise explain {code}`).", parts.join("; ")),
    }
}

fn known(tree: &Tree, code: u16) -> Result<(), Error> {
    match tree.statuses.contains_key(&code) {
        true => Ok(()),
        false => Err(Error::UnknownStatus {
            code,
            known: tree.statuses.keys().copied().collect(),
        }),
    }
}

fn meaning(tree: &Tree, code: u16, w: &mut Text<'_>) -> io::Result<()> {
    let status = &tree.statuses[&code];
    w.wrapped(
        &format!("{} {}", status_color(code), status.name.bold()),
        "",
        "    ",
    )?;
    w.wrapped(&status.meaning, "  ", "  ")?;
    if let Some(cite) = &status.cite {
        w.wrapped(&cite_line(cite), "  ", "    ")?;
    }
    Ok(())
}

/// The outcomes some route reaches where `code` is an answer of the rules, each in the
/// order the routes reach them: `--expect CODE` agrees at every one of them.
struct Reached {
    /// Those whose recommended (effective) status is `code`.
    recommends: Vec<OutcomeId>,
    /// Those that recommend another code but say `code` fits as well (`also-fits`).
    fits: Vec<OutcomeId>,
}

impl Reached {
    fn find(tree: &Tree, code: u16, routes: &[Route]) -> Self {
        let recommends = |o: OutcomeId| tree.effective(o).0 == code;
        Reached {
            recommends: outcomes_where(routes, recommends),
            fits: outcomes_where(routes, |o| !recommends(o) && tree.fits(o, code)),
        }
    }

    fn all(&self) -> Vec<OutcomeId> {
        self.recommends.iter().chain(&self.fits).copied().collect()
    }
}

/// The outcomes of `routes` that `keep` accepts, once each, in the order reached.
fn outcomes_where(routes: &[Route], keep: impl Fn(OutcomeId) -> bool) -> Vec<OutcomeId> {
    let mut outcomes = Vec::new();
    for route in routes.iter().filter(|r| keep(r.outcome)) {
        if !outcomes.contains(&route.outcome) {
            outcomes.push(route.outcome);
        }
    }
    outcomes
}

fn routes(tree: &Tree, reached: &Reached, all: &[Route], w: &mut Text<'_>) -> io::Result<()> {
    w.heading("Paths that lead here")?;
    match (reached.recommends.is_empty(), reached.fits.as_slice()) {
        (true, []) => w.wrapped("No route of these rules leads to this code.", "  ", "  ")?,
        (true, fits) => {
            let ids: Vec<String> = fits
                .iter()
                .map(|o| format!("`{}`", tree.outcome(*o).id))
                .collect();
            let line = format!(
                "No route of these rules recommends this code; it fits as well at {}.",
                ids.join(", ")
            );
            w.wrapped(&line, "  ", "  ")?;
        }
        _ => {}
    }
    for outcome in &reached.recommends {
        let o = tree.outcome(*outcome);
        writeln!(w.out, "  {}", o.id.bold())?;
        w.wrapped(&o.summary, "    ", "    ")?;
        route_conditions(tree, *outcome, all, w)?;
    }
    Ok(())
}

/// The routes to outcomes that recommend another code but accept `code` as well, each
/// with the outcome's own note on when `code` is the one to send.
fn fits_as_well(
    tree: &Tree,
    code: u16,
    reached: &Reached,
    all: &[Route],
    w: &mut Text<'_>,
) -> io::Result<()> {
    if reached.fits.is_empty() {
        return Ok(());
    }
    w.heading("Paths where it fits as well")?;
    for outcome in &reached.fits {
        let o = tree.outcome(*outcome);
        let recommended = tree.effective(*outcome).0;
        let title = format!(
            "{}, which recommends {recommended} {}; {code} fits as well",
            o.id.bold(),
            tree.status_name(recommended)
        );
        w.wrapped(&title, "  ", "      ")?;
        w.wrapped(&o.summary, "    ", "    ")?;
        for note in o.why_not.iter().filter(|n| n.status == code) {
            w.wrapped(&note.reason, "    ", "    ")?;
        }
        route_conditions(tree, *outcome, all, w)?;
    }
    Ok(())
}

fn route_conditions(
    tree: &Tree,
    outcome: OutcomeId,
    all: &[Route],
    w: &mut Text<'_>,
) -> io::Result<()> {
    for conditions in conditions(tree, outcome, all) {
        w.wrapped(&conditions, "    • ", "      ")?;
    }
    Ok(())
}

/// Each distinct walk to `outcome` as `question = answer` conditions; routes that differ
/// only in one answer are folded into `question = a | b`.
fn conditions(tree: &Tree, outcome: OutcomeId, all: &[Route]) -> Vec<String> {
    let mut lines: Vec<(Vec<usize>, Vec<BTreeSet<usize>>)> = Vec::new();
    for route in all.iter().filter(|r| r.outcome == outcome) {
        let nodes: Vec<usize> = route.steps.iter().map(|s| s.node.0).collect();
        match lines.iter_mut().find(|(n, _)| *n == nodes) {
            Some((_, answers)) => route.steps.iter().zip(answers).for_each(|(s, a)| {
                a.insert(s.answer);
            }),
            None => lines.push((
                nodes,
                route
                    .steps
                    .iter()
                    .map(|s| BTreeSet::from([s.answer]))
                    .collect(),
            )),
        }
    }
    lines
        .into_iter()
        .map(|(nodes, answers)| {
            let mut seen = Vec::new();
            let parts: Vec<String> = nodes
                .iter()
                .zip(answers)
                .filter_map(|(n, a)| {
                    let q = tree.question(tree.nodes[*n].question);
                    // A question tested twice on one route is shown once.
                    if seen.contains(&q.id) {
                        return None;
                    }
                    seen.push(q.id.clone());
                    let ids: Vec<&str> = a.iter().map(|i| &*q.answers[*i].id).collect();
                    Some(format!("{} = {}", q.id, ids.join(" | ")))
                })
                .collect();
            if parts.is_empty() {
                "always".to_string()
            } else {
                parts.join(", ")
            }
        })
        .collect()
}

fn neighbours(tree: &Tree, code: u16, outcomes: &[OutcomeId], w: &mut Text<'_>) -> io::Result<()> {
    // Each neighbouring code once, with every outcome's note on it: which outcome a note
    // argues for is half its meaning.
    let mut by_status: BTreeMap<u16, Vec<(&str, &str)>> = BTreeMap::new();
    for outcome in outcomes.iter().map(|o| tree.outcome(*o)) {
        for note in outcome.why_not.iter().filter(|n| n.status != code) {
            by_status
                .entry(note.status)
                .or_default()
                .push((&outcome.id, &note.reason));
        }
    }
    let contrasts: Vec<u16> = tree
        .contrasts
        .iter()
        .filter_map(|c| match (c.a == code, c.b == code) {
            (true, _) => Some(c.b),
            (_, true) => Some(c.a),
            _ => None,
        })
        .collect();
    if by_status.is_empty() && contrasts.is_empty() {
        return Ok(());
    }
    w.heading("Neighbours")?;
    for (status, notes) in by_status {
        let title = format!(
            "{} {}",
            status_color(status),
            tree.status_name(status).bold()
        );
        w.wrapped(&title, "  ", "      ")?;
        for (outcome, reason) in notes {
            w.wrapped(&format!("vs `{outcome}`: {reason}"), "    • ", "      ")?;
        }
        if contrasts.contains(&status) {
            w.wrapped(
                &format!("`httpadvise compare {code} {status}` gives the deciding question."),
                "    ",
                "    ",
            )?;
        }
    }
    Ok(())
}

fn send(tree: &Tree, outcomes: &[OutcomeId], w: &mut Text<'_>) -> io::Result<()> {
    let mut headers = BTreeSet::new();
    for outcome in outcomes {
        headers.extend(tree.outcome(*outcome).headers.iter().map(|h| &*h.name));
    }
    let problem = outcomes.iter().any(|o| tree.outcome(*o).problem.is_some());
    if headers.is_empty() && !problem {
        return Ok(());
    }
    w.heading("What to send")?;
    let mut items: Vec<String> = headers.into_iter().map(str::to_string).collect();
    if problem {
        items.push("Content-Type: application/problem+json (RFC 9457)".to_string());
    }
    w.items(&items, "  ")
}

fn citations(tree: &Tree, code: u16, outcomes: &[OutcomeId], w: &mut Text<'_>) -> io::Result<()> {
    let mut seen = BTreeSet::new();
    let status_cite = tree.statuses[&code].cite.iter();
    let cites: Vec<&Cite> = status_cite
        .chain(outcomes.iter().flat_map(|o| tree.outcome(*o).cites.iter()))
        .filter(|c| seen.insert(&*c.url))
        .collect();
    w.heading("Sources")?;
    for cite in cites {
        w.wrapped(&cite_line(cite), "  ", "    ")?;
    }
    Ok(())
}

fn contrast(tree: &Tree, a: u16, b: u16, w: &mut Text<'_>) -> io::Result<()> {
    let title = format!("{a} {} vs {b} {}", tree.status_name(a), tree.status_name(b));
    w.wrapped(&title.bold().to_string(), "", "  ")?;
    let Some(contrast) = tree.contrast(a, b) else {
        return w.wrapped(
            &format!("The rules write no contrast between {a} and {b}; here is what each means."),
            "  ",
            "  ",
        );
    };
    // The contrast may be written either way round; show it in the order asked.
    let (first, second) = if contrast.a == a {
        (&contrast.when_a, &contrast.when_b)
    } else {
        (&contrast.when_b, &contrast.when_a)
    };
    w.wrapped(
        &format!("The deciding question: {}", contrast.test),
        "  ",
        "  ",
    )?;
    w.wrapped(&format!("{a}: {first}"), "  • ", "    ")?;
    w.wrapped(&format!("{b}: {second}"), "  • ", "    ")?;
    if let Some(example) = &contrast.example {
        w.wrapped(&format!("Example: {example}"), "  ", "  ")?;
    }
    for cite in &contrast.cites {
        w.wrapped(&cite_line(cite), "  ", "    ")?;
    }
    Ok(())
}

/// A citation on one line: its label, then its link.
pub(crate) fn cite_line(cite: &Cite) -> String {
    format!("{}: {}", cite.label(), cite.url)
}
