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
    pub help: Spanned<String>,
    pub default: Option<Spanned<String>>,
    pub flag: Option<Spanned<String>>,
    pub bare: Option<Spanned<String>>,
    #[serde(default)]
    pub choice: Vec<RawChoice>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
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
