//! The validated decision tree: questions, nodes and outcomes, every reference resolved.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::rules::raw::Retry;
pub use crate::rules::Layer;

/// Text of the tree: borrowed from the program for the default pack, which is compiled in
/// (so a run does not copy it into the heap), owned for rule files loaded at run time.
pub type Text = Cow<'static, str>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QuestionId(pub usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct NodeId(pub usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OutcomeId(pub usize);

/// Where an edge of the tree leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Target {
    Node(NodeId),
    Outcome(OutcomeId),
}

/// A pack that loaded without a single problem. Built only by `validate`, so the engine can
/// index it without checks: every id in it points at something that exists. (The default
/// pack is validated when the program is built and included as code; see `build.rs`.)
#[derive(Debug, PartialEq, Serialize)]
pub struct Tree {
    pub start: Target,
    pub statuses: BTreeMap<u16, Status>,
    pub questions: Vec<Question>,
    pub nodes: Vec<Node>,
    pub outcomes: Vec<Outcome>,
    /// What each file was loaded as; entries' `layer` fields index it.
    pub layers: Vec<Layer>,
    /// The guide of the profile in use, if a profile was loaded.
    pub guide: Option<Guide>,
    /// What the layers say at each outcome, in load order: the last one decides.
    pub positions: BTreeMap<OutcomeId, Vec<Position>>,
    pub contrasts: Vec<Contrast>,
}

/// The API guide a profile follows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Guide {
    pub name: Text,
    pub title: Text,
    pub url: Text,
    pub summary: Text,
    pub code_kind: Option<Text>,
}

/// A layer's answer at an outcome: its status (the same when it agrees), and why.
#[derive(Debug, PartialEq, Serialize)]
pub struct Position {
    pub layer: usize,
    pub status: u16,
    pub code: Option<Text>,
    pub reason: Text,
    pub cite: Option<Cite>,
}

/// How to tell two codes apart.
#[derive(Debug, PartialEq, Serialize)]
pub struct Contrast {
    pub a: u16,
    pub b: u16,
    pub test: Text,
    pub when_a: Text,
    pub when_b: Text,
    pub example: Option<Text>,
    pub cites: Vec<Cite>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum QuestionKind {
    YesNo,
    Choice,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Question {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    pub reason: Option<Text>,
    pub id: Text,
    pub kind: QuestionKind,
    pub prompt: Text,
    pub help: Text,
    /// An index into `answers`.
    pub default: Option<usize>,
    /// The flag's name without `--`.
    pub flag: Text,
    /// For a choice question: the answer that its flag given alone stands for.
    pub bare: Option<usize>,
    /// `yes` then `no` for a yes/no question; the choices, in file order, otherwise.
    pub answers: Vec<AnswerDef>,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct AnswerDef {
    pub id: Text,
    pub label: Text,
    /// A flag of its own that picks this answer (`--payload-valid`).
    pub flag: Option<Text>,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Node {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    pub reason: Option<Text>,
    pub id: Text,
    pub question: QuestionId,
    /// Where each answer of the question leads, by answer index.
    pub next: Vec<Target>,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    pub reason: Option<Text>,
    pub id: Text,
    pub status: u16,
    pub summary: Text,
    pub explanation: Text,
    pub retry: Retry,
    pub next_step: Text,
    pub why_not: Vec<WhyNot>,
    pub headers: Vec<Header>,
    pub problem: Option<Problem>,
    pub cites: Vec<Cite>,
    /// Other codes that fit as well as `status`; a position that changes the status
    /// leaves them out.
    pub also_fits: Vec<u16>,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct WhyNot {
    pub status: u16,
    pub reason: Text,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Header {
    pub name: Text,
    pub why: Text,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Problem {
    pub kind: Text,
    pub detail: Text,
    pub members: Option<Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cite {
    pub document: Text,
    pub section: Option<Text>,
    pub title: Option<Text>,
    pub url: Text,
}

#[derive(Debug, PartialEq, Serialize)]
pub struct Status {
    pub code: u16,
    pub name: Text,
    pub meaning: Text,
    pub cite: Option<Cite>,
}

impl Cite {
    /// The document, section and title: "RFC 9110 §15.5.13 412 Precondition Failed" for a
    /// numbered section; a named one, as guides have, reads "Google AIP-193, Guidance
    /// (Errors)", since "§Guidance" would read as a number that is not there.
    pub fn label(&self) -> String {
        let numbered = self
            .section
            .as_deref()
            .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_digit()));
        let (section, title) = match (self.section.as_deref(), self.title.as_deref()) {
            (Some(s), t) if numbered => (format!(" §{s}"), t.map(|t| format!(" {t}"))),
            (Some(s), t) => (format!(", {s}"), t.map(|t| format!(" ({t})"))),
            (None, t) => (String::new(), t.map(|t| format!(" {t}"))),
        };
        format!("{}{section}{}", self.document, title.unwrap_or_default())
    }
}

impl Tree {
    pub fn question(&self, id: QuestionId) -> &Question {
        &self.questions[id.0]
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    pub fn outcome(&self, id: OutcomeId) -> &Outcome {
        &self.outcomes[id.0]
    }

    pub fn question_id(&self, id: &str) -> Option<QuestionId> {
        self.questions
            .iter()
            .position(|q| q.id == id)
            .map(QuestionId)
    }

    /// The status the outcome gets after every layer's position, and the deciding position.
    pub fn effective(&self, outcome: OutcomeId) -> (u16, Option<&Position>) {
        let position = self.positions.get(&outcome).and_then(|p| p.last());
        let status = position.map_or(self.outcome(outcome).status, |p| p.status);
        (status, position)
    }

    /// Whether `code` is what the rules answer at `outcome`: its effective status, or a
    /// code the outcome says fits as well (unless a layer changed the status).
    pub fn fits(&self, outcome: OutcomeId, code: u16) -> bool {
        let (status, position) = self.effective(outcome);
        let unchanged = position.is_none_or(|p| p.status == self.outcome(outcome).status);
        status == code || (unchanged && self.outcome(outcome).also_fits.contains(&code))
    }

    /// The contrast between `a` and `b`, in either order.
    pub fn contrast(&self, a: u16, b: u16) -> Option<&Contrast> {
        self.contrasts
            .iter()
            .find(|c| (c.a, c.b) == (a, b) || (c.a, c.b) == (b, a))
    }

    /// The status's current name; validation guarantees every used code has one.
    pub fn status_name(&self, code: u16) -> &str {
        self.statuses.get(&code).map_or("", |s| &*s.name)
    }
}

impl Question {
    pub fn answer_index(&self, id: &str) -> Option<usize> {
        self.answers.iter().position(|a| a.id == id)
    }

    pub fn answer_ids(&self) -> Vec<&str> {
        self.answers.iter().map(|a| &*a.id).collect()
    }

    /// Every flag that answers this question, as the user types it, then `--answer`.
    pub fn flags(&self) -> Vec<String> {
        let mut flags = match self.kind {
            QuestionKind::YesNo => vec![format!("--{}", self.flag), format!("--no-{}", self.flag)],
            QuestionKind::Choice => {
                vec![format!("--{}=<{}>", self.flag, self.answer_ids().join("|"))]
            }
        };
        flags.extend(
            self.answers
                .iter()
                .filter_map(|a| a.flag.as_ref().map(|f| format!("--{f}"))),
        );
        flags.push(format!("--answer {}=<value>", self.id));
        flags
    }
}

/// The answer indices of a yes/no question.
pub const YES: usize = 0;
pub const NO: usize = 1;

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(
        document: &'static str,
        section: Option<&'static str>,
        title: Option<&'static str>,
    ) -> Cite {
        Cite {
            document: document.into(),
            section: section.map(Into::into),
            title: title.map(Into::into),
            url: "https://example.org".into(),
        }
    }

    #[test]
    fn a_numbered_section_takes_a_section_sign_and_a_named_one_does_not() {
        let rfc = cite("RFC 9110", Some("15.5.13"), Some("412 Precondition Failed"));
        assert_eq!(rfc.label(), "RFC 9110 §15.5.13 412 Precondition Failed");
        let guide = cite("Google AIP-193", Some("Guidance"), Some("Errors"));
        assert_eq!(guide.label(), "Google AIP-193, Guidance (Errors)");
        let rule = cite(
            "Zalando RESTful API Guidelines",
            Some("#150, status code 400"),
            None,
        );
        assert_eq!(
            rule.label(),
            "Zalando RESTful API Guidelines, #150, status code 400"
        );
        let whole = cite("RFC 9457", None, Some("Problem Details"));
        assert_eq!(whole.label(), "RFC 9457 Problem Details");
    }
}
