//! `--expect CODE`: a verdict on a code someone already chose. Agreeing is simple; when the
//! rules disagree, the nearest answers that would have led to CODE say what the chooser
//! must have believed about the request.

use serde::Serialize;

use httpadvise_rules::model::{first_of_each, NodeId, OutcomeId, QuestionId, Tree};
use httpadvise_rules::routes;

use super::session::Verdict;

/// At most this many equally near alternatives are shown.
const SHOWN: usize = 3;

#[derive(Debug, Serialize)]
pub struct ExpectVerdict {
    pub expected: u16,
    pub title: String,
    /// `None` where the rules send the stored response of an earlier request.
    pub recommended: Option<u16>,
    pub agrees: bool,
    /// The nearest answers that lead to `expected`; empty when no route does.
    pub alternatives: Vec<Alternative>,
}

/// A route to the expected code, as the answers that would have to differ.
#[derive(Debug, Serialize)]
pub struct Alternative {
    pub outcome: String,
    pub changes: Vec<AnswerChange>,
    /// The route's outcome and nodes, for marking what layers changed on it.
    #[serde(skip)]
    pub route: (OutcomeId, Vec<NodeId>),
}

#[derive(Debug, Serialize)]
pub struct AnswerChange {
    pub question: String,
    /// The run's answer, when it answered the question: on the command line, or on its
    /// path (a default it assumed included). `None` for a question it never reached.
    pub from: Option<String>,
    pub to: String,
}

/// Compares `code` with what the rules recommended in `verdict`, reached from the
/// command line's answers `given` (indexed by question).
pub fn check(tree: &Tree, verdict: &Verdict, given: &[Option<usize>], code: u16) -> ExpectVerdict {
    let (recommended, _) = tree.effective(verdict.outcome);
    // A replay sends the first response again, whatever its code was: no code disagrees.
    let agrees = recommended.is_none() || tree.fits(verdict.outcome, code);
    ExpectVerdict {
        expected: code,
        title: tree.status_name(code).to_string(),
        recommended,
        agrees,
        alternatives: if agrees {
            Vec::new()
        } else {
            nearest(tree, &Run::new(tree, verdict, given), code)
        },
    }
}

/// The routes to `code` that change the fewest of the run's answers.
fn nearest(tree: &Tree, run: &Run, code: u16) -> Vec<Alternative> {
    let mut scored: Vec<((usize, usize, usize), Alternative)> = routes::routes(tree)
        .routes
        .into_iter()
        .filter(|route| tree.fits(route.outcome, code))
        .map(|route| {
            let differing = route
                .steps
                .iter()
                .filter(|s| run.presumed(s.question) != Some(s.answer));
            let changes: Vec<AnswerChange> = first_of_each(differing, |s| s.question)
                .into_iter()
                .map(|s| change(tree, s.question, run.answered[s.question.0], s.answer))
                .collect();
            let outcome = tree.outcome(route.outcome).id.clone();
            // A change to an answer the chooser gave names the belief the expected code
            // rests on; a change to one they never gave brings in a fact they did not
            // mention. So the first come first.
            let unsaid = changes
                .iter()
                .filter(|c| {
                    tree.question_id(&c.question)
                        .is_none_or(|q| run.given[q.0].is_none())
                })
                .count();
            // Fewest changes first; then the fewest to answers nobody gave; among those,
            // the shortest route is the plainest reading.
            (
                (changes.len(), unsaid, route.steps.len()),
                Alternative {
                    outcome: outcome.to_string(),
                    changes,
                    route: (route.outcome, route.steps.iter().map(|s| s.node).collect()),
                },
            )
        })
        .collect();
    scored.sort_by_key(|(cost, _)| *cost);
    let best = scored.first().map_or(0, |((changes, _, _), _)| *changes);
    let mut shown: Vec<Alternative> = Vec::new();
    for (_, alternative) in scored
        .into_iter()
        .take_while(|((changes, _, _), _)| *changes == best)
    {
        // Routes that differ only in answers the run already had say the same thing.
        if !shown.iter().any(|s| same_changes(s, &alternative)) && shown.len() < SHOWN {
            shown.push(alternative);
        }
    }
    shown
}

/// What the run knew of each question, by question index.
struct Run {
    /// The answers it had: given on the command line, or taken on its path (defaults
    /// included). A question it never reached and no flag named has none.
    answered: Vec<Option<usize>>,
    /// Each question's default: what a one-shot run would assume for one it never reached.
    defaults: Vec<Option<usize>>,
    /// The answers the command line gave, by question.
    given: Vec<Option<usize>>,
}

impl Run {
    fn new(tree: &Tree, verdict: &Verdict, given: &[Option<usize>]) -> Self {
        let mut answered: Vec<Option<usize>> = (0..tree.questions.len())
            .map(|q| given.get(q).copied().flatten())
            .collect();
        for (step, _) in &verdict.path {
            answered[step.question.0] = Some(step.answer);
        }
        let defaults = tree.questions.iter().map(|q| q.default).collect();
        let given = (0..tree.questions.len())
            .map(|q| given.get(q).copied().flatten())
            .collect();
        Run {
            answered,
            defaults,
            given,
        }
    }

    /// The answer a route is measured against: the run's, else the default it would have
    /// taken. A route that keeps an unreached question at its default changes nothing there.
    fn presumed(&self, question: QuestionId) -> Option<usize> {
        self.answered[question.0].or(self.defaults[question.0])
    }
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
