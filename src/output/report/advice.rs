//! The recommendation as data: what every output format shows, in one serializable shape.

use httpadvise_rules::builtin::DEFAULT_PROFILE;
use httpadvise_rules::model::{
    first_of_each, Cite, Layer, Member, OutcomeId, QuestionId, Retry, Tree,
};
use serde::Serialize;

use super::changes::{Change, Changes};
use super::SCHEMA_VERSION;
use crate::engine::expect::{AnswerChange, ExpectVerdict};
use crate::engine::session::{Source, Verdict};
use crate::output::code_name;

#[derive(Debug, Serialize)]
pub struct Advice<'a> {
    pub schema_version: u32,
    /// `None` (JSON `null`) where the answer is the stored response of an earlier request.
    pub status: Option<u16>,
    pub title: &'a str,
    pub outcome: &'a str,
    pub summary: &'a str,
    pub explanation: &'a str,
    pub path: Vec<PathStep<'a>>,
    pub assumptions: Vec<Assumption<'a>>,
    /// The families whose every question on the path took its default: what the advice
    /// assumed away.
    pub assumed: Vec<AssumedFamily<'a>>,
    pub why_not: Vec<WhyNot<'a>>,
    pub response: Response<'a>,
    pub client: Client<'a>,
    pub citations: &'a [Cite],
    /// The guide whose profile was used, if any.
    pub profile: Option<ProfileOut<'a>>,
    /// The status the rules give before any profile or house rule takes a position.
    pub rfc_status: Option<u16>,
    /// The position that decided `status`, when a layer took one at this outcome.
    pub position: Option<PositionOut<'a>>,
    /// True when the profile says nothing here, so the advice is the RFC reading.
    pub fallback: bool,
    /// Every place a layer other than the built-in rules changed the advice.
    pub changes: Vec<Change>,
    /// Answers given on the command line that the path never needed.
    pub unused: Vec<UnusedAnswer<'a>>,
    /// The verdict on `--expect CODE`, when given.
    pub expect: Option<ExpectVerdict>,
    /// Whether the Markdown comment draws the path as a Mermaid flowchart.
    #[serde(skip)]
    pub diagram: bool,
}

#[derive(Debug, Serialize)]
pub struct ProfileOut<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub url: &'a str,
}

#[derive(Debug, Serialize)]
pub struct PositionOut<'a> {
    /// The layer that took it: `profile `zalando``, `house rules (path)`, ….
    pub by: String,
    pub status: Option<u16>,
    pub title: &'a str,
    /// The guide's own name for the error, and what the guide calls such names.
    pub code: Option<&'a str>,
    pub code_kind: Option<&'a str>,
    pub reason: &'a str,
    pub cite: Option<&'a Cite>,
}

#[derive(Debug, Serialize)]
pub struct UnusedAnswer<'a> {
    pub question: &'a str,
    pub answer: &'a str,
}

/// One decision: which node asked which question, and the answer taken.
#[derive(Debug, Serialize)]
pub struct PathStep<'a> {
    pub node: &'a str,
    pub question: &'a str,
    pub prompt: &'a str,
    pub answer: &'a str,
    pub label: &'a str,
    pub source: Source,
}

/// A family of questions the path met, every one of them answered by its default.
#[derive(Debug, Serialize)]
pub struct AssumedFamily<'a> {
    pub family: &'a str,
    /// What the defaults assume, e.g. "credentials ok, caller permitted".
    pub assumed: &'a str,
    /// The questions on the path, by id.
    pub questions: Vec<&'a str>,
    /// Each question's own flag, `--NAME`: a question's flag need not be its id.
    #[serde(skip)]
    pub flags: Vec<String>,
}

/// A question the path needed that nothing answered, so its default was taken.
#[derive(Debug, Serialize)]
pub struct Assumption<'a> {
    pub question: &'a str,
    pub answer: &'a str,
    /// The flags that would decide it instead.
    pub flags: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct WhyNot<'a> {
    pub status: u16,
    pub title: &'a str,
    pub reason: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Response<'a> {
    pub headers: Vec<HeaderOut<'a>>,
    /// `application/problem+json` when a problem body should be sent.
    pub content_type: Option<&'static str>,
    /// An example RFC 9457 problem details body.
    pub body: Option<ProblemBody<'a>>,
    /// Extension members worth adding to the body.
    pub members: &'a [Member],
}

/// The members RFC 9457 §3.1 defines, in the order it lists them.
#[derive(Debug, Serialize)]
pub struct ProblemBody<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub title: &'a str,
    pub status: Option<u16>,
    pub detail: &'a str,
}

#[derive(Debug, Serialize)]
pub struct HeaderOut<'a> {
    pub name: &'a str,
    pub why: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Client<'a> {
    pub retry: Retry,
    pub next_step: &'a str,
}

impl<'a> Advice<'a> {
    /// The path as a reader wants it: each question once, at its first step. The tree
    /// may test a question at two nodes; `path` keeps both, for the exact walk.
    pub(crate) fn questions_answered(&self) -> Vec<&PathStep<'a>> {
        first_of_each(&self.path, |step| step.question)
    }

    /// The steps a reader is shown: each question once, without those of the families
    /// assumed away, which `assumed` sums up.
    pub(crate) fn steps_shown(&self) -> Vec<&PathStep<'a>> {
        let mut shown = self.questions_answered();
        shown.retain(|step| !self.assumed_away(step.question));
        shown
    }

    /// The assumptions that no assumed family sums up.
    pub(crate) fn assumptions_alone(&self) -> impl Iterator<Item = &Assumption<'a>> {
        self.assumptions
            .iter()
            .filter(|a| !self.assumed_away(a.question))
    }

    fn assumed_away(&self, question: &str) -> bool {
        self.assumed.iter().any(|f| f.questions.contains(&question))
    }

    /// Adds the verdict on `--expect CODE`, and marks what layers changed in it: the
    /// code's entry, and the routes its alternatives name.
    pub(crate) fn expecting(&mut self, tree: &Tree, verdict: ExpectVerdict) {
        let mut changes = Changes::new(tree);
        changes.status(verdict.expected);
        for alternative in &verdict.alternatives {
            let (outcome, nodes) = &alternative.route;
            for node in nodes {
                changes.node(node.0);
                changes.question(tree.node(*node).question.0);
            }
            changes.outcome(*outcome);
            changes.positions(*outcome);
        }
        for change in changes.into_vec() {
            if !self.changes.contains(&change) {
                self.changes.push(change);
            }
        }
        self.expect = Some(verdict);
    }

    /// `given` are the answers the command line gave, by question index.
    pub fn new(tree: &'a Tree, verdict: &Verdict, given: &[Option<usize>]) -> Self {
        let outcome = tree.outcome(verdict.outcome);
        let (status, deciding) = tree.effective(verdict.outcome);
        let title = tree.title(status);
        Advice {
            schema_version: SCHEMA_VERSION,
            status,
            title,
            outcome: &outcome.id,
            summary: &outcome.summary,
            explanation: &outcome.explanation,
            path: path(tree, verdict),
            assumptions: assumptions(tree, verdict),
            assumed: assumed_families(tree, verdict),
            // A profile may recommend a code the outcome argues against; that note would
            // contradict the advice, and the position says why instead.
            why_not: outcome
                .why_not
                .iter()
                .filter(|w| Some(w.status) != status)
                .map(|w| WhyNot {
                    status: w.status,
                    title: tree.status_name(w.status),
                    reason: &w.reason,
                })
                .collect(),
            response: Response {
                headers: outcome
                    .headers
                    .iter()
                    .map(|h| HeaderOut {
                        name: &h.name,
                        why: &h.why,
                    })
                    .collect(),
                content_type: outcome.problem.as_ref().map(|_| "application/problem+json"),
                body: outcome.problem.as_ref().map(|p| ProblemBody {
                    kind: &p.kind,
                    title,
                    status,
                    detail: &p.detail,
                }),
                members: outcome.problem.as_ref().map_or(&[], |p| &p.members),
            },
            client: Client {
                retry: outcome.retry,
                next_step: &outcome.next_step,
            },
            citations: &outcome.cites,
            profile: tree.guide.as_ref().map(|g| ProfileOut {
                name: &g.name,
                title: &g.title,
                url: &g.url,
            }),
            rfc_status: outcome.status,
            position: deciding.map(|p| PositionOut {
                by: tree.layers[p.layer].to_string(),
                status: p.status,
                title: tree.title(p.status),
                code: p.code.as_deref(),
                code_kind: code_kind(tree, p.layer),
                reason: &p.reason,
                cite: p.cite.as_ref(),
            }),
            fallback: falls_back(tree, verdict.outcome),
            changes: changes(tree, verdict, status),
            unused: unused(tree, verdict, given),
            expect: None,
            diagram: true,
        }
    }
}

/// What the profile's guide calls its own codes, for a position its layer took.
fn code_kind(tree: &Tree, layer: usize) -> Option<&str> {
    match (&tree.layers[layer], &tree.guide) {
        (Layer::Profile(_), Some(guide)) => guide.code_kind.as_deref(),
        _ => None,
    }
}

/// A profile other than `rfc` that took no position at this outcome leaves the RFC reading.
fn falls_back(tree: &Tree, outcome: OutcomeId) -> bool {
    let Some(guide) = &tree.guide else {
        return false;
    };
    let spoke = tree.positions.get(&outcome).is_some_and(|positions| {
        positions
            .iter()
            .any(|p| matches!(tree.layers[p.layer], Layer::Profile(_)))
    });
    guide.name != DEFAULT_PROFILE && !spoke
}

/// Every entry the advice used that a layer past the base added or replaced: the start,
/// the nodes and questions on the path, the outcome, the statuses it names, and the
/// positions that decided its status.
fn changes(tree: &Tree, verdict: &Verdict, status: Option<u16>) -> Vec<Change> {
    let mut changes = Changes::new(tree);
    changes.start();
    for (step, _) in &verdict.path {
        changes.node(step.node.0);
        changes.question(step.question.0);
    }
    changes.outcome(verdict.outcome);
    if let Some(status) = status {
        changes.status(status);
    }
    for family in families_on_path(tree, verdict) {
        changes.family(family);
    }
    for note in &tree.outcome(verdict.outcome).why_not {
        changes.status(note.status);
    }
    changes.positions(verdict.outcome);
    changes.into_vec()
}

/// Answers the command line gave to questions the path never asked.
fn unused<'a>(tree: &'a Tree, verdict: &Verdict, given: &[Option<usize>]) -> Vec<UnusedAnswer<'a>> {
    given
        .iter()
        .enumerate()
        .filter_map(|(q, answer)| answer.map(|a| (q, a)))
        .filter(|(q, _)| !verdict.path.iter().any(|(step, _)| step.question.0 == *q))
        .map(|(q, a)| UnusedAnswer {
            question: &tree.questions[q].id,
            answer: &tree.questions[q].answers[a].id,
        })
        .collect()
}

fn path<'a>(tree: &'a Tree, verdict: &Verdict) -> Vec<PathStep<'a>> {
    verdict
        .path
        .iter()
        .map(|(step, source)| {
            let question = tree.question(step.question);
            let answer = &question.answers[step.answer];
            PathStep {
                node: &tree.node(step.node).id,
                question: &question.id,
                prompt: &question.prompt,
                answer: &answer.id,
                label: &answer.label,
                source: *source,
            }
        })
        .collect()
}

fn assumptions<'a>(tree: &'a Tree, verdict: &Verdict) -> Vec<Assumption<'a>> {
    let defaults = verdict.path.iter().filter(|(_, s)| *s == Source::Default);
    first_of_each(defaults, |(step, _)| step.question)
        .into_iter()
        .map(|(step, _)| {
            let question = tree.question(step.question);
            Assumption {
                question: &question.id,
                answer: &question.answers[step.answer].id,
                flags: question.usage(),
            }
        })
        .collect()
}

/// The families (by index) with a question on the path, in the order the tree has them.
fn families_on_path(tree: &Tree, verdict: &Verdict) -> Vec<usize> {
    let on_path = |q: &QuestionId| verdict.path.iter().any(|(s, _)| s.question == *q);
    (0..tree.families.len())
        .filter(|f| tree.families[*f].questions.iter().any(on_path))
        .collect()
}

/// The families whose questions on the path all took their defaults.
fn assumed_families<'a>(tree: &'a Tree, verdict: &Verdict) -> Vec<AssumedFamily<'a>> {
    let source = |q: QuestionId| {
        verdict
            .path
            .iter()
            .find(|(s, _)| s.question == q)
            .map(|(_, source)| *source)
    };
    families_on_path(tree, verdict)
        .into_iter()
        .map(|f| &tree.families[f])
        .filter(|family| {
            family
                .questions
                .iter()
                .all(|q| source(*q).is_none_or(|s| s == Source::Default))
        })
        .map(|family| AssumedFamily {
            family: &family.id,
            assumed: &family.assumed,
            questions: family
                .questions
                .iter()
                .filter(|q| source(**q).is_some())
                .map(|q| &*tree.question(*q).id)
                .collect(),
            flags: family
                .questions
                .iter()
                .filter(|q| source(**q).is_some())
                .map(|q| tree.question(*q).flags()[0].spelled())
                .collect(),
        })
        .collect()
}

/// What `retry` tells the client, in words.
pub(crate) fn retry_text(retry: Retry) -> &'static str {
    match retry {
        Retry::No => "no, the same request fails again",
        Retry::AfterChange => "after changing the request",
        Retry::AfterRefresh => "after re-reading the resource",
        Retry::AfterDelay => "later, unchanged",
        Retry::NotNeeded => "not needed",
    }
}

/// How an agreeing verdict ends: a full stop when `expected` is the recommended code;
/// else that the rules accept it beside the code they recommend, titled `recommended_title`.
pub(crate) fn agreement(verdict: &ExpectVerdict, recommended_title: &str) -> String {
    match verdict.recommended {
        Some(code) if code == verdict.expected => ".".to_string(),
        Some(code) => {
            let recommended = code_name(code, recommended_title);
            format!(": it fits as well as the {recommended} they recommend.")
        }
        None => ": they send the stored response again, whatever its code was; check that \
                 it is the first request's."
            .to_string(),
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
