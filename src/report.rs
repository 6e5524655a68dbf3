//! The recommendation as data: what every output format shows, in one serializable shape.

use serde::Serialize;

use crate::session::{Source, Verdict};
use crate::tree::{Cite, Retry, Tree};

/// Bumped when a field changes meaning or goes away; new fields do not bump it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema_version: u32,
    pub status: u16,
    pub title: &'a str,
    pub outcome: &'a str,
    pub summary: &'a str,
    pub explanation: &'a str,
    pub path: Vec<PathStep<'a>>,
    pub assumptions: Vec<Assumption<'a>>,
    pub why_not: Vec<WhyNot<'a>>,
    pub response: Response<'a>,
    pub client: Client<'a>,
    pub citations: &'a [Cite],
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
    pub members: Option<&'a str>,
}

/// The members RFC 9457 §3.1 defines, in the order it lists them.
#[derive(Debug, Serialize)]
pub struct ProblemBody<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub title: &'a str,
    pub status: u16,
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

impl<'a> Report<'a> {
    pub fn new(tree: &'a Tree, verdict: &Verdict) -> Self {
        let outcome = tree.outcome(verdict.outcome);
        let title = tree.status_name(outcome.status);
        Report {
            schema_version: SCHEMA_VERSION,
            status: outcome.status,
            title,
            outcome: &outcome.id,
            summary: &outcome.summary,
            explanation: &outcome.explanation,
            path: path(tree, verdict),
            assumptions: assumptions(tree, verdict),
            why_not: outcome
                .why_not
                .iter()
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
                    status: outcome.status,
                    detail: &p.detail,
                }),
                members: outcome.problem.as_ref().and_then(|p| p.members.as_deref()),
            },
            client: Client {
                retry: outcome.retry,
                next_step: &outcome.next_step,
            },
            citations: &outcome.cites,
        }
    }
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
    let mut assumed: Vec<Assumption<'a>> = Vec::new();
    for (step, source) in &verdict.path {
        let question = tree.question(step.question);
        // A question tested by two nodes is one assumption, not two.
        if *source == Source::Default && !assumed.iter().any(|a| a.question == question.id) {
            assumed.push(Assumption {
                question: &question.id,
                answer: &question.answers[step.answer].id,
                flags: question.flags(),
            });
        }
    }
    assumed
}

/// What `retry` tells the client, in words.
pub fn retry_text(retry: Retry) -> &'static str {
    match retry {
        Retry::No => "do not retry as is: the same request fails again",
        Retry::AfterChange => "retry after changing the request or what it depends on",
        Retry::AfterRefresh => "re-read the resource, reapply the change, then retry",
        Retry::AfterDelay => "the same request may succeed later",
        Retry::NotNeeded => "nothing to retry: the request succeeded",
    }
}
