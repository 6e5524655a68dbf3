//! `rules check` and `rules test` as data: the warnings of a pack that loads, and the
//! scenario cases run with the edges no passing case took.

use std::fmt::{self, Display};
use std::rc::Rc;

use httpadvise_rules::model::code_text;
use httpadvise_rules::routes::{ROUTE_LIMIT, STEP_LIMIT};
use httpadvise_rules::{Checked, Rejected};
use serde::{Serialize, Serializer};

use super::{Place, SCHEMA_VERSION};
use crate::output::escape::terminal;
use crate::output::{code_name, diagnostics};

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
    Error { message: Broken },
    /// A case whose walk differs from what it expects, one line per difference.
    Failure {
        place: Place,
        name: String,
        problems: Vec<Problem>,
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
    pub uncovered: Vec<EdgeLine>,
    pub unreachable: Vec<EdgeLine>,
}

/// Why a fixture could not run: where, what, and the problems of its rules when they are
/// why. JSON carries it as the lines a terminal shows.
#[derive(Debug)]
pub struct Broken {
    /// The fixture's path, or the place in it (`file:line:col`).
    pub at: String,
    pub why: String,
    /// Shared by every fixture that names the same rules: a pack's problems quote its files.
    pub detail: Option<Rc<Detail>>,
}

/// What lies under a fixture's rules not loading.
#[derive(Debug)]
pub enum Detail {
    /// Every problem of the rules, as a run reports them.
    Rules(Rejected),
    /// A sentence that says it all.
    Said(&'static str),
}

/// `at: why`, then the detail on lines of its own; rule text and paths shown as a
/// terminal may show them.
impl Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", terminal(&self.at), terminal(&self.why))?;
        match self.detail.as_deref() {
            Some(Detail::Rules(rejected)) => write!(f, "\n{}", diagnostics::rejected(rejected)),
            Some(Detail::Said(said)) => write!(f, "\n{said}"),
            None => Ok(()),
        }
    }
}

impl Serialize for Broken {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One way a case's run differs from what it expects, or the walk it took; each is one
/// line of a failure, and JSON carries that line.
#[derive(Debug)]
pub enum Problem {
    /// An answer in `answers` that the pack does not have, where it stands.
    Answer {
        place: Place,
        message: String,
    },
    /// The walk reached a question with no answer and no default.
    Open {
        question: String,
    },
    /// The walk would have asked, which a scenario cannot.
    Prompted,
    Status {
        expected: Option<u16>,
        got: Option<u16>,
        title: String,
        outcome: String,
    },
    Outcome {
        expected: String,
        got: String,
    },
    Path {
        expected: Ends<String>,
        got: Ends<String>,
    },
    /// The walk as taken, and the node that needed an open question, if one did.
    Taken {
        steps: Ends<TakenStep>,
        needs: Option<String>,
    },
}

/// One step of a case's walk.
#[derive(Debug)]
pub struct TakenStep {
    pub node: String,
    pub answer: String,
    /// Whether the answer was the question's default.
    pub default: bool,
}

impl Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Answer { place, message } => write!(f, "{}: {message}", place.location()),
            Problem::Open { question } => write!(
                f,
                "question `{question}` is left open and has no default: answer it in `answers`"
            ),
            Problem::Prompted => write!(f, "the walk needed a prompt"),
            Problem::Status {
                expected,
                got,
                title,
                outcome,
            } => write!(
                f,
                "status:   expected {}, got {} (outcome `{outcome}`)",
                code_text(*expected),
                code_name(*got, title)
            ),
            Problem::Outcome { expected, got } => {
                write!(f, "outcome:  expected `{expected}`, got `{got}`")
            }
            Problem::Path { expected, got } => {
                write!(
                    f,
                    "path:     expected {}, got {}",
                    arrows(expected),
                    arrows(got)
                )
            }
            Problem::Taken { steps, needs } => match (steps.is_empty(), needs) {
                (true, None) => write!(f, "taken:    (the start is an outcome)"),
                (true, Some(node)) => write!(f, "taken:    node `{node}` needs it"),
                (false, None) => write!(f, "taken:    {}", steps.join(", ")),
                (false, Some(node)) => write!(
                    f,
                    "taken:    {}, then node `{node}` needs it",
                    steps.join(", ")
                ),
            },
        }
    }
}

impl Display for TakenStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.node, self.answer)?;
        match self.default {
            true => write!(f, " (default)"),
            false => Ok(()),
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An edge of the tree by its ids: a node, one answer of its question, and where it leads.
#[derive(Debug, PartialEq, Eq)]
pub struct EdgeLine {
    pub node: String,
    pub question: String,
    pub answer: String,
    pub target: String,
}

/// `node: question=answer -> target`.
impl Display for EdgeLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let EdgeLine {
            node,
            question,
            answer,
            target,
        } = self;
        write!(f, "{node}: {question}={answer} -> {target}")
    }
}

impl Serialize for EdgeLine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn arrows(ids: &Ends<String>) -> String {
    match ids.is_empty() {
        true => "(no node)".to_string(),
        false => ids.join(" -> "),
    }
}

/// A path of this many steps at most is kept whole; a longer one by its two ends, so
/// that many failing cases over a long path cost their number, not their number times
/// the path's length.
const PATH_SHOWN: usize = 40;

/// The steps of a path as a failure keeps them: all of them, or past [`PATH_SHOWN`] the
/// first and last halves of that many, with how many lie between.
#[derive(Debug)]
pub struct Ends<T> {
    first: Vec<T>,
    hidden: usize,
    last: Vec<T>,
}

impl<T> Ends<T> {
    /// The ends of `steps`; the steps left out are never collected.
    pub fn of(steps: impl ExactSizeIterator<Item = T>) -> Self {
        let count = steps.len();
        let mut steps = steps;
        if count <= PATH_SHOWN {
            let first = steps.collect();
            return Ends {
                first,
                hidden: 0,
                last: Vec::new(),
            };
        }
        let half = PATH_SHOWN / 2;
        let first = steps.by_ref().take(half).collect();
        let hidden = count - 2 * half;
        let last = steps.skip(hidden).collect();
        Ends {
            first,
            hidden,
            last,
        }
    }

    fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

impl<T: Display> Ends<T> {
    /// The steps joined by `separator`, the ones left out counted in their place.
    fn join(&self, separator: &str) -> String {
        let mut shown: Vec<String> = self.first.iter().map(ToString::to_string).collect();
        if self.hidden > 0 {
            shown.push(format!("… {} more …", self.hidden));
        }
        shown.extend(self.last.iter().map(ToString::to_string));
        shown.join(separator)
    }
}
