//! The profiles as data: the list, what one profile changes, and `--compare-profiles`, the
//! same answers run through every profile.

use httpadvise_rules::model::{Cite, Layer, Position, Tree};
use serde::Serialize;

use super::{Advice, SCHEMA_VERSION};

/// `httpadvise profiles`.
#[derive(Debug, Serialize)]
pub struct ProfileList {
    pub schema_version: u32,
    pub profiles: Vec<ProfileSummary>,
}

#[derive(Debug, Serialize)]
pub struct ProfileSummary {
    pub name: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    /// How many outcomes the profile takes a position at.
    pub positions: usize,
}

/// `httpadvise profiles show NAME`.
#[derive(Debug, Serialize)]
pub struct ProfileDetail {
    pub schema_version: u32,
    pub profile: Option<ProfileSummary>,
    pub positions: Vec<PositionInfo>,
    /// The outcomes where the profile is silent, so the RFC reading applies.
    pub silent: Vec<String>,
}

/// A profile's position at an outcome.
#[derive(Debug, Serialize)]
pub struct PositionInfo {
    pub outcome: String,
    /// `None` where the outcome sends the stored response.
    pub rfc_status: Option<u16>,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub reason: String,
    pub cite: Option<Cite>,
}

/// `--compare-profiles`: one row per profile, and one for the house rules.
#[derive(Debug, Serialize)]
pub struct Comparison {
    pub schema_version: u32,
    pub rows: Vec<Row>,
}

/// One row of `--compare-profiles`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub profile: String,
    pub status: Option<u16>,
    pub title: String,
    /// The guide's own name for the error, if it gives one.
    pub code: Option<String>,
    /// Why this profile answers so, and where the guide says it.
    pub reason: Option<String>,
    pub cite: Option<Cite>,
    /// The profile is silent here: the status is the RFC reading.
    pub fallback: bool,
    /// The status differs from the `rfc` profile's.
    pub disagrees: bool,
}

impl ProfileSummary {
    /// The profile a tree was loaded with, if any.
    pub fn of(tree: &Tree) -> Option<Self> {
        let guide = tree.guide.as_ref()?;
        Some(ProfileSummary {
            name: guide.name.to_string(),
            title: guide.title.to_string(),
            summary: guide.summary.to_string(),
            url: guide.url.to_string(),
            positions: profile_positions(tree).len(),
        })
    }
}

impl ProfileList {
    /// Each tree is the built-in pack with one profile.
    pub fn new(trees: &[Tree]) -> Self {
        ProfileList {
            schema_version: SCHEMA_VERSION,
            profiles: trees.iter().filter_map(ProfileSummary::of).collect(),
        }
    }
}

impl ProfileDetail {
    pub fn new(tree: &Tree) -> Self {
        let positions = profile_positions(tree);
        let info = positions
            .iter()
            .map(|(outcome, position)| {
                let o = &tree.outcomes[*outcome];
                PositionInfo {
                    outcome: o.id.to_string(),
                    rfc_status: o.status,
                    status: position.status,
                    code: position.code.as_deref().map(str::to_string),
                    reason: position.reason.to_string(),
                    cite: position.cite.clone(),
                }
            })
            .collect();
        let silent = (0..tree.outcomes.len())
            .filter(|o| !positions.iter().any(|(p, _)| p == o))
            .map(|o| tree.outcomes[o].id.to_string())
            .collect();
        ProfileDetail {
            schema_version: SCHEMA_VERSION,
            profile: ProfileSummary::of(tree),
            positions: info,
            silent,
        }
    }
}

/// The positions the profile layer itself took, by outcome index.
fn profile_positions(tree: &Tree) -> Vec<(usize, &Position)> {
    let mut found: Vec<(usize, &Position)> = tree
        .positions
        .iter()
        .flat_map(|(outcome, positions)| positions.iter().map(move |p| (outcome.0, p)))
        .filter(|(_, p)| matches!(tree.layers[p.layer], Layer::Profile(_)))
        .collect();
    found.sort_by_key(|(outcome, _)| *outcome);
    found
}

impl Row {
    /// The row for one profile's advice.
    pub fn new(tree: &Tree, advice: &Advice<'_>) -> Self {
        let position = advice.position.as_ref();
        Row {
            profile: tree
                .guide
                .as_ref()
                .map_or(String::new(), |g| g.name.to_string()),
            status: advice.status,
            title: advice.title.to_string(),
            code: position.and_then(|p| p.code).map(str::to_string),
            reason: position.map(|p| p.reason.to_string()),
            // A position is its own basis: its cite if it has one, else its reason. Without
            // a position the rules' own source stands behind the status.
            cite: match position {
                Some(p) => p.cite.cloned(),
                None => advice.citations.first().cloned(),
            },
            fallback: advice.fallback,
            disagrees: false,
        }
    }
}

impl Comparison {
    /// The rows, each marked where it differs from the first (the `rfc` profile's).
    pub fn new(mut rows: Vec<Row>) -> Self {
        let rfc = rows.first().and_then(|r| r.status);
        rows.iter_mut().for_each(|r| r.disagrees = r.status != rfc);
        Comparison {
            schema_version: SCHEMA_VERSION,
            rows,
        }
    }
}
