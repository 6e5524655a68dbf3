//! Profiles seen from the outside: `httpadvise profiles`, `profiles show NAME`, and
//! `--compare-profiles`, which runs the same answers through every profile.

use httpadvise_rules::builtin::profile_names;
use httpadvise_rules::model::{Layer, Tree};
use httpadvise_rules::RuleSources;

use super::advise::session_error;
use crate::engine::session::{self, Mode};
use crate::error::{Error, Exit};
use crate::output::report::{Advice, Comparison, ProfileDetail, ProfileList, Report, Row};
use crate::output::{self, Format, Output};
use crate::pack::Loader;

/// The built-in pack with one profile, and nothing else: what each profile is alone.
fn with_profile(loader: &Loader, name: &str) -> Result<Tree, Error> {
    loader
        .profile(name)
        .map(|pack| pack.tree)
        .map_err(Error::Rules)
}

/// `httpadvise profiles`.
pub fn list(loader: &Loader, format: Format, output: &mut Output<'_>) -> Result<Exit, Error> {
    let trees = profile_names()
        .map(|name| with_profile(loader, name))
        .collect::<Result<Vec<Tree>, Error>>()?;
    let report = ProfileList::new(&trees);
    output::print(&Report::Profiles(&report), format, output).map_err(Error::Output)?;
    Ok(Exit::Advice)
}

/// `httpadvise profiles show NAME`.
pub fn show(
    loader: &Loader,
    name: &str,
    format: Format,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    let report = ProfileDetail::new(&with_profile(loader, name)?);
    output::print(&Report::Profile(&report), format, output).map_err(Error::Output)?;
    Ok(Exit::Advice)
}

/// Runs the command line's answers through every profile, without house rules, and
/// prints one table; the house rules, when the run has them, get a row of their own.
pub fn compare(
    loader: &Loader,
    sources: &RuleSources,
    (tree, answers): (&Tree, &[Option<usize>]),
    format: Format,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    let mut rows = Vec::new();
    let mut files = loader.files.clone();
    files.house = None;
    for name in profile_names() {
        let sources = RuleSources {
            profile: Some(name.to_string()),
            config: None,
            ..sources.clone()
        };
        let pack = loader.load_toml(&sources, &files).map_err(Error::Rules)?;
        rows.push(row(&pack.tree, &answers_by_id(tree, answers, &pack.tree))?);
    }
    // The house rules are the team's own answer: a row of their own, never left out silently.
    if let Some(layer) = tree.layers.iter().find(|l| matches!(l, Layer::House(_))) {
        let mut house = row(tree, answers)?;
        house.profile = layer.to_string();
        rows.push(house);
    }
    let report = Comparison::new(rows);
    output::print(&Report::Comparison(&report), format, output).map_err(Error::Output)?;
    Ok(Exit::Advice)
}

/// The answers of `from` re-indexed for `to`, matching questions and answers by id.
fn answers_by_id(from: &Tree, answers: &[Option<usize>], to: &Tree) -> Vec<Option<usize>> {
    let mut mapped = vec![None; to.questions.len()];
    for (q, answer) in answers.iter().enumerate() {
        let Some(a) = answer else { continue };
        let question = &from.questions[q];
        if let Some(target) = to.question_id(&question.id) {
            mapped[target.0] = to.question(target).answer_index(&question.answers[*a].id);
        }
    }
    mapped
}

fn row(tree: &Tree, answers: &[Option<usize>]) -> Result<Row, Error> {
    let verdict =
        session::consult(tree, answers, Mode::OneShot, None).map_err(|e| session_error(tree, e))?;
    Ok(Row::new(tree, &Advice::new(tree, &verdict, answers)))
}
