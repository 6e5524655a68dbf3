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
        Some(&["none", "missing", "replayed", "reused", "in-flight"]),
    ),
    (
        "conflict",
        Some(&[
            "none",
            "duplicate",
            "dependents",
            "stale-version",
            "state",
            "equivalent",
        ]),
    ),
    ("no-conflict", None),
    (
        "method",
        Some(&[
            "get", "head", "post", "put", "patch", "delete", "options", "trace", "other",
        ]),
    ),
    ("target", Some(&["exists", "missing", "gone"])),
    (
        "success",
        Some(&["created", "accepted", "content", "no-content"]),
    ),
    ("service", Some(&["ok", "overloaded", "maintenance"])),
    ("rate-limit", Some(&["ok", "exceeded", "quota"])),
    ("method-allowed", None),
    ("no-method-allowed", None),
    ("uri-too-long", None),
    ("headers-too-large", None),
    ("credentials", Some(&["ok", "missing", "invalid"])),
    ("forbidden", None),
    ("hide-existence", None),
    ("accept", Some(&["ok", "unsatisfiable"])),
    (
        "parameters",
        Some(&["valid", "path-invalid", "query-invalid"]),
    ),
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

/// The answers a command line gives, by question id.
fn given(args: &[&str]) -> Vec<(String, String)> {
    let tree = builtin();
    let args = std::iter::once("httpadvise")
        .chain(args.iter().copied())
        .map(Into::into);
    let invocation = httpadvise::cli::parse(&tree, args.collect()).expect("the line parses");
    let answers = invocation.answers.iter().enumerate();
    answers
        .filter_map(|(q, a)| a.map(|a| (q, a)))
        .map(|(q, a)| {
            let question = &tree.questions[q];
            (question.id.to_string(), question.answers[a].id.to_string())
        })
        .collect()
}

/// `--method` takes the method in any case, and the old shorthands name a method of each
/// kind: GET for `--safe-method`, POST (neither GET nor HEAD) for `--no-safe-method`.
#[test]
fn the_method_reads_in_any_case_and_the_shorthands_name_one() {
    let method = |args: &[&str]| given(args);
    let get = vec![("method".to_string(), "get".to_string())];
    assert_eq!(method(&["--method=GET"]), get);
    assert_eq!(method(&["--method", "Get"]), get);
    assert_eq!(method(&["--safe-method"]), get);
    assert_eq!(
        method(&["--no-safe-method"]),
        vec![("method".to_string(), "post".to_string())]
    );
    assert_eq!(
        method(&["--answer", "method=PATCH"]),
        vec![("method".to_string(), "patch".to_string())]
    );
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
        let Some(status) = outcome.status else {
            continue;
        };
        let entry = format!("{status} {}", tree.status_name(status));
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

/// Every position of every profile rests on a sentence of its guide, quoted, and names the
/// revision or date it was read in: guides change, and a reader must be able to check.
#[test]
fn every_profile_position_quotes_its_guide_and_names_the_revision() {
    for (profile, _) in httpadvise_rules::builtin::PROFILES {
        let sources = RuleSources {
            profile: Some(profile.to_string()),
            ..RuleSources::builtin()
        };
        let tree = common::load(&sources).expect("loads").tree;
        for (outcome, positions) in &tree.positions {
            for position in positions {
                let at = format!("{profile}: {}", tree.outcome(*outcome).id);
                let cite = position
                    .cite
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: no cite"));
                assert!(cite.quote.is_some(), "{at}: no quote");
                assert!(cite.revision.is_some(), "{at}: no revision");
            }
        }
    }
}

/// Every RFC the built-in pack cites is quoted; every citation of a document that changes
/// (a guide, a draft) names its revision.
#[test]
fn every_citation_of_the_pack_is_quoted_and_drafts_name_their_revision() {
    let tree = builtin();
    let cites = tree
        .outcomes
        .iter()
        .flat_map(|o| o.cites.iter().map(move |c| (&*o.id, c)))
        .chain(
            tree.statuses
                .values()
                .filter_map(|s| s.cite.as_ref().map(|c| ("status", c))),
        )
        .chain(
            tree.contrasts
                .iter()
                .flat_map(|c| c.cites.iter().map(|cite| ("contrast", cite))),
        );
    for (at, cite) in cites {
        assert!(cite.quote.is_some(), "{at}: {} unquoted", cite.label());
        if cite.document.starts_with("draft-") {
            assert!(
                cite.revision.is_some(),
                "{at}: {} without a revision",
                cite.label()
            );
        }
    }
}
