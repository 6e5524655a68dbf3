//! Invariants of the built-in pack and of the command line it generates: what a change to
//! `rules/` must never break.

mod common;

use std::collections::BTreeSet;
use std::fs;

use httpadvise_rules::builtin::BUILTIN;
use httpadvise_rules::model::Tree;
use httpadvise_rules::RuleSources;

fn builtin() -> Tree {
    let pack = common::load(&RuleSources::builtin());
    pack.expect("the built-in pack loads").tree
}

#[test]
fn every_file_in_rules_is_embedded_in_load_order() {
    let mut on_disk: Vec<String> = fs::read_dir("rules")
        .expect("rules/ exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = BUILTIN
        .iter()
        .map(|(name, _)| name.trim_start_matches("builtin:rules/").to_string())
        .collect();
    assert_eq!(embedded, on_disk);
}

#[test]
fn the_embedded_text_is_the_file_on_disk() {
    for (name, text) in BUILTIN {
        let path = name.trim_start_matches("builtin:");
        assert_eq!(fs::read_to_string(path).expect("readable"), *text, "{path}");
    }
}

#[test]
fn the_generated_command_is_consistent() {
    httpadvise::cli::command(&builtin()).debug_assert();
}

/// The flags tools outside the project rely on, with what each must accept.
const CONTRACT: &[(&str, Option<&[&str]>)] = &[
    ("precondition", None),
    ("no-precondition", None),
    ("safe-method", None),
    ("no-safe-method", None),
    (
        "condition",
        Some(&[
            "if-match",
            "if-none-match",
            "if-modified-since",
            "if-unmodified-since",
        ]),
    ),
    ("precondition-required", None),
    ("no-precondition-required", None),
    (
        "payload",
        Some(&[
            "valid",
            "malformed",
            "invalid",
            "unsupported",
            "too-large",
            "none",
            "missing",
        ]),
    ),
    ("payload-valid", None),
    ("payload-malformed", None),
    ("payload-invalid", None),
    ("payload-unsupported", None),
    ("payload-too-large", None),
    ("no-payload", None),
    ("payload-missing", None),
    (
        "idempotency-key",
        Some(&["none", "missing", "reused", "in-flight"]),
    ),
    (
        "conflict",
        Some(&["none", "duplicate", "dependents", "stale-version", "state"]),
    ),
    ("no-conflict", None),
    ("answer", None),
];

#[test]
fn every_contract_flag_exists_with_its_values() {
    let command = httpadvise::cli::command(&builtin());
    for (long, values) in CONTRACT {
        let arg = command
            .get_arguments()
            .find(|a| a.get_long() == Some(long))
            .unwrap_or_else(|| panic!("--{long} is missing"));
        if let Some(values) = values {
            let got: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            assert_eq!(&got, values, "--{long}");
        }
    }
}

#[test]
fn every_flag_has_help_and_no_long_is_defined_twice() {
    let command = httpadvise::cli::command(&builtin());
    let mut seen = BTreeSet::new();
    for arg in command.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        assert!(seen.insert(long), "--{long} defined twice");
        assert!(arg.get_help().is_some(), "--{long} has no help");
    }
}

#[test]
fn every_outcome_cites_a_source_and_every_status_has_a_citation() {
    let tree = builtin();
    for outcome in &tree.outcomes {
        assert!(!outcome.cites.is_empty(), "{} cites nothing", outcome.id);
    }
    for status in tree.statuses.values() {
        assert!(
            status.cite.is_some(),
            "status {} cites nothing",
            status.code
        );
    }
}

#[test]
fn the_names_are_the_current_rfc_9110_names() {
    let tree = builtin();
    assert_eq!(tree.status_name(413), "Content Too Large");
    assert_eq!(tree.status_name(422), "Unprocessable Content");
    assert_eq!(tree.status_name(428), "Precondition Required");
}

#[test]
fn every_status_the_pack_returns_is_listed_in_the_readme() {
    let readme = fs::read_to_string("README.md").expect("README.md exists");
    let tree = builtin();
    for outcome in &tree.outcomes {
        let name = tree.status_name(outcome.status);
        let entry = format!("{} {name}", outcome.status);
        assert!(readme.contains(&entry), "README.md does not list `{entry}`");
    }
}

#[test]
fn every_profile_file_is_embedded_and_loads_with_its_own_name() {
    let mut on_disk: Vec<String> = fs::read_dir("rules/profiles")
        .expect("rules/profiles exists")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".toml")
                .to_string()
        })
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = httpadvise_rules::builtin::PROFILES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
    for (name, _) in httpadvise_rules::builtin::PROFILES {
        let sources = RuleSources {
            profile: Some(name.to_string()),
            ..RuleSources::builtin()
        };
        let tree = common::load(&sources)
            .unwrap_or_else(|e| panic!("{name}: {:?}", e.diagnostics))
            .tree;
        assert_eq!(tree.guide.map(|g| g.name).as_deref(), Some(*name));
    }
}
