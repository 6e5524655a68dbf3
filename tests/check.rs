//! `httpadvise rules check`: load errors exactly as a run reports them, and each lint's
//! kind and file:line:col. Messages are free to change; kinds and places are the contract.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use httpadvise_rules::builtin::PROFILES;
use httpadvise_rules::lint::{codes_in, LintKind};
use httpadvise_rules::RuleSources;

const DIR: &str = "tests/fixtures/lint";

/// The lints of a pack, each as its name and `file:line:col`.
fn lints(sources: &RuleSources) -> Vec<(String, String)> {
    let checked = common::check(sources).expect("the pack loads");
    checked
        .lints
        .iter()
        .map(|l| {
            (
                l.kind.name().to_string(),
                common::place(&checked.pack.sources, &l.span),
            )
        })
        .collect()
}

fn fixture_alone(name: &str) -> RuleSources {
    RuleSources {
        builtin: false,
        paths: vec![PathBuf::from(DIR).join(name)],
        ..RuleSources::default()
    }
}

fn httpadvise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(args)
        .arg("--no-config")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_builtin_pack_and_every_profile_have_no_warnings() {
    for (profile, _) in PROFILES {
        let sources = RuleSources {
            profile: Some(profile.to_string()),
            ..RuleSources::builtin()
        };
        let checked = common::check(&sources).expect("the built-in pack loads");
        let warnings: Vec<String> = checked
            .lints
            .iter()
            .map(|l| {
                format!(
                    "{} at {}",
                    l.kind,
                    common::place(&checked.pack.sources, &l.span)
                )
            })
            .collect();
        assert!(
            warnings.is_empty(),
            "profile {profile}:\n{}",
            warnings.join("\n")
        );
    }
}

#[test]
fn each_lint_points_at_its_entry() {
    let at = |line_col: &str| format!("{DIR}/warnings.toml:{line_col}");
    assert_eq!(
        lints(&fixture_alone("warnings.toml")),
        vec![
            ("missing-help".to_string(), at("34:6")),
            ("default-hides-branch".to_string(), at("37:11")),
            ("long-label".to_string(), at("49:9")),
            ("missing-quote".to_string(), at("83:7")),
            ("missing-cite".to_string(), at("86:6")),
            ("status-in-text".to_string(), at("88:50")),
            ("status-in-text".to_string(), at("95:27")),
            ("member-name".to_string(), at("96:21")),
        ]
    );
}

#[test]
fn a_hidden_branch_names_the_statuses_and_the_answers_that_lead_there() {
    let checked = common::check(&fixture_alone("warnings.toml")).expect("loads");
    let hidden = checked
        .lints
        .iter()
        .find_map(|l| match &l.kind {
            LintKind::DefaultHidesBranch {
                question,
                default,
                node,
                status,
                hidden,
                ..
            } => Some((question, default, node, *status, hidden)),
            _ => None,
        })
        .expect("a hidden branch");
    let expected = vec![
        (Some(403), vec!["policy".to_string(), "legal".to_string()]),
        (Some(451), vec!["legal".to_string()]),
    ];
    assert_eq!(
        hidden,
        (
            &"blocked".to_string(),
            &"no".to_string(),
            &"withheld".to_string(),
            Some(200),
            &expected
        )
    );
}

#[test]
fn a_clean_pack_has_no_warnings() {
    assert_eq!(
        lints(&fixture_alone("clean.toml")),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn only_the_definition_that_survives_an_override_is_linted() {
    let sources = RuleSources {
        paths: vec![PathBuf::from(DIR).join("override.toml")],
        ..RuleSources::builtin()
    };
    let checked = common::check(&sources).expect("loads");
    let located: Vec<(String, String)> = checked
        .lints
        .iter()
        .map(|l| {
            (
                l.kind.name().to_string(),
                common::place(&checked.pack.sources, &l.span),
            )
        })
        .collect();
    assert_eq!(
        located,
        vec![(
            "missing-cite".to_string(),
            format!("{DIR}/override.toml:5:6")
        )]
    );
}

#[test]
fn codes_are_whole_three_digit_words_in_range() {
    assert_eq!(codes_in("answer 403, not 401."), vec![403, 401]);
    assert_eq!(codes_in("(409)"), vec![409]);
    assert_eq!(
        codes_in("v412 x412 412x 4120 2.412 412.5 4,120"),
        Vec::<u16>::new()
    );
    assert_eq!(codes_in("099 600 1000 12 MB"), Vec::<u16>::new());
    assert_eq!(codes_in("at 100 EUR"), vec![100]);
}

#[test]
fn the_command_prints_warnings_with_places_and_a_summary() {
    let output = httpadvise(&[
        "--no-builtin-rules",
        "--rules",
        "tests/fixtures/lint/warnings.toml",
        "rules",
        "check",
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("warning: the summary of outcome `unauthorized` names 403"),
        "{stdout}"
    );
    assert!(
        stdout.contains("--> tests/fixtures/lint/warnings.toml:88:50"),
        "{stdout}"
    );
    assert!(stdout.contains("^^^"), "{stdout}");
    assert!(stdout.ends_with("1 file checked: 8 warnings\n"), "{stdout}");
}

#[test]
fn a_clean_pack_says_so() {
    let output = httpadvise(&[
        "--no-builtin-rules",
        "--rules",
        "tests/fixtures/lint/clean.toml",
        "rules",
        "check",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "1 file checked: no problems\n");
}

#[test]
fn a_path_argument_is_checked_on_top_of_the_builtin_pack() {
    let output = httpadvise(&["rules", "check", "tests/fixtures/lint/override.toml"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("--> tests/fixtures/lint/override.toml:5:6"),
        "{stdout}"
    );
}

#[test]
fn load_errors_are_exactly_those_of_a_run() {
    let broken = "tests/fixtures/lint/broken.toml";
    let checked = httpadvise(&["rules", "check", broken]);
    let run = httpadvise(&["--rules", broken, "--payload-valid"]);
    assert_eq!(checked.status.code(), Some(78));
    assert_eq!(run.status.code(), Some(78));
    let stderr = text(&checked.stderr);
    assert!(
        stderr.contains("tests/fixtures/lint/broken.toml:6:1"),
        "{stderr}"
    );
    assert_eq!(stderr, text(&run.stderr));
    assert_eq!(text(&checked.stdout), "");
}
