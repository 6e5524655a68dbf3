//! `httpadvise explain CODE` and `httpadvise compare A B`: what codes mean, which routes of
//! the rules lead to them, and how to tell neighbours apart. All of it comes from the rule
//! data: the `[[status]]` entries, the outcomes, and the `[[contrast]]` entries.

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
    let outcomes = outcomes_with(tree, code, &found.routes);
    routes(tree, &outcomes, &found.routes, found.truncated, &mut w).map_err(Error::Output)?;
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
        let outcomes = outcomes_with(tree, code, &found.routes);
        let ids: Vec<String> = outcomes
            .iter()
            .map(|o| format!("`{}`", tree.outcome(*o).id))
            .collect();
        let reached = match ids.is_empty() {
            true => "No route of the rules leads here.".to_string(),
            false => format!(
                "Reached at {} (see `httpadvise explain {code}`).",
                ids.join(", ")
            ),
        };
        w.wrapped(&reached, "  ", "  ").map_err(Error::Output)?;
    }
    Ok(())
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

/// The outcomes that answer `code` on some route, in the order the routes reach them.
fn outcomes_with(tree: &Tree, code: u16, routes: &[Route]) -> Vec<OutcomeId> {
    let mut outcomes = Vec::new();
    for route in routes
        .iter()
        .filter(|r| tree.effective(r.outcome).0 == code)
    {
        if !outcomes.contains(&route.outcome) {
            outcomes.push(route.outcome);
        }
    }
    outcomes
}

fn routes(
    tree: &Tree,
    outcomes: &[OutcomeId],
    all: &[Route],
    truncated: bool,
    w: &mut Text<'_>,
) -> io::Result<()> {
    w.heading("Paths that lead here")?;
    if outcomes.is_empty() {
        w.wrapped("No route of these rules leads to this code.", "  ", "  ")?;
    }
    for outcome in outcomes {
        let o = tree.outcome(*outcome);
        writeln!(w.out, "  {}", o.id.bold())?;
        w.wrapped(&o.summary, "    ", "    ")?;
        for conditions in conditions(tree, *outcome, all) {
            w.wrapped(&conditions, "    • ", "      ")?;
        }
    }
    if truncated {
        w.wrapped(
            &format!("(only the first {ROUTE_LIMIT} routes were searched)"),
            "  ",
            "  ",
        )?;
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
