//! The rule files as written: strict serde structs, checked key by key, not yet resolved.
//! Every table is `deny_unknown_fields`, so a misspelt key is an error with its place.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub use crate::model::Retry;

/// One rule file. Every table is optional so a file can hold any part of a pack.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawFile {
    pub pack: Option<RawPack>,
    #[serde(default)]
    pub status: Vec<RawStatus>,
    #[serde(default)]
    pub question: Vec<RawQuestion>,
    #[serde(default)]
    pub node: Vec<RawNode>,
    #[serde(default)]
    pub outcome: Vec<RawOutcome>,
    /// In `.httpadvise.toml` only: the profile the house rules start from.
    #[schemars(with = "Option<String>")]
    pub profile: Option<Spanned<String>>,
    /// In a profile's file: the guide it follows.
    #[schemars(with = "Option<RawGuide>")]
    pub guide: Option<Spanned<RawGuide>>,
    #[serde(default)]
    pub position: Vec<RawPosition>,
    #[serde(default)]
    pub contrast: Vec<RawContrast>,
    #[serde(default)]
    pub family: Vec<RawFamily>,
}

/// Questions about one kind of problem, offered together when a session starts: a person
/// picks the kinds their request has, and the questions of the others take their defaults.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawFamily {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What the kind of problem is, as the session offers it.
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    /// What the defaults of its questions assume, as the advice lists it ("credentials ok").
    #[schemars(with = "String")]
    pub assumed: Spanned<String>,
    #[schemars(with = "Vec<String>")]
    pub questions: Vec<Spanned<String>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this family; shown where it changes the advice.
    pub reason: Option<String>,
}

/// The API guide a profile follows.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawGuide {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    pub title: String,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    pub summary: String,
    /// What the guide calls its own error codes, e.g. `google.rpc.Code`.
    pub code_kind: Option<String>,
}

/// What a layer (a profile, the house rules) answers where the rules reach an outcome.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawPosition {
    #[schemars(with = "String")]
    pub outcome: Spanned<String>,
    /// The status this layer gives instead; the same as the outcome's when it agrees.
    #[schemars(with = "Option<i64>", range(min = 100, max = 599))]
    pub status: Option<Spanned<i64>>,
    /// The layer's own name for the error, e.g. `ABORTED` or `AlreadyExists`.
    pub code: Option<String>,
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
    pub cite: Option<RawCite>,
}

/// How to tell two neighbouring codes apart: the data `httpadvise compare A B` shows.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawContrast {
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub a: Spanned<i64>,
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub b: Spanned<i64>,
    /// The question that decides between them.
    #[schemars(with = "String")]
    pub test: Spanned<String>,
    pub when_a: String,
    pub when_b: String,
    pub example: Option<String>,
    #[serde(default)]
    pub cite: Vec<RawCite>,
    /// Why a layer writes this contrast; shown where it changes what `compare` says.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawPack {
    #[schemars(with = "String")]
    pub start: Spanned<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawStatus {
    /// Wide enough to hold any TOML integer, so an out-of-range code is our error, located.
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub code: Spanned<i64>,
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "String")]
    pub meaning: Spanned<String>,
    pub cite: Option<RawCite>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this status; shown where it changes the advice.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RawKind {
    YesNo,
    Choice,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawQuestion {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub kind: RawKind,
    #[schemars(with = "String")]
    pub prompt: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub help: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub default: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub flag: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub bare: Option<Spanned<String>>,
    #[serde(default)]
    pub choice: Vec<RawChoice>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this question; shown where it changes the advice.
    pub reason: Option<String>,
    /// Lints of `rules check` that the author has weighed and accepts for this question.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawChoice {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub flag: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawNode {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub question: Spanned<String>,
    /// Answer → target, in answer-id order, so edges and diagnostics come in that order.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub on: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(rename = "else")]
    #[schemars(with = "Option<String>")]
    pub otherwise: Option<Spanned<String>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this node; shown where it changes the advice.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawOutcome {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The status the outcome answers; left out only with `stored-response = true`.
    #[schemars(with = "Option<i64>", range(min = 100, max = 599))]
    pub status: Option<Spanned<i64>>,
    /// The answer is the response stored for an earlier request, sent again as it was
    /// (an Idempotency-Key replay): its status is that response's, not a new one.
    #[serde(default)]
    pub stored_response: bool,
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    #[schemars(with = "String")]
    pub explanation: Spanned<String>,
    pub retry: Retry,
    #[schemars(with = "String")]
    pub next_step: Spanned<String>,
    #[serde(default)]
    pub why_not: Vec<RawWhyNot>,
    #[serde(default)]
    pub header: Vec<RawHeader>,
    pub problem: Option<RawProblem>,
    #[serde(default)]
    pub cite: Vec<RawCite>,
    /// Other codes that fit this outcome just as well (201 Created beside 200 OK), so a
    /// verdict on one of them agrees.
    #[serde(default)]
    #[schemars(with = "Vec<i64>")]
    pub also_fits: Vec<Spanned<i64>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this outcome; shown where it changes the advice.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawWhyNot {
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub status: Spanned<i64>,
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawHeader {
    pub name: String,
    pub why: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawProblem {
    #[serde(rename = "type")]
    pub kind: String,
    #[schemars(with = "String")]
    pub detail: Spanned<String>,
    /// Extension members worth adding to the body (RFC 9457 §3.2).
    #[serde(default)]
    pub members: Vec<RawMember>,
}

/// One extension member of a problem details body.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawMember {
    /// The member's name: RFC 9457 §4 asks for a letter first, then letters, digits and
    /// `_`, three characters at least.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What it holds.
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCite {
    pub document: String,
    pub section: Option<String>,
    pub title: Option<String>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
    /// The sentence the claim rests on, word for word.
    #[schemars(with = "Option<String>")]
    pub quote: Option<Spanned<String>>,
    /// The revision or date of the document quoted, where it changes over time.
    pub revision: Option<String>,
}
