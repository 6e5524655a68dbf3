//! The validated decision tree: questions, nodes and outcomes, every reference resolved.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::lazy::Lazy;

/// Text of the tree: owned when it comes from rule files, borrowed from the program when
/// it comes from the compiled default pack, which a run decodes without copying its text.
pub type Text = Cow<'static, str>;

/// An optional text, borrowed from the compiled pack as [`Text`] is (serde's own `Option`
/// would copy it).
fn borrowed<'de: 'static, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Text>, D::Error> {
    Option::<&'de str>::deserialize(deserializer).map(|text| text.map(Cow::Borrowed))
}

/// What a file was loaded as; later layers may override earlier ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layer {
    Builtin,
    Profile(String),
    House(String),
    Rules(String),
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layer::Builtin => write!(f, "the built-in rules"),
            Layer::Profile(name) => write!(f, "profile `{name}`"),
            Layer::House(path) => write!(f, "house rules ({path})"),
            Layer::Rules(path) => write!(f, "rules file {path}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QuestionId(pub usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OutcomeId(pub usize);

/// One decision on a walk: the node, the question it tested, and the answer taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub node: NodeId,
    pub question: QuestionId,
    pub answer: usize,
}

/// Where an edge of the tree leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    Node(NodeId),
    Outcome(OutcomeId),
}

/// A pack that loaded without a single problem. Built only by `resolve`, so the engine can
/// index it without checks: every id in it points at something that exists. (The default
/// pack is validated when the program is built and included as data; see `build.rs`.)
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Tree {
    pub start: Target,
    /// The layer that set the start.
    pub start_layer: usize,
    /// Decoded when first read in the compiled pack, as outcomes are.
    pub statuses: BTreeMap<u16, Lazy<Status>>,
    pub questions: Vec<Question>,
    pub nodes: Vec<Node>,
    /// Decoded when first read in the compiled pack (see [`Lazy`]).
    pub outcomes: Vec<Lazy<Outcome>>,
    /// What each file was loaded as; entries' `layer` fields index it.
    pub layers: Vec<Layer>,
    /// The guide of the profile in use, if a profile was loaded.
    pub guide: Option<Guide>,
    /// What the layers say at each outcome, in load order: the last one decides.
    pub positions: BTreeMap<OutcomeId, Vec<Position>>,
    pub contrasts: Vec<Contrast>,
    /// The kinds of problem a session offers first, in file order.
    pub families: Vec<Family>,
    /// The layer that named the profile in use, when the house rules did (`profile = …`),
    /// not the command line.
    pub profile_by: Option<usize>,
}

/// Questions about one kind of problem: a session asks them only if the person says the
/// request has that kind of problem, and otherwise takes their defaults.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Family {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub reason: Option<Cow<'static, str>>,
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    #[serde(borrow)]
    pub label: Cow<'static, str>,
    /// What its questions' defaults assume, as the advice lists it.
    #[serde(borrow)]
    pub assumed: Cow<'static, str>,
    /// Each has a default (validation sees to it), so it can be assumed.
    pub questions: Vec<QuestionId>,
}

/// The API guide a profile follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    #[serde(borrow)]
    pub name: Cow<'static, str>,
    #[serde(borrow)]
    pub title: Cow<'static, str>,
    #[serde(borrow)]
    pub url: Cow<'static, str>,
    #[serde(borrow)]
    pub summary: Cow<'static, str>,
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub code_kind: Option<Cow<'static, str>>,
}

/// A layer's answer at an outcome: its status (the same when it agrees), and why.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub layer: usize,
    /// `None` where the outcome sends a stored response and the layer keeps it so.
    pub status: Option<u16>,
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub code: Option<Cow<'static, str>>,
    #[serde(borrow)]
    pub reason: Cow<'static, str>,
    pub cite: Option<Cite>,
}

/// How to tell two codes apart.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Contrast {
    /// The layer that wrote it; a later layer's contrast of the same two codes replaces it.
    pub layer: usize,
    /// Why that layer wrote it, when it says.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub reason: Option<Cow<'static, str>>,
    pub a: u16,
    pub b: u16,
    #[serde(borrow)]
    pub test: Cow<'static, str>,
    #[serde(borrow)]
    pub when_a: Cow<'static, str>,
    #[serde(borrow)]
    pub when_b: Cow<'static, str>,
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub example: Option<Cow<'static, str>>,
    pub cites: Vec<Cite>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    YesNo,
    Choice,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub reason: Option<Cow<'static, str>>,
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    pub kind: QuestionKind,
    #[serde(borrow)]
    pub prompt: Cow<'static, str>,
    #[serde(borrow)]
    pub help: Cow<'static, str>,
    /// An index into `answers`.
    pub default: Option<usize>,
    /// The flag's name without `--`.
    #[serde(borrow)]
    pub flag: Cow<'static, str>,
    /// For a choice question: the answer that its flag given alone stands for.
    pub bare: Option<usize>,
    /// `yes` then `no` for a yes/no question; the choices, in file order, otherwise.
    pub answers: Vec<AnswerDef>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerDef {
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    #[serde(borrow)]
    pub label: Cow<'static, str>,
    /// A flag of its own that picks this answer (`--payload-valid`).
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub flag: Option<Cow<'static, str>>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub reason: Option<Cow<'static, str>>,
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    pub question: QuestionId,
    /// Where each answer of the question leads, by answer index.
    pub next: Vec<Target>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub reason: Option<Cow<'static, str>>,
    #[serde(borrow)]
    pub id: Cow<'static, str>,
    /// `None`: the answer is the response stored for an earlier request, sent again with
    /// its own status (an Idempotency-Key replay).
    pub status: Option<u16>,
    #[serde(borrow)]
    pub summary: Cow<'static, str>,
    #[serde(borrow)]
    pub explanation: Cow<'static, str>,
    pub retry: Retry,
    #[serde(borrow)]
    pub next_step: Cow<'static, str>,
    pub why_not: Vec<WhyNot>,
    pub headers: Vec<Header>,
    pub problem: Option<Problem>,
    pub cites: Vec<Cite>,
    /// Other codes that fit as well as `status`; a position that changes the status
    /// leaves them out.
    pub also_fits: Vec<u16>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct WhyNot {
    pub status: u16,
    #[serde(borrow)]
    pub reason: Cow<'static, str>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    #[serde(borrow)]
    pub name: Cow<'static, str>,
    #[serde(borrow)]
    pub why: Cow<'static, str>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(borrow)]
    pub kind: Cow<'static, str>,
    #[serde(borrow)]
    pub detail: Cow<'static, str>,
    pub members: Vec<Member>,
}

/// An extension member of a problem details body: its name, and what it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    #[serde(borrow)]
    pub name: Cow<'static, str>,
    #[serde(borrow)]
    pub description: Cow<'static, str>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cite {
    #[serde(borrow)]
    pub document: Cow<'static, str>,
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub section: Option<Cow<'static, str>>,
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub title: Option<Cow<'static, str>>,
    #[serde(borrow)]
    pub url: Cow<'static, str>,
    /// The sentence the claim rests on, word for word.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub quote: Option<Cow<'static, str>>,
    /// The revision or date of the document quoted.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub revision: Option<Cow<'static, str>>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// The layer that defined it last (an index into `Tree::layers`).
    pub layer: usize,
    /// Why that layer added or replaced it, when it says.
    #[serde(borrow, deserialize_with = "borrowed", default)]
    pub reason: Option<Cow<'static, str>>,
    pub code: u16,
    #[serde(borrow)]
    pub name: Cow<'static, str>,
    #[serde(borrow)]
    pub meaning: Cow<'static, str>,
    pub cite: Option<Cite>,
}

/// A status as prose: its code, or what a stored-response outcome sends instead.
pub fn code_text(status: Option<u16>) -> String {
    status.map_or_else(|| STORED.to_string(), |code| code.to_string())
}

/// What an outcome without a status of its own sends, in every output.
pub(crate) const STORED: &str = "the stored response";

/// Its title, where a status would show its name.
pub(crate) const STORED_TITLE: &str = "The stored response, sent again";

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

    /// The status the outcome gets after every layer's position (`None`: the stored
    /// response's), and the deciding position.
    pub fn effective(&self, outcome: OutcomeId) -> (Option<u16>, Option<&Position>) {
        let position = self.positions.get(&outcome).and_then(|p| p.last());
        let status = position.map_or(self.outcome(outcome).status, |p| p.status);
        (status, position)
    }

    /// Whether `code` is what the rules answer at `outcome`: its effective status, or a
    /// code the outcome says fits as well (unless a layer changed the status).
    pub fn fits(&self, outcome: OutcomeId, code: u16) -> bool {
        let (status, position) = self.effective(outcome);
        let unchanged = position.is_none_or(|p| p.status == self.outcome(outcome).status);
        status == Some(code) || (unchanged && self.outcome(outcome).also_fits.contains(&code))
    }

    /// The contrast between `a` and `b`, in either order: the last one written, so that a
    /// later layer's replaces an earlier one's.
    pub fn contrast(&self, a: u16, b: u16) -> Option<&Contrast> {
        self.contrasts
            .iter()
            .rev()
            .find(|c| (c.a, c.b) == (a, b) || (c.a, c.b) == (b, a))
    }

    /// The status's current name; validation guarantees every used code has one.
    pub fn status_name(&self, code: u16) -> &str {
        self.statuses.get(&code).map_or("", |s| &*s.name)
    }

    /// The name of an outcome's status, or what a stored-response outcome sends.
    pub fn title(&self, status: Option<u16>) -> &str {
        status.map_or(STORED_TITLE, |code| self.status_name(code))
    }
}

impl Question {
    pub fn answer_index(&self, id: &str) -> Option<usize> {
        self.answers.iter().position(|a| a.id == id)
    }

    pub fn answer_ids(&self) -> Vec<&str> {
        self.answers.iter().map(|a| &*a.id).collect()
    }

    /// The flags this question adds to the command line: the one place that says so.
    /// A yes/no question gives `--ID` and `--no-ID`; a choice question `--ID=CHOICE`; and a
    /// choice with a `flag` of its own gives that flag too. The first is the question's
    /// own, which a message names to decide it.
    pub fn flags(&self) -> Vec<Flag> {
        let mut flags = match self.kind {
            QuestionKind::YesNo => vec![
                Flag::new(self.flag.to_string(), Picks::Answer(YES)),
                Flag::new(format!("no-{}", self.flag), Picks::Answer(NO)),
            ],
            QuestionKind::Choice => vec![Flag::new(self.flag.to_string(), Picks::Value)],
        };
        for (a, answer) in self.answers.iter().enumerate() {
            if let Some(flag) = &answer.flag {
                flags.push(Flag::new(flag.to_string(), Picks::Answer(a)));
            }
        }
        flags
    }

    /// The answer ids as a message lists them: the first few, and how many more there
    /// are, so that a question of thousands of choices does not make a message of them.
    fn choices_shown(&self) -> String {
        shown(&self.answer_ids(), "|", 12)
    }

    /// The flags as a user types them, then the generic `--answer`: what a message names
    /// when it asks for an answer.
    pub fn usage(&self) -> Vec<String> {
        let mut usage: Vec<String> = self
            .flags()
            .into_iter()
            .map(|flag| match flag.picks {
                Picks::Value => format!("{}=<{}>", flag.spelled(), self.choices_shown()),
                Picks::Answer(_) => flag.spelled(),
            })
            .collect();
        usage.push(format!("--answer {}=<value>", self.id));
        usage
    }
}

/// The first of `items` for each `key`, in order: a tree may test one question at two
/// nodes, and a path, a route or a list of answers names it once.
pub fn first_of_each<T, K: Hash + Eq>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item)))
        .collect()
}

/// One flag of a question, by its name without `--`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub name: String,
    pub picks: Picks,
}

/// What giving a flag answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picks {
    /// This answer (an index into the question's answers).
    Answer(usize),
    /// The answer named by the flag's value, `--ID=CHOICE`.
    Value,
}

impl Flag {
    fn new(name: String, picks: Picks) -> Self {
        Flag { name, picks }
    }

    /// The flag as a command line spells it: `--NAME`.
    pub fn spelled(&self) -> String {
        format!("--{}", self.name)
    }
}

/// What the client should do with the same request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Retry {
    No,
    AfterChange,
    AfterRefresh,
    AfterDelay,
    NotNeeded,
}

/// The answer indices of a yes/no question.
pub const YES: usize = 0;
pub const NO: usize = 1;

/// Ids as a message lists them: the first `limit`, joined by `separator`, and how many
/// more there are, so that a pack of thousands of ids does not make a message of them.
pub fn shown(ids: &[&str], separator: &str, limit: usize) -> String {
    match ids.len() > limit {
        true => format!(
            "{}{separator}… {} more",
            ids[..limit].join(separator),
            ids.len() - limit
        ),
        false => ids.join(separator),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_ids_is_cut_and_counted() {
        assert_eq!(shown(&["a", "b", "c"], ", ", 2), "a, b, … 1 more");
        assert_eq!(shown(&["a", "b"], ", ", 2), "a, b");
    }

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
            quote: None,
            revision: None,
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
