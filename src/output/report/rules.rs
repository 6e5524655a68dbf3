//! `rules check` and `rules test` as data: the warnings of a pack that loads, and the
//! scenario cases run with the edges no passing case took.

use httpadvise_rules::routes::{ROUTE_LIMIT, STEP_LIMIT};
use httpadvise_rules::Checked;
use serde::Serialize;

use super::{Place, SCHEMA_VERSION};

/// The lints of a pack that loaded.
#[derive(Debug, Serialize)]
pub struct Check {
    pub schema_version: u32,
    pub files: usize,
    pub warnings: Vec<Warning>,
    /// Whether the tree had more routes than the search looks at, so defaults were not checked
    /// for hidden branches.
    pub routes_truncated: bool,
    pub route_limit: usize,
    pub step_limit: usize,
}

/// One lint and where it points.
#[derive(Debug, Serialize)]
pub struct Warning {
    /// The lint's name, as `allow = [...]` spells it.
    pub lint: &'static str,
    pub message: String,
    pub place: Place,
}

impl Check {
    pub fn new(checked: &Checked) -> Self {
        let sources = &checked.pack.sources;
        Check {
            schema_version: SCHEMA_VERSION,
            files: sources.len(),
            warnings: checked
                .lints
                .iter()
                .map(|lint| Warning {
                    lint: lint.kind.name(),
                    message: lint.kind.to_string(),
                    place: Place::new(sources, &lint.span),
                })
                .collect(),
            routes_truncated: checked.routes_truncated,
            route_limit: ROUTE_LIMIT,
            step_limit: STEP_LIMIT,
        }
    }
}

/// A run of scenario files.
#[derive(Debug, Default, Serialize)]
pub struct TestRun {
    pub schema_version: u32,
    /// What happened, in the order it happened.
    pub entries: Vec<TestEntry>,
    /// Each pack the fixtures loaded, and the edges their passing cases took.
    pub coverage: Vec<Coverage>,
    pub passed: usize,
    pub failed: usize,
    /// Fixtures that could not run at all: unreadable, not valid, or their rules broken.
    pub broken: usize,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum TestEntry {
    /// A fixture that could not run, and why.
    Error { message: String },
    /// A case whose walk differs from what it expects, one line per difference.
    Failure {
        place: Place,
        name: String,
        problems: Vec<String>,
    },
    /// A fixture's cases, counted.
    Fixture {
        name: String,
        pack: String,
        cases: usize,
        passed: usize,
        failed: usize,
    },
}

/// The edges of one pack: how many some passing case took, and which none did.
#[derive(Debug, Serialize)]
pub struct Coverage {
    pub pack: String,
    pub fixtures: Vec<String>,
    pub covered: usize,
    /// The edges some route can take; `unreachable` lists those none can.
    pub reachable: usize,
    /// Whether the tree had more routes than the search looks at: then edges no route takes
    /// cannot be told apart, and are counted as uncovered.
    pub routes_truncated: bool,
    pub route_limit: usize,
    pub step_limit: usize,
    pub uncovered: Vec<String>,
    pub unreachable: Vec<String>,
}
