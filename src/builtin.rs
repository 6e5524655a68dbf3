//! The default pack (the built-in files and the default profile) as `build.rs` compiled
//! it: parsed and validated once, when the program is built, and included as the Rust
//! expression that builds the tree, so a plain run neither parses the same TOML again nor
//! deserializes anything.

use std::collections::BTreeMap;

use crate::rules::{self, RuleSources};
use crate::source::Sources;
use crate::tree::*;

/// The compiled default tree, or `None` if the build could not compile it; then the
/// caller loads the TOML, which reports why.
pub fn tree() -> Option<Tree> {
    include!(concat!(env!("OUT_DIR"), "/default-tree.rs"))
}

/// The compiled tree, when `from` names exactly the default pack and the build compiled it:
/// what [`crate::load`] uses instead of the TOML.
pub fn compiled(from: &RuleSources) -> Option<Tree> {
    is_default(from).then(tree).flatten()
}

/// Whether `from` names exactly the default pack: built-in rules, the default profile, no
/// house rules and no `--rules`. Only then does the compiled tree stand in for the TOML.
pub fn is_default(from: &RuleSources) -> bool {
    from.builtin
        && from.config.is_none()
        && from.paths.is_empty()
        && from
            .profile
            .as_deref()
            .is_none_or(|p| p == rules::DEFAULT_PROFILE)
}

/// The files the default pack is made of, under the names loading them from TOML gives,
/// for diagnostics about them later.
pub fn sources() -> Sources {
    let mut sources = Sources::default();
    for (name, text) in rules::BUILTIN {
        sources.add(*name, *text);
    }
    if let Some((name, text)) = rules::PROFILES
        .iter()
        .find(|(n, _)| *n == rules::DEFAULT_PROFILE)
    {
        sources.add(format!("builtin:rules/profiles/{name}.toml"), *text);
    }
    sources
}
