//! What several test files share: loading rule packs as a run does, and comparing output
//! with a committed snapshot file.

// Each test file uses some of these.
#![allow(dead_code)]

use std::path::Path;

/// Compares `actual` with `tests/snapshots/NAME`; with `UPDATE_SNAPSHOTS` set, rewrites
/// the file instead, for a change made on purpose (review the diff).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("creates the folder");
        std::fs::write(&path, actual).expect("writes the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    if let Some((n, (want, got))) = expected
        .lines()
        .zip(actual.lines())
        .enumerate()
        .find(|(_, (w, g))| w != g)
    {
        panic!("{} line {}:\n  expected: {want}\n  got:      {got}\n(UPDATE_SNAPSHOTS=1 accepts the new output)", path.display(), n + 1);
    }
    assert_eq!(
        expected.lines().count(),
        actual.lines().count(),
        "{}: line count",
        path.display()
    );
}

use httpadvise::pack::Loader;
use httpadvise_rules::{Files, Pack, Rejected, RuleSources};

/// Loads the rules `sources` names from their TOML, reading their files as a run does,
/// with the flags the command line reserves: what a run without the compiled pack does.
pub fn load(sources: &RuleSources) -> Result<Pack, Rejected> {
    let loader = Loader::new(Files::read(sources), httpadvise::cli::reserved_flags);
    loader.load_toml(sources, &loader.files)
}

/// One rule file given as text, alone.
pub fn load_text(name: &str, text: &str) -> Result<Pack, Rejected> {
    httpadvise_rules::load_text(name, text, &httpadvise::cli::reserved_flags())
}

/// The built-in pack, loaded from its TOML.
pub fn builtin() -> httpadvise_rules::model::Tree {
    load(&RuleSources::builtin())
        .expect("the built-in pack loads")
        .tree
}

/// `file:line:col` of a diagnostic, as the program prints it; `None` for the whole pack.
pub fn location(
    diagnostic: &httpadvise_rules::diagnostic::Diagnostic,
    sources: &httpadvise_rules::source::Sources,
) -> Option<String> {
    let span = diagnostic.span.as_ref()?;
    Some(httpadvise::output::report::Place::new(sources, span).location())
}

/// `file:line:col` of a span, as the program prints it.
pub fn place(
    sources: &httpadvise_rules::source::Sources,
    span: &httpadvise_rules::source::Span,
) -> String {
    httpadvise::output::report::Place::new(sources, span).location()
}

/// Loads and lints as `rules check` does.
pub fn check(sources: &RuleSources) -> Result<httpadvise_rules::Checked, Rejected> {
    let loader = Loader::new(Files::read(sources), httpadvise::cli::reserved_flags);
    loader.check(sources, &loader.files)
}
