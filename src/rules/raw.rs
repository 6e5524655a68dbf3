//! The rule files as written: strict serde structs, checked key by key, not yet resolved.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One rule file. Every table is optional so a file can hold any part of a pack.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFile {
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
    pub profile: Option<Spanned<String>>,
    /// In a profile's file: the guide it follows.
    pub guide: Option<RawGuide>,
    #[serde(default)]
    pub position: Vec<RawPosition>,
    #[serde(default)]
    pub contrast: Vec<RawContrast>,
}

/// The API guide a profile follows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawGuide {
    pub name: Spanned<String>,
    pub title: String,
    pub url: String,
    pub summary: String,
    /// What the guide calls its own error codes, e.g. `google.rpc.Code`.
    pub code_kind: Option<String>,
}

/// What a layer (a profile, the house rules) answers where the rules reach an outcome.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPosition {
    pub outcome: Spanned<String>,
    /// The status this layer gives instead; the same as the outcome's when it agrees.
    pub status: Option<Spanned<i64>>,
    /// The layer's own name for the error, e.g. `ABORTED` or `AlreadyExists`.
    pub code: Option<String>,
    pub reason: Spanned<String>,
    pub cite: Option<RawCite>,
}

/// How to tell two neighbouring codes apart: the data `httpadvise compare A B` shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawContrast {
    pub a: Spanned<i64>,
    pub b: Spanned<i64>,
    /// The question that decides between them.
    pub test: Spanned<String>,
    pub when_a: String,
    pub when_b: String,
    pub example: Option<String>,
    #[serde(default)]
    pub cite: Vec<RawCite>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPack {
    pub start: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawStatus {
    /// Wide enough to hold any TOML integer, so an out-of-range code is our error, located.
    pub code: Spanned<i64>,
    pub name: Spanned<String>,
    pub meaning: Spanned<String>,
    pub cite: Option<RawCite>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawKind {
    YesNo,
    Choice,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawQuestion {
    pub id: Spanned<String>,
    pub kind: RawKind,
    pub prompt: Spanned<String>,
    pub help: Option<Spanned<String>>,
    pub default: Option<Spanned<String>>,
    pub flag: Option<Spanned<String>>,
    pub bare: Option<Spanned<String>>,
    #[serde(default)]
    pub choice: Vec<RawChoice>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this question; shown where it changes the advice.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawChoice {
    pub id: Spanned<String>,
    pub label: Spanned<String>,
    pub flag: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawNode {
    pub id: Spanned<String>,
    pub question: Spanned<String>,
    #[serde(default)]
    pub on: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(rename = "else")]
    pub otherwise: Option<Spanned<String>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this node; shown where it changes the advice.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Retry {
    No,
    AfterChange,
    AfterRefresh,
    AfterDelay,
    NotNeeded,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawOutcome {
    pub id: Spanned<String>,
    pub status: Spanned<i64>,
    pub summary: Spanned<String>,
    pub explanation: Spanned<String>,
    pub retry: Retry,
    pub next_step: Spanned<String>,
    #[serde(default)]
    pub why_not: Vec<RawWhyNot>,
    #[serde(default)]
    pub header: Vec<RawHeader>,
    pub problem: Option<RawProblem>,
    #[serde(default)]
    pub cite: Vec<RawCite>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this outcome; shown where it changes the advice.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawWhyNot {
    pub status: Spanned<i64>,
    pub reason: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawHeader {
    pub name: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawProblem {
    #[serde(rename = "type")]
    pub kind: String,
    pub detail: String,
    pub members: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCite {
    pub document: String,
    pub section: Option<String>,
    pub title: Option<String>,
    pub url: String,
}
