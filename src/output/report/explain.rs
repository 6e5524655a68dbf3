//! `explain CODE` and `compare A B` as data: what a code means, the routes of the rules that
//! lead to it (or to an outcome that says it fits as well), its neighbours, and how to tell
//! two codes apart. All of it comes from the rule data.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use httpadvise_rules::model::{first_of_each, Cite, OutcomeId, Tree};
use httpadvise_rules::registry;
use httpadvise_rules::routes::{Route, Routes, ROUTE_LIMIT, STEP_LIMIT};
use serde::Serialize;

use super::changes::{Change, Changes};
use super::SCHEMA_VERSION;
use crate::output::{capitalise, code_name};

/// Said of a code the rules do not name; the paths that lead to it, none, are said apart.
pub(crate) const REGISTRY_NOTE: &str =
    "From the IANA HTTP Status Code Registry: the rules do not name this code.";

/// Everything the rules say about one code.
#[derive(Debug, Serialize)]
pub struct Explain {
    pub schema_version: u32,
    pub status: StatusInfo,
    /// The outcomes that recommend the code, with the routes to each.
    pub recommends: Vec<Reached>,
    /// The outcomes that recommend another code but say this one fits as well.
    pub fits: Vec<FitsAsWell>,
    /// Whether the search stopped before it saw every route (`route_limit` routes, or
    /// `step_limit` steps in all).
    pub truncated: bool,
    pub route_limit: usize,
    pub step_limit: usize,
    pub neighbours: Vec<Neighbour>,
    /// Header fields the outcomes send, and whether they send a problem details body.
    pub headers: Vec<String>,
    pub problem_details: bool,
    pub citations: Vec<Cite>,
    /// Where a profile, the house rules or a rules file changed what is shown.
    pub changes: Vec<Change>,
}

/// A code as the `[[status]]` entry gives it, or, for a code the rules do not name, as
/// the IANA registry does.
#[derive(Debug, Serialize)]
pub struct StatusInfo {
    pub code: u16,
    pub title: String,
    pub meaning: String,
    pub cite: Option<Cite>,
    /// The rules have no `[[status]]` entry: this is the registry's, and no route leads here.
    pub registry_only: bool,
}

/// An outcome, and each distinct route to it.
#[derive(Debug, Serialize)]
pub struct Reached {
    pub outcome: String,
    pub summary: String,
    pub routes: Vec<Vec<Condition>>,
}

/// An outcome that recommends another code, where the explained one fits as well.
#[derive(Debug, Serialize)]
pub struct FitsAsWell {
    pub outcome: String,
    pub recommended: Option<u16>,
    pub recommended_title: String,
    pub summary: String,
    /// The outcome's own notes on when the explained code is the one to send.
    pub notes: Vec<String>,
    pub routes: Vec<Vec<Condition>>,
}

/// One question of a route and the answers that take it (`a | b` when several do).
#[derive(Debug, Serialize)]
pub struct Condition {
    pub question: String,
    pub answers: Vec<String>,
    /// The only answer is the question's default: the problem the question asks about is
    /// absent. Text and Markdown leave such conditions out.
    pub default: bool,
}

/// A neighbouring code, with every outcome's note on it.
#[derive(Debug, Serialize)]
pub struct Neighbour {
    pub status: u16,
    pub title: String,
    pub notes: Vec<NeighbourNote>,
    /// The rules write a contrast between the two codes (`compare`).
    pub contrast: bool,
}

#[derive(Debug, Serialize)]
pub struct NeighbourNote {
    pub outcome: String,
    pub reason: String,
}

/// Two codes side by side, with the contrast the rules write for them.
#[derive(Debug, Serialize)]
pub struct Compare {
    pub schema_version: u32,
    pub a: Side,
    pub b: Side,
    pub contrast: Option<ContrastInfo>,
    /// Where a profile, the house rules or a rules file changed what is shown.
    pub changes: Vec<Change>,
}

/// One code of a comparison, and where the rules answer it.
#[derive(Debug, Serialize)]
pub struct Side {
    pub status: StatusInfo,
    pub recommended_at: Vec<String>,
    pub fits_at: Vec<String>,
    /// What the rules recommend at `fits_at`, each code once.
    pub fits_instead_of: Vec<u16>,
}

/// How to tell two codes apart, in the order they were asked.
#[derive(Debug, Serialize)]
pub struct ContrastInfo {
    pub test: String,
    pub when_a: String,
    pub when_b: String,
    pub example: Option<String>,
    pub citations: Vec<Cite>,
}

impl StatusInfo {
    /// The code's entry; the caller has checked that the rules or the registry name it.
    pub fn new(tree: &Tree, code: u16) -> Self {
        if let Some(status) = tree.statuses.get(&code) {
            return StatusInfo {
                code,
                title: status.name.to_string(),
                meaning: status.meaning.to_string(),
                cite: status.cite.clone(),
                registry_only: false,
            };
        }
        let registered = registry::registered(code);
        StatusInfo {
            code,
            title: registered.map_or("", |r| r.name).to_string(),
            meaning: registered.map_or("", |r| r.meaning).to_string(),
            cite: registered.map(|r| Cite {
                document: r.document.into(),
                section: r.section.map(Into::into),
                title: Some(code_name(r.code, r.name).into()),
                url: r.url.into(),
                quote: None,
                revision: None,
            }),
            registry_only: true,
        }
    }
}

impl Explain {
    pub fn new(tree: &Tree, code: u16, found: &Routes) -> Self {
        let reached = Outcomes::find(tree, code, &found.routes);
        let outcomes = reached.all();
        let by_outcome = by_outcome(&found.routes);
        Explain {
            schema_version: SCHEMA_VERSION,
            status: StatusInfo::new(tree, code),
            recommends: reached
                .recommends
                .iter()
                .map(|o| Reached {
                    outcome: tree.outcome(*o).id.to_string(),
                    summary: tree.outcome(*o).summary.to_string(),
                    routes: conditions(tree, by_outcome.get(o).map_or(&[], Vec::as_slice)),
                })
                .collect(),
            fits: reached
                .fits
                .iter()
                .map(|o| fits_as_well(tree, code, *o, by_outcome.get(o).map_or(&[], Vec::as_slice)))
                .collect(),
            truncated: found.truncated,
            route_limit: ROUTE_LIMIT,
            step_limit: STEP_LIMIT,
            neighbours: neighbours(tree, code, &outcomes),
            headers: headers(tree, &outcomes),
            problem_details: outcomes.iter().any(|o| tree.outcome(*o).problem.is_some()),
            citations: citations(tree, code, &outcomes),
            changes: explain_changes(tree, code, &outcomes, &found.routes),
        }
    }
}

impl Compare {
    pub fn new(tree: &Tree, a: u16, b: u16, found: &Routes) -> Self {
        Compare {
            schema_version: SCHEMA_VERSION,
            a: Side::new(tree, a, found),
            b: Side::new(tree, b, found),
            contrast: contrast(tree, a, b),
            changes: compare_changes(tree, (a, b), found),
        }
    }
}

impl Side {
    fn new(tree: &Tree, code: u16, found: &Routes) -> Self {
        let reached = Outcomes::find(tree, code, &found.routes);
        let ids = |outcomes: &[OutcomeId]| -> Vec<String> {
            outcomes
                .iter()
                .map(|o| tree.outcome(*o).id.to_string())
                .collect()
        };
        let mut instead: Vec<u16> = Vec::new();
        for status in reached.fits.iter().filter_map(|o| tree.effective(*o).0) {
            if !instead.contains(&status) {
                instead.push(status);
            }
        }
        Side {
            status: StatusInfo::new(tree, code),
            recommended_at: ids(&reached.recommends),
            fits_at: ids(&reached.fits),
            fits_instead_of: instead,
        }
    }
}

/// The entries `explain` shows that a layer past the base changed: the code's entry, the
/// outcomes that answer it and the positions there, and the neighbours with their
/// contrasts.
fn explain_changes(
    tree: &Tree,
    code: u16,
    outcomes: &[OutcomeId],
    routes: &[Route],
) -> Vec<Change> {
    let mut changes = Changes::new(tree);
    changes.status(code);
    routes_to(&mut changes, outcomes, routes);
    for outcome in outcomes {
        changes.outcome(*outcome);
        for note in &tree.outcome(*outcome).why_not {
            changes.status(note.status);
            changes.contrast(code, note.status);
        }
        changes.positions(*outcome);
    }
    changes.into_vec()
}

/// The entries `compare` shows that a layer past the base changed: both codes' entries,
/// their contrast, and the outcomes that answer them.
fn compare_changes(tree: &Tree, (a, b): (u16, u16), found: &Routes) -> Vec<Change> {
    let mut changes = Changes::new(tree);
    changes.status(a);
    changes.status(b);
    changes.contrast(a, b);
    for code in [a, b] {
        let outcomes = Outcomes::find(tree, code, &found.routes).all();
        routes_to(&mut changes, &outcomes, &found.routes);
        for outcome in outcomes {
            changes.outcome(outcome);
            changes.positions(outcome);
        }
    }
    changes.into_vec()
}

/// The start, the nodes and the questions of every route to `outcomes`: a layer that
/// changed one of them changed the paths shown.
fn routes_to(changes: &mut Changes<'_>, outcomes: &[OutcomeId], routes: &[Route]) {
    changes.start();
    let outcomes: HashSet<OutcomeId> = outcomes.iter().copied().collect();
    for route in routes.iter().filter(|r| outcomes.contains(&r.outcome)) {
        for step in &route.steps {
            changes.node(step.node.0);
            changes.question(step.question.0);
        }
    }
}

/// The outcomes some route reaches where `code` is an answer of the rules, each in the
/// order the routes reach them: `--expect CODE` agrees at every one of them.
struct Outcomes {
    /// Those whose recommended (effective) status is `code`.
    recommends: Vec<OutcomeId>,
    /// Those that recommend another code but say `code` fits as well (`also-fits`).
    fits: Vec<OutcomeId>,
}

impl Outcomes {
    fn find(tree: &Tree, code: u16, routes: &[Route]) -> Self {
        let recommends = |o: OutcomeId| tree.effective(o).0 == Some(code);
        Outcomes {
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
    let mut seen = HashSet::new();
    routes
        .iter()
        .map(|r| r.outcome)
        .filter(|o| keep(*o) && seen.insert(*o))
        .collect()
}

/// The routes to each outcome, grouped once: looking them up per outcome would scan every
/// route for every outcome.
fn by_outcome(routes: &[Route]) -> HashMap<OutcomeId, Vec<&Route>> {
    let mut grouped: HashMap<OutcomeId, Vec<&Route>> = HashMap::new();
    for route in routes {
        grouped.entry(route.outcome).or_default().push(route);
    }
    grouped
}

fn fits_as_well(tree: &Tree, code: u16, outcome: OutcomeId, routes: &[&Route]) -> FitsAsWell {
    let o = tree.outcome(outcome);
    let recommended = tree.effective(outcome).0;
    FitsAsWell {
        outcome: o.id.to_string(),
        recommended,
        recommended_title: tree.title(recommended).to_string(),
        summary: o.summary.to_string(),
        notes: o
            .why_not
            .iter()
            .filter(|n| n.status == code)
            .map(|n| n.reason.to_string())
            .collect(),
        routes: conditions(tree, routes),
    }
}

/// Each distinct walk to `outcome` as `question = answer` conditions; routes that differ
/// only in one answer are folded into one, with both answers.
fn conditions(tree: &Tree, routes: &[&Route]) -> Vec<Vec<Condition>> {
    let mut lines: Vec<(Vec<usize>, Vec<BTreeSet<usize>>)> = Vec::new();
    for route in routes {
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
            let steps = nodes.iter().zip(answers);
            first_of_each(steps, |(n, _)| tree.nodes[**n].question)
                .into_iter()
                .map(|(n, a)| {
                    let q = tree.question(tree.nodes[*n].question);
                    Condition {
                        question: q.id.to_string(),
                        answers: a.iter().map(|i| q.answers[*i].id.to_string()).collect(),
                        default: a.len() == 1 && q.default == a.iter().next().copied(),
                    }
                })
                .collect()
        })
        .collect()
}

/// Each neighbouring code once, with every outcome's note on it: which outcome a note
/// argues for is half its meaning.
fn neighbours(tree: &Tree, code: u16, outcomes: &[OutcomeId]) -> Vec<Neighbour> {
    let mut by_status: BTreeMap<u16, Vec<NeighbourNote>> = BTreeMap::new();
    for outcome in outcomes.iter().map(|o| tree.outcome(*o)) {
        for note in outcome.why_not.iter().filter(|n| n.status != code) {
            by_status
                .entry(note.status)
                .or_default()
                .push(NeighbourNote {
                    outcome: outcome.id.to_string(),
                    reason: note.reason.to_string(),
                });
        }
    }
    by_status
        .into_iter()
        .map(|(status, notes)| Neighbour {
            status,
            title: tree.status_name(status).to_string(),
            notes,
            contrast: tree.contrast(code, status).is_some(),
        })
        .collect()
}

fn headers(tree: &Tree, outcomes: &[OutcomeId]) -> Vec<String> {
    let mut headers = BTreeSet::new();
    for outcome in outcomes {
        headers.extend(
            tree.outcome(*outcome)
                .headers
                .iter()
                .map(|h| h.name.to_string()),
        );
    }
    headers.into_iter().collect()
}

/// The status's own citation, then every outcome's, each source once.
fn citations(tree: &Tree, code: u16, outcomes: &[OutcomeId]) -> Vec<Cite> {
    let mut seen = BTreeSet::new();
    let status_cite = tree
        .statuses
        .get(&code)
        .and_then(|s| s.cite.as_ref())
        .into_iter();
    status_cite
        .chain(outcomes.iter().flat_map(|o| tree.outcome(*o).cites.iter()))
        .filter(|c| seen.insert(c.url.clone()))
        .cloned()
        .collect()
}

/// The contrast between `a` and `b`, shown in the order asked.
fn contrast(tree: &Tree, a: u16, b: u16) -> Option<ContrastInfo> {
    let contrast = tree.contrast(a, b)?;
    let (when_a, when_b) = if contrast.a == a {
        (&contrast.when_a, &contrast.when_b)
    } else {
        (&contrast.when_b, &contrast.when_a)
    };
    Some(ContrastInfo {
        test: contrast.test.to_string(),
        when_a: when_a.to_string(),
        when_b: when_b.to_string(),
        example: contrast.example.as_deref().map(str::to_string),
        citations: contrast.cites.clone(),
    })
}

/// "payload = valid | invalid, precondition = no"; "always" for a route with no question.
/// A route as a reader wants it: the conditions that differ from the defaults, which are
/// the problems it takes; the defaults are the problems it assumes absent.
pub(crate) fn route_line(route: &[Condition]) -> String {
    if route.is_empty() {
        return "always".to_string();
    }
    let parts: Vec<String> = route
        .iter()
        .filter(|c| !c.default)
        .map(|c| format!("{} = {}", c.question, c.answers.join(" | ")))
        .collect();
    match parts.is_empty() {
        true => "every question at its default".to_string(),
        false => parts.join(", "),
    }
}

/// "`a`, `b`": outcome ids as a reader finds them in the rule files.
pub(crate) fn outcome_ids<'a>(ids: impl IntoIterator<Item = &'a String>) -> String {
    let ids: Vec<String> = ids.into_iter().map(|id| format!("`{id}`")).collect();
    ids.join(", ")
}

impl Side {
    /// Where `compare` says a code is answered: the outcomes that recommend it, then those
    /// that recommend another code but accept it as well.
    pub(crate) fn reached_line(&self) -> String {
        let mut parts = Vec::new();
        if !self.recommended_at.is_empty() {
            parts.push(format!("reached at {}", outcome_ids(&self.recommended_at)));
        }
        if !self.fits_at.is_empty() {
            let instead: Vec<String> = self.fits_instead_of.iter().map(u16::to_string).collect();
            parts.push(format!(
                "fits as well at {}, where the rules recommend {}",
                outcome_ids(&self.fits_at),
                instead.join(" or ")
            ));
        }
        match parts.is_empty() {
            true => "No route of the rules leads here.".to_string(),
            false => format!(
                "{} (see `httpadvise explain {}`).",
                capitalise(&parts.join("; ")),
                self.status.code
            ),
        }
    }
}
