//! `httpadvise rules check`: load the rules exactly as a run does, plus the paths given,
//! then lint what loads. Load errors are the run's own (exit 78).

use std::path::PathBuf;

use httpadvise_rules::RuleSources;

use crate::error::{Error, Exit};
use crate::output::report::{Check, Report};
use crate::output::{self, Format, Output};
use crate::pack::Loader;

pub fn run(
    loader: &Loader,
    sources: &RuleSources,
    paths: &[PathBuf],
    format: Format,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    let mut files = loader.files.clone();
    for path in paths {
        files.add_path(path);
    }
    let checked = loader.check(sources, &files).map_err(Error::Rules)?;
    let report = Check::new(&checked);
    output::print(&Report::Check(&report), format, output).map_err(Error::Output)?;
    Ok(Exit::Advice)
}
