//! Loading a pack: parse its files, resolve them, and either the tree or every problem.

use crate::diagnostic::Diagnostic;
use crate::lint::{self, Lint};
use crate::model::Tree;
use crate::parse::Parsed;
use crate::read::{Files, RuleSources};
use crate::resolve;
use crate::source::Sources;

/// A loaded and validated rule pack, with its files kept for later diagnostics.
#[derive(Debug)]
pub struct Pack {
    pub tree: Tree,
    pub sources: Sources,
}

/// A pack that failed to load: every problem, and the files they point into.
#[derive(Clone, Debug)]
pub struct Rejected {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and validates the pack `from` selects (the built-in files and a profile) with
/// the files already read from disk. `reserved` are the long options the program defines
/// itself; no question may take one of them as its flag.
pub fn load(from: &RuleSources, files: &Files, reserved: &[String]) -> Result<Pack, Rejected> {
    let (tree, parsed) = resolved(from, files, reserved)?;
    Ok(Pack {
        tree,
        sources: parsed.sources,
    })
}

/// The tree `from` and `files` make, with the parsed files it was resolved from.
fn resolved(
    from: &RuleSources,
    files: &Files,
    reserved: &[String],
) -> Result<(Tree, Parsed), Rejected> {
    let parsed = Parsed::new(from, files);
    match resolve::resolve(&parsed, reserved) {
        Ok(tree) => Ok((tree, parsed)),
        Err(diagnostics) => Err(Rejected {
            sources: parsed.sources,
            diagnostics,
        }),
    }
}

/// Loads one rule file given as text, alone, as if it were a `--rules` file named `name`:
/// for generated packs, benchmarks and fuzzing.
pub fn load_text(name: &str, text: &str, reserved: &[String]) -> Result<Pack, Rejected> {
    load(&RuleSources::default(), &Files::text(name, text), reserved)
}

/// A pack that loaded, its files, and what the lints found in it.
#[derive(Debug)]
pub struct Checked {
    pub pack: Pack,
    pub lints: Vec<Lint>,
    /// Whether the tree had too many routes to look for hidden branches.
    pub routes_truncated: bool,
}

/// Loads as [`crate::load`] does, so a pack fails here exactly when a run fails, then
/// lints. The tree keeps no places; the lints find them in the same parsed files that
/// resolving used, so every file is parsed once.
pub fn check(from: &RuleSources, files: &Files, reserved: &[String]) -> Result<Checked, Rejected> {
    let (tree, parsed) = resolved(from, files, reserved)?;
    let (lints, routes_truncated) = lint::lint(&tree, &parsed);
    Ok(Checked {
        pack: Pack {
            tree,
            sources: parsed.sources,
        },
        lints,
        routes_truncated,
    })
}
