//! httpadvise: which HTTP status code a rejected request deserves, decided by a tree of
//! rules and explained. The binary parses and decides about the terminal; this does the rest.

pub mod ask;
pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod generate;
pub mod render;
pub mod report;
pub mod rules;
pub mod session;
pub mod source;
pub mod suggest;
pub mod tree;
pub mod validate;

use std::io::Write;

use cli::{Format, Invocation};
use error::Error;
use report::Report;
use rules::RuleSources;
use session::{AskError, Asker, Mode, SessionError};
use source::Sources;
use tree::Tree;
use validate::Rejected;

/// A loaded and validated rule pack, with its files kept for later diagnostics.
#[derive(Debug)]
pub struct Pack {
    pub tree: Tree,
    pub sources: Sources,
}

/// Reads, parses and validates the rules of one run.
pub fn load(from: &RuleSources) -> Result<Pack, Rejected> {
    let (tree, sources) = validate::validate(rules::parse(from), &cli::reserved_flags())?;
    Ok(Pack { tree, sources })
}

/// Where the recommendation goes: the writer, and the width text output wraps to.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub width: usize,
}

/// Loads one rule file given as text, alone, as if it were named `name`: for generated
/// packs, benchmarks and fuzzing.
pub fn load_str(name: &str, text: &str) -> Result<Pack, Rejected> {
    let mut parsed = rules::Parsed::default();
    parsed.add_text(
        name.to_string(),
        text.to_string(),
        rules::Layer::Rules(name.to_string()),
    );
    let (tree, sources) = validate::validate(parsed, &cli::reserved_flags())?;
    Ok(Pack { tree, sources })
}

/// Runs a consultation and writes the recommendation. `asker` is `None` when there is no
/// terminal to ask on.
pub fn advise(
    tree: &Tree,
    invocation: &Invocation,
    asker: Option<&mut dyn Asker>,
    output: Output<'_>,
) -> Result<(), Error> {
    if invocation.cli.interactive && asker.is_none() {
        return Err(Error::NoTerminal);
    }
    let mode = match asker {
        Some(_) if invocation.cli.interactive || !invocation.answered_any => Mode::Interactive,
        _ => Mode::OneShot,
    };
    let verdict = session::consult(tree, &invocation.answers, mode, asker)
        .map_err(|e| session_error(tree, e))?;
    let report = Report::new(tree, &verdict);
    let Output { out, width } = output;
    let written = match invocation.cli.format {
        Format::Text => render::text(&report, width, out),
        Format::Json => render::json(&report, out),
    };
    written.and_then(|()| out.flush()).map_err(Error::Output)
}

fn session_error(tree: &Tree, error: SessionError) -> Error {
    match error {
        SessionError::Unanswered { question, .. } => {
            let question = tree.question(question);
            Error::Unanswered {
                prompt: question.prompt.clone(),
                flags: question.flags(),
            }
        }
        SessionError::Ask(AskError::Interrupted) => Error::Cancelled,
        SessionError::Ask(AskError::EndOfInput) => Error::EndOfInput,
        SessionError::Ask(AskError::Io(e)) => Error::Terminal(e),
    }
}
