//! `httpadvise explain CODE` and `httpadvise compare A B`: what codes mean, which routes of
//! the rules lead to them, and how to tell neighbours apart.

use httpadvise_rules::model::Tree;
use httpadvise_rules::{registry, routes};

use crate::error::{Error, Exit};
use crate::output::report::{Compare, Explain, Report};
use crate::output::{self, Format, Output};

pub fn explain(
    tree: &Tree,
    code: u16,
    format: Format,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    known(tree, code)?;
    let report = Explain::new(tree, code, &routes::routes(tree));
    output::print(&Report::Explain(&report), format, output).map_err(Error::Output)?;
    Ok(Exit::Advice)
}

pub fn compare(
    tree: &Tree,
    (a, b): (u16, u16),
    format: Format,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    known(tree, a)?;
    known(tree, b)?;
    if a == b {
        return Err(Error::SameCode(a));
    }
    let report = Compare::new(tree, a, b, &routes::routes(tree));
    output::print(&Report::Compare(&report), format, output).map_err(Error::Output)?;
    Ok(Exit::Advice)
}

/// A code the rules name, or one the IANA registry has: `explain`, `compare` and
/// `--expect` speak of either.
pub(crate) fn known(tree: &Tree, code: u16) -> Result<(), Error> {
    match tree.statuses.contains_key(&code) || registry::registered(code).is_some() {
        true => Ok(()),
        false => Err(Error::UnknownStatus {
            code,
            known: tree.statuses.keys().copied().collect(),
        }),
    }
}
