//! Loading the rules of a run: the default pack as the build compiled it (see `build.rs`),
//! or the rule files parsed and validated. Every command that loads a pack (another
//! profile, a fixture's rules, `rules check`) loads it here, from the files the run read.

use std::cell::OnceCell;

use httpadvise_rules::builtin::DEFAULT_PROFILE;
use httpadvise_rules::model::Tree;
use httpadvise_rules::{Files, Pack, Rejected, RuleSources};

/// The default tree as `build.rs` stored it; empty when the build could not compile it.
const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-pack.postcard"));

/// The compiled default tree, or `None` if the build could not compile it; then the TOML
/// is loaded, which reports why.
pub fn compiled() -> Option<Tree> {
    postcard::from_bytes(COMPILED).ok()
}

/// What loads the packs of one run: the files it read, and the options no rule flag may
/// take, found only when a pack is parsed (the compiled one needs no check).
#[derive(Debug)]
pub struct Loader {
    pub files: Files,
    reserved: OnceCell<Vec<String>>,
    reserve: fn() -> Vec<String>,
}

impl Loader {
    /// `reserve` lists the options no rule flag may take.
    pub fn new(files: Files, reserve: fn() -> Vec<String>) -> Self {
        Loader {
            files,
            reserved: OnceCell::new(),
            reserve,
        }
    }

    fn reserved(&self) -> &[String] {
        self.reserved.get_or_init(self.reserve)
    }

    /// The pack `from` selects with the run's files. The compiled tree stands in for
    /// exactly the default pack: built-in rules, the default profile, no file from disk.
    pub fn load(&self, from: &RuleSources) -> Result<Pack, Rejected> {
        self.load_files(from, &self.files)
    }

    /// The pack `from` selects with `files`, the compiled tree standing in where it can.
    pub(crate) fn load_files(&self, from: &RuleSources, files: &Files) -> Result<Pack, Rejected> {
        let default = from.builtin
            && from.profile.as_deref().is_none_or(|p| p == DEFAULT_PROFILE)
            && files.house.is_none()
            && files.rules.is_empty()
            && files.problems.is_empty();
        match default.then(compiled).flatten() {
            Some(tree) => Ok(compiled_pack(tree)),
            None => self.load_toml(from, files),
        }
    }

    /// The built-in pack with the profile `name` and nothing else: what the profile is
    /// alone, whatever files the run read.
    pub(crate) fn profile(&self, name: &str) -> Result<Pack, Rejected> {
        let from = RuleSources {
            profile: Some(name.to_string()),
            ..RuleSources::builtin()
        };
        self.load_files(&from, &Files::default())
    }

    /// Parses and validates `files` as `from` selects, even where the compiled pack could
    /// stand in: for packs made of other files, and for what the compiled pack is tested
    /// against.
    pub fn load_toml(&self, from: &RuleSources, files: &Files) -> Result<Pack, Rejected> {
        httpadvise_rules::load(from, files, self.reserved())
    }

    /// Loads and lints, as `rules check` does.
    pub fn check(
        &self,
        from: &RuleSources,
        files: &Files,
    ) -> Result<httpadvise_rules::Checked, Rejected> {
        httpadvise_rules::check(from, files, self.reserved())
    }
}

/// The compiled tree as a pack. It has no sources: it loaded without a problem when the
/// program was built, so no diagnostic will point into its files.
fn compiled_pack(tree: Tree) -> Pack {
    Pack {
        tree,
        sources: Default::default(),
    }
}
