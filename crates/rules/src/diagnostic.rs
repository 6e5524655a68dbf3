//! Problems found in rule files: their kinds and where they are. Showing them is the
//! output's job.

use std::fmt::{self, Display};

use crate::source::Span;

/// What is wrong. Each kind keeps the data its message needs, so tests can match on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A path could not be read (missing, not UTF-8, a folder with no rule files, …).
    Read { path: String, reason: String },
    /// The file is not valid TOML.
    Syntax { message: String },
    /// A key the format does not know, or a value of the wrong type.
    Schema { message: String },
    /// An id defined twice without `override = true`.
    DuplicateId { table: &'static str, id: String },
    /// `override = true` where no earlier file defines the id.
    OverrideOfNothing { table: &'static str, id: String },
    /// A reference (`start`, `on`, `else`) to a node or outcome that does not exist.
    UnknownTarget {
        target: String,
        suggestion: Option<String>,
    },
    /// A node that tests a question that does not exist.
    UnknownQuestion {
        question: String,
        suggestion: Option<String>,
    },
    /// An answer (in `on`, `default` or `bare`) that the question does not have.
    UnknownAnswer {
        question: String,
        answer: String,
        valid: Vec<String>,
    },
    /// An answer of a node's question that leads nowhere.
    Uncovered { node: String, answers: Vec<String> },
    /// The tree loops back on itself.
    /// The tree loops: the ids at each end of the loop's path, and how many are left out
    /// between the two halves.
    Cycle { path: Vec<String>, hidden: usize },
    /// More loops than are reported one by one.
    MoreCycles { count: usize },
    /// A node or outcome that the start never reaches.
    Unreachable { id: String },
    /// No `[pack] start` in any file.
    NoStart,
    /// A flag that is not lowercase words joined by `-`.
    BadFlagName { flag: String },
    /// More flags than a command line can carry: clap's parsing time grows with the square
    /// of their number.
    TooManyFlags { limit: usize },
    /// A flag that another question or a built-in option already uses.
    FlagClash { flag: String, other: String },
    /// An outcome with both a `status` and `stored-response = true` (`both`), or neither.
    StatusOrStored { both: bool },
    /// A contrast of a code with itself.
    ContrastWithItself { code: u16 },
    /// A question listed by two families.
    InTwoFamilies { question: String, other: String },
    /// A family's question without a default: a session that leaves it out assumes it.
    FamilyWithoutDefault { question: String },
    /// A status code outside 100..=599.
    StatusOutOfRange { status: i64 },
    /// A status code used without a `[[status]]` entry naming it.
    UnnamedStatus { status: u16 },
    /// Text that must say something is empty.
    EmptyText { field: &'static str },
    /// A profile name that no built-in profile has.
    UnknownProfile {
        name: String,
        suggestion: Option<String>,
    },
    /// `profile = "…"` outside the house rules file.
    ProfileOutsideHouseRules,
    /// A position or contrast naming something that does not exist.
    UnknownOutcome {
        outcome: String,
        suggestion: Option<String>,
    },
    /// An id that is not a name: ids become flags, anchors, node names and shell words.
    BadId { table: &'static str, id: String },
    /// A citation or guide URL that is not an `https:` or `http:` address.
    BadUrl { url: String },
    /// A `[guide]` table outside a profile's file.
    GuideOutsideProfile,
    /// A name in `allow` that is no lint's.
    UnknownLint {
        name: String,
        suggestion: Option<String>,
        /// Every lint's name, for the message: the lints are validation's, not this module's.
        lints: &'static [&'static str],
    },
    /// A yes/no question given choices, or a choice question with fewer than two.
    BadChoices {
        question: String,
        reason: &'static str,
    },
}

impl Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Read { path, reason } => write!(f, "cannot read rules from `{path}`: {reason}"),
            Kind::Syntax { message } => write!(f, "invalid TOML: {message}"),
            Kind::Schema { message } => write!(f, "{message}"),
            Kind::DuplicateId { table, id } => write!(
                f,
                "{table} `{id}` is defined twice (say `override = true` to replace the first)"
            ),
            Kind::OverrideOfNothing { table, id } => {
                write!(
                    f,
                    "{table} `{id}` overrides nothing: no earlier file defines it"
                )
            }
            Kind::UnknownTarget { target, suggestion } => {
                write!(f, "`{target}` is neither a node nor an outcome")?;
                suggest(f, suggestion)
            }
            Kind::UnknownQuestion {
                question,
                suggestion,
            } => {
                write!(f, "no question has the id `{question}`")?;
                suggest(f, suggestion)
            }
            Kind::UnknownAnswer {
                question,
                answer,
                valid,
            } => write!(
                f,
                "question `{question}` has no answer `{answer}` (its answers: {})",
                valid.join(", ")
            ),
            Kind::Uncovered { node, answers } => write!(
                f,
                "node `{node}` has no branch for {}: name each in `on`, or add `else`",
                quoted(answers)
            ),
            Kind::Cycle { path, hidden: 0 } => {
                write!(f, "the tree loops: {}", path.join(" -> "))
            }
            Kind::Cycle { path, hidden } => {
                let (first, last) = path.split_at(path.len() / 2);
                write!(
                    f,
                    "the tree loops: {} -> … ({hidden} more) -> {}",
                    first.join(" -> "),
                    last.join(" -> ")
                )
            }
            Kind::MoreCycles { count } => {
                write!(f, "and {count} more loops; fix those above and check again")
            }
            Kind::Unreachable { id } => write!(f, "`{id}` is never reached from the start"),
            Kind::NoStart => write!(f, "no rule file sets `[pack] start`"),
            Kind::BadFlagName { flag } => write!(
                f,
                "`{flag}` is not a valid flag name (lowercase letters, digits and single `-`, \
                 at most {} characters)",
                crate::names::LONGEST_ID
            ),
            Kind::FlagClash { flag, other } => write!(f, "flag `--{flag}` is already {other}"),
            Kind::TooManyFlags { limit } => write!(
                f,
                "the rules define more than {limit} flags; every question's flags are options \
                 of the command line, and no more fit it"
            ),
            Kind::StatusOrStored { both: true } => write!(
                f,
                "an outcome that sends the stored response (`stored-response = true`) has no \
                 `status` of its own"
            ),
            Kind::StatusOrStored { both: false } => write!(
                f,
                "the outcome needs a `status`, or `stored-response = true` where it sends a \
                 response stored earlier"
            ),
            Kind::ContrastWithItself { code } => write!(
                f,
                "a contrast tells two codes apart; this one sets both `a` and `b` to {code}"
            ),
            Kind::InTwoFamilies { question, other } => write!(
                f,
                "question `{question}` is already in family `{other}`; a question belongs to \
                 one family at most"
            ),
            Kind::FamilyWithoutDefault { question } => write!(
                f,
                "question `{question}` has no `default`, so a session that leaves its family \
                 out has nothing to assume: give it one"
            ),
            Kind::StatusOutOfRange { status } => {
                write!(f, "status {status} is outside 100..=599")
            }
            Kind::UnnamedStatus { status } => write!(
                f,
                "status {status} has no `[[status]]` entry to give its name"
            ),
            Kind::EmptyText { field } => write!(f, "`{field}` must not be empty"),
            Kind::BadChoices { question, reason } => write!(f, "question `{question}` {reason}"),
            Kind::UnknownProfile { name, suggestion } => {
                let names: Vec<&str> = crate::builtin::PROFILES.iter().map(|(n, _)| *n).collect();
                write!(
                    f,
                    "no profile is named `{name}` (profiles: {})",
                    names.join(", ")
                )?;
                suggest(f, suggestion)
            }
            Kind::ProfileOutsideHouseRules => write!(
                f,
                "`profile` is read only from {}; here it would be ignored",
                crate::builtin::HOUSE_RULES
            ),
            Kind::BadId { table, id } => write!(
                f,
                "`{id}` is not a valid {table} id: ids are lowercase letters, digits and `-`, \
                 starting with a letter or a digit, at most {} characters",
                crate::names::LONGEST_ID
            ),
            Kind::BadUrl { url } => write!(
                f,
                "`{url}` is not a web address: a link must start with `https:` or `http:`"
            ),
            Kind::GuideOutsideProfile => write!(
                f,
                "`[guide]` belongs in a profile's file; here it would rename the profile in use"
            ),
            Kind::UnknownLint {
                name,
                suggestion,
                lints,
            } => {
                write!(f, "`{name}` is not a lint (lints: {})", lints.join(", "))?;
                suggest(f, suggestion)
            }
            Kind::UnknownOutcome {
                outcome,
                suggestion,
            } => {
                write!(f, "no outcome has the id `{outcome}`")?;
                suggest(f, suggestion)
            }
        }
    }
}

fn suggest(f: &mut fmt::Formatter<'_>, suggestion: &Option<String>) -> fmt::Result {
    f.write_str(&crate::suggest::hint(suggestion.as_deref()))
}

fn quoted(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    quoted.join(", ")
}

/// One problem and the place it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: Kind,
    /// `None` only for problems of the pack as a whole, such as a missing start.
    pub span: Option<Span>,
    /// The other place the problem involves: where a duplicate id was first defined.
    pub first: Option<Span>,
}

impl Diagnostic {
    pub fn at(kind: Kind, span: Span) -> Self {
        Diagnostic {
            kind,
            span: Some(span),
            first: None,
        }
    }

    pub(crate) fn whole_pack(kind: Kind) -> Self {
        Diagnostic {
            kind,
            span: None,
            first: None,
        }
    }

    /// The diagnostic, with the place of the entry it clashes with.
    pub(crate) fn first_defined_at(mut self, span: Span) -> Self {
        self.first = Some(span);
        self
    }
}

/// Every diagnostic of a load, in file order, then line order; pack-wide problems last.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| match &d.span {
        Some(span) => (0, span.file, span.range.start),
        None => (1, crate::source::FileId(0), 0),
    });
}
