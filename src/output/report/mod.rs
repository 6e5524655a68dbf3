//! The report models: what each command prints, as data every format renders the same way.
//! Built from the rules and the engine's results; rendered by `text`, `json` and
//! `markdown`.

mod advice;
mod changes;
mod explain;
mod profiles;
mod rules;

pub use advice::*;
pub use changes::Change;
pub(crate) use changes::{mark, Changes};
pub use explain::*;
pub use profiles::*;
pub use rules::*;

use httpadvise_rules::source::{Sources, Span};
use serde::Serialize;

/// Bumped when a field of any JSON report changes meaning or goes away; new fields do not
/// bump it.
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// A report of any command, for [`crate::output::print`].
pub enum Report<'a> {
    Advice(&'a Advice<'a>),
    Explain(&'a Explain),
    Compare(&'a Compare),
    Profiles(&'a ProfileList),
    Profile(&'a ProfileDetail),
    Comparison(&'a Comparison),
    Check(&'a Check),
    Test(&'a TestRun),
}

/// A place in a rule file, with the line it is on, for a message that points at it.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The line's text, quoted under the message.
    #[serde(skip)]
    pub source_line: String,
    /// How many characters of the line the place covers, from `column`.
    #[serde(skip)]
    pub length: usize,
}

impl Place {
    pub fn new(sources: &Sources, span: &Span) -> Self {
        let at = sources.line_col(span);
        let text = &sources.file(span.file).text;
        let start = span.range.start.min(text.len());
        let end = span.range.end.clamp(start, text.len());
        let covered = text
            .get(start..end)
            .map_or("", |s| s.lines().next().unwrap_or(""));
        Place {
            file: sources.file(span.file).name.clone(),
            line: at.line,
            column: at.col,
            source_line: sources.line_text(span).to_string(),
            length: covered.chars().count(),
        }
    }

    /// `file:line:col`: how every message names a place.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}
