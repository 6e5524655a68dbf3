//! The rule files as written: strict serde structs, checked key by key, not yet resolved.
//! Their strings borrow from the file's text, so a pack of 100,000 nodes is not also half a
//! million small allocations.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use toml::Spanned;

/// One rule file. Every table is optional so a file can hold any part of a pack.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawFile<'a> {
    pub pack: Option<RawPack<'a>>,
    #[serde(default)]
    pub status: Vec<RawStatus<'a>>,
    #[serde(default)]
    pub question: Vec<RawQuestion<'a>>,
    #[serde(default)]
    pub node: Vec<RawNode<'a>>,
    #[serde(default)]
    pub outcome: Vec<RawOutcome<'a>>,
    /// In `.httpadvise.toml` only: the profile the house rules start from.
    #[schemars(with = "Option<String>")]
    pub profile: Option<Spanned<Str<'a>>>,
    /// In a profile's file: the guide it follows.
    pub guide: Option<RawGuide<'a>>,
    #[serde(default)]
    pub position: Vec<RawPosition<'a>>,
    #[serde(default)]
    pub contrast: Vec<RawContrast<'a>>,
}

/// The API guide a profile follows.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawGuide<'a> {
    #[schemars(with = "String")]
    pub name: Spanned<Str<'a>>,
    pub title: Str<'a>,
    pub url: Str<'a>,
    pub summary: Str<'a>,
    /// What the guide calls its own error codes, e.g. `google.rpc.Code`.
    pub code_kind: Option<Str<'a>>,
}

/// What a layer (a profile, the house rules) answers where the rules reach an outcome.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawPosition<'a> {
    #[schemars(with = "String")]
    pub outcome: Spanned<Str<'a>>,
    /// The status this layer gives instead; the same as the outcome's when it agrees.
    #[schemars(with = "Option<i64>", range(min = 100, max = 599))]
    pub status: Option<Spanned<i64>>,
    /// The layer's own name for the error, e.g. `ABORTED` or `AlreadyExists`.
    pub code: Option<Str<'a>>,
    #[schemars(with = "String")]
    pub reason: Spanned<Str<'a>>,
    pub cite: Option<RawCite<'a>>,
}

/// How to tell two neighbouring codes apart: the data `httpadvise compare A B` shows.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawContrast<'a> {
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub a: Spanned<i64>,
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub b: Spanned<i64>,
    /// The question that decides between them.
    #[schemars(with = "String")]
    pub test: Spanned<Str<'a>>,
    pub when_a: Str<'a>,
    pub when_b: Str<'a>,
    pub example: Option<Str<'a>>,
    #[serde(default)]
    pub cite: Vec<RawCite<'a>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawPack<'a> {
    #[schemars(with = "String")]
    pub start: Spanned<Str<'a>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawStatus<'a> {
    /// Wide enough to hold any TOML integer, so an out-of-range code is our error, located.
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub code: Spanned<i64>,
    #[schemars(with = "String")]
    pub name: Spanned<Str<'a>>,
    #[schemars(with = "String")]
    pub meaning: Spanned<Str<'a>>,
    pub cite: Option<RawCite<'a>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RawKind {
    YesNo,
    Choice,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawQuestion<'a> {
    #[schemars(with = "String")]
    pub id: Spanned<Str<'a>>,
    pub kind: RawKind,
    #[schemars(with = "String")]
    pub prompt: Spanned<Str<'a>>,
    #[schemars(with = "Option<String>")]
    pub help: Option<Spanned<Str<'a>>>,
    #[schemars(with = "Option<String>")]
    pub default: Option<Spanned<Str<'a>>>,
    #[schemars(with = "Option<String>")]
    pub flag: Option<Spanned<Str<'a>>>,
    #[schemars(with = "Option<String>")]
    pub bare: Option<Spanned<Str<'a>>>,
    #[serde(default)]
    pub choice: Vec<RawChoice<'a>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this question; shown where it changes the advice.
    pub reason: Option<Str<'a>>,
    /// Lints of `rules check` that the author has weighed and accepts for this question.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow: Vec<Spanned<Str<'a>>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawChoice<'a> {
    #[schemars(with = "String")]
    pub id: Spanned<Str<'a>>,
    #[schemars(with = "String")]
    pub label: Spanned<Str<'a>>,
    #[schemars(with = "Option<String>")]
    pub flag: Option<Spanned<Str<'a>>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawNode<'a> {
    #[schemars(with = "String")]
    pub id: Spanned<Str<'a>>,
    #[schemars(with = "String")]
    pub question: Spanned<Str<'a>>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub on: Branches<'a>,
    #[serde(rename = "else")]
    #[schemars(with = "Option<String>")]
    pub otherwise: Option<Spanned<Str<'a>>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this node; shown where it changes the advice.
    pub reason: Option<Str<'a>>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Retry {
    No,
    AfterChange,
    AfterRefresh,
    AfterDelay,
    NotNeeded,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawOutcome<'a> {
    #[schemars(with = "String")]
    pub id: Spanned<Str<'a>>,
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub status: Spanned<i64>,
    #[schemars(with = "String")]
    pub summary: Spanned<Str<'a>>,
    #[schemars(with = "String")]
    pub explanation: Spanned<Str<'a>>,
    pub retry: Retry,
    #[schemars(with = "String")]
    pub next_step: Spanned<Str<'a>>,
    #[serde(default)]
    pub why_not: Vec<RawWhyNot<'a>>,
    #[serde(default)]
    pub header: Vec<RawHeader<'a>>,
    pub problem: Option<RawProblem<'a>>,
    #[serde(default)]
    pub cite: Vec<RawCite<'a>>,
    /// Other codes that fit this outcome just as well (201 Created beside 200 OK), so a
    /// verdict on one of them agrees.
    #[serde(default)]
    #[schemars(with = "Vec<i64>")]
    pub also_fits: Vec<Spanned<i64>>,
    #[serde(default, rename = "override")]
    pub replaces: bool,
    /// Why a layer adds or replaces this outcome; shown where it changes the advice.
    pub reason: Option<Str<'a>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawWhyNot<'a> {
    #[schemars(with = "i64", range(min = 100, max = 599))]
    pub status: Spanned<i64>,
    #[schemars(with = "String")]
    pub reason: Spanned<Str<'a>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawHeader<'a> {
    pub name: Str<'a>,
    pub why: Str<'a>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawProblem<'a> {
    #[serde(rename = "type")]
    pub kind: Str<'a>,
    pub detail: Str<'a>,
    pub members: Option<Str<'a>>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    bound(deserialize = "'de: 'a")
)]
pub struct RawCite<'a> {
    pub document: Str<'a>,
    pub section: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
    pub url: Str<'a>,
}

/// A node's `on` table: (answer, target) pairs in answer order, as a `BTreeMap` would hold
/// them, so edges and diagnostics come in the same order. A list because nothing looks an
/// answer up in it, and a map's node took about a kilobyte per node of a large pack.
#[derive(Debug, Default)]
pub struct Branches<'a>(pub Vec<(Spanned<Str<'a>>, Spanned<Str<'a>>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Branches<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BranchesVisitor)
    }
}

/// Written as the table it is read from: what shows its default, `{}`, in the schema.
impl Serialize for Branches<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pairs = self.0.iter().map(|(a, t)| (a.get_ref(), t.get_ref()));
        serializer.collect_map(pairs)
    }
}

struct BranchesVisitor;

impl<'de> Visitor<'de> for BranchesVisitor {
    type Value = Branches<'de>;

    // The words serde's own map says, so a wrong `on` is reported as it always was.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Branches<'de>, M::Error> {
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(pair) = map.next_entry::<Spanned<Str>, Spanned<Str>>()? {
            pairs.push(pair);
        }
        // TOML refuses a repeated key, so ordering is all a map would have added.
        pairs.sort_by(|a, b| a.0.get_ref().cmp(b.0.get_ref()));
        Ok(Branches(pairs))
    }
}

/// A string of a rule file: borrowed from the file's text, owned only where `toml` hands
/// over a copy (text with escapes, a table's keys).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str<'a>(pub Cow<'a, str>);

impl Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor)
    }
}

/// Written as the string it is: what shows defaults such as `allow`'s `[]` in the schema.
impl Serialize for Str<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Str<'de>;

    // The words serde's own `String` says, so a wrong value is reported as it always was.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Borrowed(text)))
    }

    // toml hands a table's keys over only as copies. `yes` and `no`, the keys of every
    // yes/no node's `on`, are the program's own words, so they need no copy of their own.
    fn visit_str<E>(self, text: &str) -> Result<Str<'de>, E> {
        Ok(Str(match text {
            "yes" => Cow::Borrowed("yes"),
            "no" => Cow::Borrowed("no"),
            _ => Cow::Owned(text.to_owned()),
        }))
    }

    fn visit_string<E>(self, text: String) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Owned(text)))
    }
}

/// In the schema a `Str` is a string, as the `String` it replaced was.
impl schemars::JsonSchema for Str<'_> {
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}
