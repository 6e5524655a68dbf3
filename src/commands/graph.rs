//! `httpadvise rules graph`: the whole tree as DOT or Mermaid, with the path of the given
//! answers highlighted as a one-shot run would walk it.

use std::io::Write;

use httpadvise_rules::model::Tree;

use super::advise::session_error;
use crate::engine::session::{self, Mode, SessionError};
use crate::engine::walk::{self, Walk};
use crate::error::{Error, Exit};
use crate::output::{diagnostics, graph, GraphFormat};

pub fn run(
    tree: &Tree,
    (answers, answered_any): (&[Option<usize>], bool),
    format: GraphFormat,
    out: &mut dyn Write,
) -> Result<Exit, Error> {
    // The path a one-shot run takes, defaults and all; without answers nothing is
    // highlighted.
    let walked = match answered_any {
        true => match session::consult(tree, answers, Mode::OneShot, None) {
            Ok(verdict) => Walk::Done {
                outcome: verdict.outcome,
                path: verdict.path.into_iter().map(|(step, _)| step).collect(),
            },
            Err(SessionError::Unanswered { question, path }) => Walk::Needs { question, path },
            Err(error) => return Err(session_error(tree, error)),
        },
        false => walk::walk(tree, answers),
    };
    if let (true, Walk::Needs { question, .. }) = (answered_any, &walked) {
        // The drawing is the output; why its highlight stops short goes beside it.
        let question = &tree.question(*question).id;
        eprintln!("{}", diagnostics::highlight_stops_at(question));
    }
    graph::render(tree, &walked, format, out).map_err(Error::Output)?;
    out.flush().map_err(Error::Output)?;
    Ok(Exit::Advice)
}
