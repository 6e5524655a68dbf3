//! The default pack compiled by `build.rs` is the pack its TOML gives: a plain run uses
//! the compiled one, every other run and every diagnostic the TOML, so they must not drift.

use httpadvise::rules::RuleSources;

#[test]
fn the_build_compiled_the_default_pack() {
    assert!(
        httpadvise::builtin::tree().is_some(),
        "build.rs could not compile rules/: `cargo build` warns why"
    );
}

#[test]
fn the_compiled_pack_is_the_pack_loaded_from_its_toml() {
    let compiled = httpadvise::load(&RuleSources::builtin()).expect("the compiled pack loads");
    let toml = httpadvise::load_toml(&RuleSources::builtin()).expect("the TOML pack loads");
    assert_eq!(compiled.tree, toml.tree);
    let names = |pack: &httpadvise::Pack| -> Vec<(String, String)> {
        let sources = &pack.sources;
        (0..sources.len())
            .map(|i| sources.file(httpadvise::source::FileId(i)))
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect()
    };
    assert_eq!(names(&compiled), names(&toml));
}

#[test]
fn only_the_default_sources_use_the_compiled_pack() {
    use httpadvise::builtin::is_default;
    let default = RuleSources::builtin();
    assert!(is_default(&default));
    let rfc = RuleSources {
        profile: Some("rfc".into()),
        ..RuleSources::builtin()
    };
    assert!(is_default(&rfc));
    let zalando = RuleSources {
        profile: Some("zalando".into()),
        ..RuleSources::builtin()
    };
    assert!(!is_default(&zalando));
    let house = RuleSources {
        config: Some(".httpadvise.toml".into()),
        ..RuleSources::builtin()
    };
    assert!(!is_default(&house));
    let rules = RuleSources {
        paths: vec!["more.toml".into()],
        ..RuleSources::builtin()
    };
    assert!(!is_default(&rules));
    assert!(!is_default(&RuleSources::default()));
}
