//! The httpadvise rule format: finding and reading rule files, parsing them into strict raw
//! structs, merging the layers, resolving every name, checking the graph, and the validated
//! model the rest of the program walks. Every problem comes back as data with its place;
//! nothing here prints, parses a command line or touches a terminal.

pub mod builtin;
pub mod diagnostic;
pub mod generate;
mod graph;
pub mod lint;
mod merge;
pub mod model;
pub mod parse;
pub mod raw;
pub mod read;
mod resolve;
pub mod routes;
pub mod schema;
pub mod source;
pub mod suggest;

pub use read::{Files, RuleSources};

use diagnostic::Diagnostic;
use model::Tree;
use parse::Parsed;
use source::Sources;

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
    let parsed = Parsed::new(from, files);
    match resolve::resolve(&parsed, reserved) {
        Ok(tree) => Ok(Pack {
            tree,
            sources: parsed.sources,
        }),
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
