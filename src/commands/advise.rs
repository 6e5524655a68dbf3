//! The advice: a consultation to its outcome, the recommendation printed, and the verdict
//! on `--expect`.

use httpadvise_rules::model::Tree;

use crate::engine::expect;
use crate::engine::session::{self, AskError, Asker, Mode, SessionError};
use crate::error::{Error, Exit};
use crate::output::report::{Advice, Report};
use crate::output::{self, Format, Output};

/// What the command line asks of the advice.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub format: Format,
    /// `-i`: ask every open question, defaults included.
    pub interactive: bool,
    /// Some flag answered a question: then the run is one-shot.
    pub answered_any: bool,
    pub expect: Option<u16>,
    /// Draw the path in the Markdown comment.
    pub diagram: bool,
}

/// Runs a consultation and prints the recommendation. `asker` is `None` when there is no
/// terminal to ask on.
pub fn run(
    tree: &Tree,
    answers: &[Option<usize>],
    options: Options,
    asker: Option<&mut dyn Asker>,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    if options.interactive && asker.is_none() {
        return Err(Error::NoTerminal);
    }
    if let Some(code) = options.expect {
        super::explain::known(tree, code)?;
    }
    let mode = match asker {
        Some(_) if options.interactive => Mode::Interactive,
        Some(_) if !options.answered_any => Mode::Guided,
        _ => Mode::OneShot,
    };
    let verdict =
        session::consult(tree, answers, mode, asker).map_err(|e| session_error(tree, e))?;
    let mut advice = Advice::new(tree, &verdict, answers);
    advice.diagram = options.diagram;
    if let Some(code) = options.expect {
        advice.expecting(tree, expect::check(tree, &verdict, answers, code));
    }
    output::print(&Report::Advice(&advice), options.format, output).map_err(Error::Output)?;
    Ok(match &advice.expect {
        Some(verdict) if !verdict.agrees => Exit::Disagree,
        _ => Exit::Advice,
    })
}

/// Why a consultation stopped, as the error the run ends with.
pub(crate) fn session_error(tree: &Tree, error: SessionError) -> Error {
    match error {
        SessionError::Unanswered { question, .. } => {
            let question = tree.question(question);
            Error::Unanswered {
                prompt: question.prompt.to_string(),
                flags: question.usage(),
            }
        }
        SessionError::Ask(AskError::Interrupted) => Error::Cancelled,
        SessionError::Ask(AskError::EndOfInput) => Error::EndOfInput,
        SessionError::Ask(AskError::Io(e)) => Error::Terminal(e),
    }
}
