//! `--expect CODE`: a verdict on a code someone already chose. Agreeing is simple; when the
//! rules disagree, the nearest answers that would have led to CODE say what the chooser
//! must have believed about the request.

use serde::Serialize;

use crate::paths;
use crate::session::Verdict;
use crate::tree::{QuestionId, Tree};

/// How many routes to search for the nearest one. The built-in pack has about a hundred.
const ROUTE_LIMIT: usize = 100_000;

/// At most this many equally near alternatives are shown.
const SHOWN: usize = 3;

#[derive(Debug, Serialize)]
pub struct ExpectVerdict {
    pub expected: u16,
    pub title: String,
    pub recommended: u16,
    pub agrees: bool,
    /// The nearest answers that lead to `expected`; empty when no route does.
    pub alternatives: Vec<Alternative>,
}

/// A route to the expected code, as the answers that would have to differ.
#[derive(Debug, Serialize)]
pub struct Alternative {
    pub outcome: String,
    pub changes: Vec<AnswerChange>,
}

#[derive(Debug, Serialize)]
pub struct AnswerChange {
    pub question: String,
    /// The answer the run had, if it had one.
    pub from: Option<String>,
    pub to: String,
}

/// Compares `code` with what the rules recommended in `verdict`.
pub fn check(tree: &Tree, verdict: &Verdict, code: u16) -> ExpectVerdict {
    let (recommended, _) = tree.effective(verdict.outcome);
    let agrees = tree.fits(verdict.outcome, code);
    ExpectVerdict {
        expected: code,
        title: tree.status_name(code).to_string(),
        recommended,
        agrees,
        alternatives: if agrees {
            Vec::new()
        } else {
            nearest(tree, verdict, code)
        },
    }
}

/// The routes to `code` that change the fewest of the run's answers.
fn nearest(tree: &Tree, verdict: &Verdict, code: u16) -> Vec<Alternative> {
    let current = current_answers(tree, verdict);
    let mut scored: Vec<((usize, usize), Alternative)> = paths::routes(tree, ROUTE_LIMIT)
        .routes
        .into_iter()
        .filter(|route| tree.fits(route.outcome, code))
        .map(|route| {
            let mut changes: Vec<AnswerChange> = Vec::new();
            for step in route
                .steps
                .iter()
                .filter(|s| current[s.question.0] != Some(s.answer))
            {
                // A question tested twice on the route is one change, not two.
                if !changes
                    .iter()
                    .any(|c| c.question == tree.question(step.question).id)
                {
                    changes.push(change(
                        tree,
                        step.question,
                        current[step.question.0],
                        step.answer,
                    ));
                }
            }
            let outcome = tree.outcome(route.outcome).id.clone();
            // Fewest changes first; among those, the shortest route is the plainest reading.
            (
                (changes.len(), route.steps.len()),
                Alternative {
                    outcome: outcome.to_string(),
                    changes,
                },
            )
        })
        .collect();
    scored.sort_by_key(|(cost, _)| *cost);
    let best = scored.first().map_or(0, |((changes, _), _)| *changes);
    let mut shown: Vec<Alternative> = Vec::new();
    for (_, alternative) in scored
        .into_iter()
        .take_while(|((changes, _), _)| *changes == best)
    {
        // Routes that differ only in answers the run already had say the same thing.
        if !shown.iter().any(|s| same_changes(s, &alternative)) && shown.len() < SHOWN {
            shown.push(alternative);
        }
    }
    shown
}

/// The run's answer to each question: on its path, else its default.
fn current_answers(tree: &Tree, verdict: &Verdict) -> Vec<Option<usize>> {
    let mut current: Vec<Option<usize>> = tree.questions.iter().map(|q| q.default).collect();
    for (step, _) in &verdict.path {
        current[step.question.0] = Some(step.answer);
    }
    current
}

fn change(tree: &Tree, question: QuestionId, from: Option<usize>, to: usize) -> AnswerChange {
    let q = tree.question(question);
    AnswerChange {
        question: q.id.to_string(),
        from: from.map(|a| q.answers[a].id.to_string()),
        to: q.answers[to].id.to_string(),
    }
}

fn same_changes(a: &Alternative, b: &Alternative) -> bool {
    a.changes.len() == b.changes.len()
        && a.changes
            .iter()
            .zip(&b.changes)
            .all(|(x, y)| x.question == y.question && x.to == y.to)
}

/// How an agreeing verdict ends: a full stop when `expected` is the recommended code;
/// else that the rules accept it beside the code they recommend, titled `recommended_title`.
pub fn agreement(verdict: &ExpectVerdict, recommended_title: &str) -> String {
    match verdict.expected == verdict.recommended {
        true => ".".to_string(),
        false => format!(
            ": it fits as well as the {} {recommended_title} they recommend.",
            verdict.recommended
        ),
    }
}

/// "payload = invalid (not valid), precondition = no": the changes in one line.
pub fn describe(changes: &[AnswerChange]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match &c.from {
            Some(from) => format!("{} = {} (not {from})", c.question, c.to),
            None => format!("{} = {}", c.question, c.to),
        })
        .collect();
    parts.join(", ")
}
