//! The default pack compiled at build time (see `build.rs`) is the pack its TOML loads,
//! and stands in for exactly the default sources.

mod common;

use httpadvise::pack::{self, Loader};
use httpadvise_rules::{Files, RuleSources};

#[test]
fn the_build_compiled_the_default_pack() {
    assert!(
        pack::compiled().is_some(),
        "build.rs could not compile the built-in rules; `httpadvise rules check` says why"
    );
}

#[test]
fn the_compiled_pack_is_the_pack_loaded_from_its_toml() {
    let compiled = pack::compiled().expect("the compiled pack decodes");
    // Comparing reads every outcome and status, so each of their encodings decodes too.
    assert_eq!(compiled, common::builtin());
}

#[test]
fn only_the_default_sources_use_the_compiled_pack() {
    let loader = Loader::new(Files::default(), httpadvise::cli::reserved_flags);
    // The compiled pack keeps no sources: it can have no diagnostics to point into them.
    let compiled = |sources: &RuleSources| loader.load(sources).expect("loads").sources.is_empty();
    assert!(compiled(&RuleSources::builtin()));
    let rfc = RuleSources {
        profile: Some("rfc".into()),
        ..RuleSources::builtin()
    };
    assert!(compiled(&rfc));
    let zalando = RuleSources {
        profile: Some("zalando".into()),
        ..RuleSources::builtin()
    };
    assert!(!compiled(&zalando));
    let with_house = Loader::new(
        Files::text("extra.toml", ""),
        httpadvise::cli::reserved_flags,
    );
    assert!(!with_house
        .load(&RuleSources::builtin())
        .expect("loads")
        .sources
        .is_empty());
}
