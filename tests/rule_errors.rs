//! Every kind of broken rule file, from a fixture: the kind of problem and its file:line:col.
//! Messages are free to change; kinds and places are the contract.

mod common;

use std::path::PathBuf;

use httpadvise_rules::diagnostic::Kind;
use httpadvise_rules::RuleSources;

const DIR: &str = "tests/fixtures/errors";

/// Loads one fixture (alone, or on top of the built-in pack) and returns every problem as
/// its kind and its `file:line:col`.
fn problems(fixture: &str, builtin: bool) -> Vec<(Kind, Option<String>)> {
    let path = PathBuf::from(DIR).join(fixture);
    let sources = RuleSources {
        builtin,
        paths: vec![path],
        ..RuleSources::default()
    };
    let rejected = common::load(&sources).expect_err("the fixture must not load");
    rejected
        .diagnostics
        .iter()
        .map(|d| (d.kind.clone(), common::location(d, &rejected.sources)))
        .collect()
}

/// The single problem a one-problem fixture has.
fn only(fixture: &str) -> (Kind, String) {
    let mut all = problems(fixture, false);
    assert_eq!(all.len(), 1, "{fixture}: {all:?}");
    let (kind, location) = all.remove(0);
    (kind, location.expect("a located problem"))
}

fn at(fixture: &str, line_col: &str) -> String {
    format!("{DIR}/{fixture}:{line_col}")
}

#[test]
fn the_valid_fixture_loads() {
    let sources = RuleSources {
        builtin: false,
        paths: vec![PathBuf::from(DIR).join("valid.toml")],
        ..RuleSources::default()
    };
    let pack = common::load(&sources).expect("valid.toml loads");
    assert_eq!(pack.tree.questions.len(), 1);
}

#[test]
fn toml_syntax() {
    let (kind, location) = only("syntax.toml");
    assert!(matches!(kind, Kind::Syntax { .. }), "{kind:?}");
    assert_eq!(location, at("syntax.toml", "2:13"));
}

#[test]
fn unknown_key() {
    let (kind, location) = only("unknown-key.toml");
    assert!(
        matches!(&kind, Kind::Schema { message }
            if message.starts_with("unknown field `promt`")
                && message.ends_with("; did you mean `prompt`?")),
        "{kind:?}"
    );
    assert_eq!(location, at("unknown-key.toml", "7:1"));
}

#[test]
fn node_pointing_nowhere_suggests_the_nearest_id() {
    let (kind, location) = only("unknown-target.toml");
    assert_eq!(
        kind,
        Kind::UnknownTarget {
            target: "bda".into(),
            suggestion: Some("bad".into())
        }
    );
    assert_eq!(location, at("unknown-target.toml", "18:14"));
}

#[test]
fn cycle_names_its_path() {
    let (kind, location) = only("cycle.toml");
    assert_eq!(
        kind,
        Kind::Cycle {
            path: vec!["ask".into(), "again".into(), "ask".into()],
            hidden: 0
        }
    );
    assert_eq!(location, at("cycle.toml", "23:14"));
}

#[test]
fn unreachable_outcome() {
    let (kind, location) = only("unreachable.toml");
    assert_eq!(
        kind,
        Kind::Unreachable {
            id: "orphan".into()
        }
    );
    assert_eq!(location, at("unreachable.toml", "29:6"));
}

#[test]
fn duplicate_id() {
    let (kind, location) = only("duplicate-id.toml");
    assert_eq!(
        kind,
        Kind::DuplicateId {
            table: "node",
            id: "ask".into()
        }
    );
    assert_eq!(location, at("duplicate-id.toml", "21:6"));
}

#[test]
fn flag_clashes_with_a_built_in_option_and_with_another_question() {
    let all = problems("flag-clash.toml", false);
    let expected = vec![
        (
            Kind::FlagClash {
                flag: "format".into(),
                other: "a built-in option".into(),
            },
            Some(at("flag-clash.toml", "16:6")),
        ),
        (
            Kind::FlagClash {
                flag: "broken".into(),
                other: "a flag of question `broken`".into(),
            },
            Some(at("flag-clash.toml", "24:8")),
        ),
    ];
    assert_eq!(all, expected);
}

#[test]
fn status_outside_the_range() {
    let (kind, location) = only("status-range.toml");
    assert_eq!(kind, Kind::StatusOutOfRange { status: 700 });
    assert_eq!(location, at("status-range.toml", "22:10"));
}

#[test]
fn status_without_a_name() {
    let (kind, location) = only("unnamed-status.toml");
    assert_eq!(kind, Kind::UnnamedStatus { status: 418 });
    assert_eq!(location, at("unnamed-status.toml", "22:10"));
}

#[test]
fn unknown_answer_and_an_answer_left_without_a_branch() {
    let all = problems("uncovered.toml", false);
    let expected = vec![
        (
            Kind::Uncovered {
                node: "ask".into(),
                answers: vec!["no".into()],
            },
            Some(at("uncovered.toml", "16:6")),
        ),
        (
            Kind::UnknownAnswer {
                question: "broken".into(),
                answer: "maybe".into(),
                valid: vec!["yes".into(), "no".into()],
            },
            Some(at("uncovered.toml", "18:21")),
        ),
    ];
    assert_eq!(all, expected);
}

#[test]
fn unknown_question_is_reported_once_without_cascading() {
    let (kind, location) = only("unknown-question.toml");
    assert_eq!(
        kind,
        Kind::UnknownQuestion {
            question: "brokn".into(),
            suggestion: Some("broken".into())
        }
    );
    assert_eq!(location, at("unknown-question.toml", "17:12"));
}

#[test]
fn default_that_is_not_an_answer() {
    let (kind, location) = only("bad-default.toml");
    assert!(
        matches!(&kind, Kind::UnknownAnswer { answer, .. } if answer == "badly"),
        "{kind:?}"
    );
    assert_eq!(location, at("bad-default.toml", "14:11"));
}

#[test]
fn override_of_nothing_on_top_of_the_built_in_pack() {
    let all = problems("override-of-nothing.toml", true);
    assert_eq!(
        all,
        vec![(
            Kind::OverrideOfNothing {
                table: "node",
                id: "no-such-node".into()
            },
            Some(at("override-of-nothing.toml", "2:6")),
        )]
    );
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let all = problems("many-problems.toml", false);
    let expected = vec![
        (
            Kind::UnknownTarget {
                target: "nowhere".into(),
                suggestion: None,
            },
            Some(at("many-problems.toml", "19:14")),
        ),
        (
            Kind::StatusOutOfRange { status: 99 },
            Some(at("many-problems.toml", "23:10")),
        ),
        (
            Kind::EmptyText { field: "summary" },
            Some(at("many-problems.toml", "24:11")),
        ),
    ];
    assert_eq!(all, expected);
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let paths = ["syntax.toml", "unknown-key.toml"].map(|f| PathBuf::from(DIR).join(f));
    let sources = RuleSources {
        builtin: false,
        paths: paths.to_vec(),
        ..RuleSources::default()
    };
    let rejected = common::load(&sources).expect_err("must not load");
    let kinds: Vec<_> = rejected
        .diagnostics
        .iter()
        .map(|d| common::location(d, &rejected.sources))
        .collect();
    assert_eq!(
        kinds,
        vec![
            Some(at("syntax.toml", "2:13")),
            Some(at("unknown-key.toml", "7:1"))
        ]
    );
}

#[test]
fn unreadable_paths_are_named() {
    let cases = [
        ("not-utf8.toml", "not UTF-8"),
        ("no-such-file.toml", "no such file"),
    ];
    for (fixture, reason_part) in cases {
        let all = problems(fixture, false);
        assert_eq!(all.len(), 1, "{fixture}: {all:?}");
        let (kind, location) = &all[0];
        assert!(
            matches!(kind, Kind::Read { path, reason } if path.ends_with(fixture) && reason.contains(reason_part)),
            "{fixture}: {kind:?}"
        );
        assert_eq!(location, &None);
    }
}

#[test]
fn an_empty_file_is_a_pack_without_a_start() {
    let all = problems("empty.toml", false);
    assert_eq!(all, vec![(Kind::NoStart, None)]);
}

#[test]
fn a_folder_without_rule_files_is_an_error() {
    let empty = std::env::temp_dir().join(format!("httpadvise-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp folder");
    let sources = RuleSources {
        builtin: true,
        paths: vec![empty.clone()],
        ..RuleSources::default()
    };
    let rejected = common::load(&sources).expect_err("must not load");
    let _ = std::fs::remove_dir(&empty);
    assert!(
        matches!(&rejected.diagnostics[..], [d] if matches!(&d.kind, Kind::Read { reason, .. } if reason.contains("no `*.toml`"))),
        "{:?}",
        rejected.diagnostics
    );
}

#[test]
fn the_binary_shows_the_place_with_a_caret_and_exits_78() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args([
            "--no-builtin-rules",
            "--rules",
            &format!("{DIR}/unknown-target.toml"),
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    let expected = format!(
        "error: `bda` is neither a node nor an outcome; did you mean `bad`?\n  \
         --> {DIR}/unknown-target.toml:18:14\n   |\n18 | on = {{ yes = \"bda\", no = \"bad\" }}\n   |              ^^^^^\n"
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
}

#[test]
fn a_position_at_an_outcome_that_does_not_exist_is_located() {
    let all = problems("position-unknown-outcome.toml", true);
    assert_eq!(
        all,
        vec![(
            Kind::UnknownOutcome {
                outcome: "invalid-contnet".into(),
                suggestion: Some("invalid-content".into())
            },
            Some(at("position-unknown-outcome.toml", "3:11")),
        )]
    );
}

#[test]
fn profile_outside_the_house_rules_is_located() {
    let all = problems("profile-outside-house-rules.toml", true);
    assert_eq!(
        all,
        vec![(
            Kind::ProfileOutsideHouseRules,
            Some(at("profile-outside-house-rules.toml", "2:11"))
        )]
    );
}

#[test]
fn a_dangling_override_is_one_problem_not_everything_it_cut_off() {
    let all = problems("dangling-override.toml", true);
    assert_eq!(
        all,
        vec![(
            Kind::UnknownTarget {
                target: "state-methd".into(),
                suggestion: Some("state-method".into())
            },
            Some(at("dangling-override.toml", "7:8")),
        )]
    );
}

/// A value of the wrong type is a schema problem, said in TOML's words (integer, array,
/// table), never in the Rust type names serde knows them by.
#[test]
fn wrong_types_are_named_in_toml_words() {
    let cases = [
        (
            "[[question]]\nid = \"q\"\nprompt = \"Q?\"\nkind = 5\n",
            "expected a string or a table",
            "4:8",
        ),
        (
            "[[status]]\ncode = \"405\"\nname = \"x\"\nmeaning = \"y\"\n",
            "invalid type: string \"405\", expected an integer",
            "2:8",
        ),
        (
            "[[outcome]]\nid = \"x\"\ncite = 5\n",
            "invalid type: integer `5`, expected an array",
            "3:8",
        ),
        (
            "[[node]]\nid = \"x\"\non = \"y\"\n",
            "invalid type: string \"y\", expected a table",
            "3:6",
        ),
        (
            "[[outcome]]\nid = \"x\"\ncite = [5]\n",
            "invalid type: integer `5`, expected a table",
            "3:9",
        ),
    ];
    for (text, message, line_col) in cases {
        let rejected = common::load_text("t.toml", text).expect_err("rejected");
        let found: Vec<(Kind, Option<String>)> = rejected
            .diagnostics
            .iter()
            .map(|d| (d.kind.clone(), common::location(d, &rejected.sources)))
            .collect();
        let expected = (
            Kind::Schema {
                message: message.to_string(),
            },
            Some(format!("t.toml:{line_col}")),
        );
        assert_eq!(found, [expected], "{text}");
    }
}

#[test]
fn ids_are_names_links_are_web_addresses_and_allow_names_lints() {
    let found = problems("names.toml", false);
    let kinds: Vec<(&str, String)> = found
        .iter()
        .map(|(kind, location)| {
            let name = match kind {
                Kind::GuideOutsideProfile => "guide",
                Kind::BadId { table, .. } => table,
                Kind::UnknownLint { .. } => "lint",
                Kind::BadUrl { .. } => "url",
                other => panic!("unexpected {other:?}"),
            };
            (name, location.clone().expect("located"))
        })
        .collect();
    let at = |line_col| at("names.toml", line_col);
    assert_eq!(
        kinds,
        [
            ("guide", at("6:1")),
            ("question", at("18:6")),
            ("lint", at("23:10")),
            ("choice", at("26:6")),
            ("node", at("34:6")),
            ("url", at("45:36")),
        ]
    );
    let suggested = found.iter().any(|(kind, _)| {
        matches!(kind, Kind::UnknownLint { suggestion: Some(s), .. } if s == "default-hides-branch")
    });
    assert!(suggested, "{found:?}");
}

#[test]
fn a_duplicate_id_points_at_its_first_definition_too() {
    let path = PathBuf::from(DIR).join("duplicate-id.toml");
    let sources = RuleSources {
        builtin: false,
        paths: vec![path],
        ..RuleSources::default()
    };
    let rejected = common::load(&sources).expect_err("must not load");
    let duplicate = rejected
        .diagnostics
        .iter()
        .find(|d| matches!(d.kind, Kind::DuplicateId { .. }))
        .expect("a duplicate");
    let first = duplicate
        .first
        .as_ref()
        .expect("the first definition's place");
    let second = duplicate.span.as_ref().expect("located");
    assert!(first.range.start < second.range.start, "{duplicate:?}");
    let shown = httpadvise::output::diagnostics::rejected(&rejected);
    assert!(shown.contains("first defined here"), "{shown}");
}

/// Thirty copies of one mistake: every one is found, the first twenty are shown, and the
/// rest are counted under the file's name.
#[test]
fn a_file_of_many_problems_shows_twenty_and_counts_the_rest() {
    let path = std::env::temp_dir().join(format!("httpadvise-many-{}.toml", std::process::id()));
    std::fs::write(&path, httpadvise_rules::generate::misspelt(30)).expect("written");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(["--no-config", "--no-builtin-rules", "--rules"])
        .arg(&path)
        .args(["rules", "check"])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let _ = std::fs::remove_file(&path);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    assert_eq!(stderr.matches("error: ").count(), 20, "{stderr}");
    assert!(
        stderr.contains(&format!("… and 10 more problems in {}", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("the rules did not load: 30 problems\n"),
        "{stderr}"
    );
}

/// A pack of two statuses and one question that others append to, for checks too small
/// for a fixture file of their own.
const SMALL: &str = r#"
[pack]
start = "ok"

[[status]]
code = 200
name = "OK"
meaning = "Fine."

[[status]]
code = 400
name = "Bad Request"
meaning = "Wrong."

[[outcome]]
id = "ok"
status = 200
summary = "Fine."
explanation = "Fine."
retry = "not-needed"
next-step = "Nothing."
"#;

/// The kinds of problem of `SMALL` with `more` after it.
fn small_with(more: &str) -> Vec<Kind> {
    match common::load_text("small.toml", &format!("{SMALL}{more}")) {
        Ok(_) => Vec::new(),
        Err(rejected) => rejected.diagnostics.into_iter().map(|d| d.kind).collect(),
    }
}

/// A flag is a name like an id: at most 64 characters. A longer one once reached clap,
/// whose short help panicked on it.
#[test]
fn a_flag_longer_than_an_id_is_refused() {
    let flag = "a".repeat(65);
    let kinds = small_with(&format!(
        "\n[[question]]\nid = \"q\"\nkind = \"choice\"\nprompt = \"?\"\n\n[[question.choice]]\nid = \"a\"\nlabel = \"A\"\nflag = \"{flag}\"\n\n[[question.choice]]\nid = \"b\"\nlabel = \"B\"\n"
    ));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, Kind::BadFlagName { flag: f } if f.len() == 65)),
        "{kinds:?}"
    );
}

/// A contrast tells two codes apart; one code twice is a mistake, located.
#[test]
fn a_contrast_of_a_code_with_itself_is_refused() {
    let kinds = small_with(
        "\n[[contrast]]\na = 400\nb = 400\ntest = \"?\"\nwhen-a = \"a\"\nwhen-b = \"b\"\n",
    );
    assert_eq!(kinds, vec![Kind::ContrastWithItself { code: 400 }]);
}

/// An outcome has a status, or sends the stored response; not both, not neither.
#[test]
fn an_outcome_says_its_status_or_that_it_replays_a_stored_response() {
    let stored = "\n[[outcome]]\nid = \"again\"\nstored-response = true\nsummary = \"s\"\nexplanation = \"e\"\nretry = \"not-needed\"\nnext-step = \"n\"\n";
    let both = stored.replace(
        "stored-response = true",
        "stored-response = true\nstatus = 200",
    );
    let neither = stored.replace("stored-response = true\n", "");
    // Unreached but valid: the only problem is that nothing leads to it.
    assert!(
        matches!(&small_with(stored)[..], [Kind::Unreachable { .. }]),
        "{:?}",
        small_with(stored)
    );
    assert_eq!(small_with(&both), vec![Kind::StatusOrStored { both: true }]);
    assert_eq!(
        small_with(&neither),
        vec![Kind::StatusOrStored { both: false }]
    );
}

/// Family questions must have defaults, and belong to one family.
#[test]
fn a_family_question_needs_a_default_and_one_family() {
    let question = "\n[[question]]\nid = \"q\"\nkind = \"yes-no\"\nprompt = \"?\"\n";
    let family = |id: &str| {
        format!(
            "\n[[family]]\nid = \"{id}\"\nlabel = \"L\"\nassumed = \"fine\"\nquestions = [\"q\"]\n"
        )
    };
    let kinds = small_with(&format!("{question}{}", family("f")));
    assert!(
        kinds.contains(&Kind::FamilyWithoutDefault {
            question: "q".into()
        }),
        "{kinds:?}"
    );
    let defaulted = question.replace("prompt", "default = \"no\"\nprompt");
    let kinds = small_with(&format!("{defaulted}{}{}", family("f"), family("g")));
    assert!(
        kinds.contains(&Kind::InTwoFamilies {
            question: "q".into(),
            other: "f".into()
        }),
        "{kinds:?}"
    );
}
