//! The default pack compiled by `build.rs` is the pack its TOML gives: a plain run uses
//! the compiled one, every other run and every diagnostic the TOML, so they must not drift.

use std::borrow::Cow;

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
            .map(|f| (f.name.to_string(), f.text.to_string()))
            .collect()
    };
    assert_eq!(names(&compiled), names(&toml));
}

#[test]
fn the_compiled_pack_borrows_its_text_from_the_program() {
    let compiled = httpadvise::load(&RuleSources::builtin()).expect("the compiled pack loads");
    let question = &compiled.tree.questions[0];
    assert!(matches!(question.prompt, Cow::Borrowed(_)), "{question:?}");
    let outcome = &compiled.tree.outcomes[0];
    assert!(
        matches!(outcome.explanation, Cow::Borrowed(_)),
        "{outcome:?}"
    );
    let file = compiled.sources.file(httpadvise::source::FileId(0));
    assert!(matches!(file.text, Cow::Borrowed(_)), "{}", file.name);
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
