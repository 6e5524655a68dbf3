//! Replays the saved fuzz inputs in `tests/fixtures/fuzz/` through the fuzz targets' own
//! checks (`fuzz/src/lib.rs`), so an input that once crashed, or was kept for its shape,
//! stays covered by `cargo test` without a nightly toolchain or libFuzzer.
//!
//! A file's name picks the target: `load-*` is a rule file, `answers-*` a command line
//! (arguments separated by NUL bytes), `fixture-*` a scenario fixture.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use httpadvise::error::Exit;
use httpadvise_rules::diagnostic::Kind;

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use fuzz_checks::{Loaded, Parsed};

const DIR: &str = "tests/fixtures/fuzz";

fn inputs(prefix: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(DIR)
        .expect("the fuzz fixtures folder")
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| file_name(path).starts_with(prefix))
        .map(|path| {
            let bytes = fs::read(&path).expect("a readable fixture");
            (path, bytes)
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no `{prefix}*` fixture in {DIR}");
    found
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The kinds and `file:line:col` places of every problem `text` has, loaded alone.
fn problems(text: &str) -> Vec<(Kind, Option<String>)> {
    let rejected = common::load_text(fuzz_checks::FILE_NAME, text).expect_err("rejected");
    rejected
        .diagnostics
        .iter()
        .map(|d| (d.kind.clone(), common::location(d, &rejected.sources)))
        .collect()
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(Path::new(DIR).join(name)).expect("a UTF-8 fixture")
}

#[test]
fn every_fixture_has_a_known_target() {
    for entry in fs::read_dir(DIR).expect("the fuzz fixtures folder") {
        let name = file_name(&entry.expect("a readable folder entry").path());
        assert!(
            ["load-", "answers-", "fixture-"]
                .iter()
                .any(|prefix| name.starts_with(prefix)),
            "{name}: a fixture must start with `load-`, `answers-` or `fixture-`, or it is \
             never replayed"
        );
    }
}

/// Every saved rule file loads or is rejected with at least one problem, and the fuzz
/// target's checks (walks, routes, rendered diagnostics, the command line) all hold.
#[test]
fn saved_rule_files_load_or_are_rejected_with_reasons() {
    for (path, bytes) in inputs("load-") {
        match fuzz_checks::load(&bytes) {
            Loaded::Pack => {}
            Loaded::Rejected(count) => assert!(count > 0, "{}", path.display()),
        }
    }
}

/// Every saved command line parses or is refused with clap's message, never a panic.
#[test]
fn saved_command_lines_parse_or_are_refused() {
    for (_, bytes) in inputs("answers-") {
        let _ = fuzz_checks::answers(&bytes);
    }
}

/// Every saved scenario fixture runs to a report whose totals and exit agree (the target's
/// own check), and these ends are the ones their cases call for.
#[test]
fn saved_fixtures_run_to_a_report_that_agrees_with_the_exit() {
    let expected = [
        ("fixture-names-other-layers.toml", Exit::Rules),
        ("fixture-not-utf8-wrong-types.toml", Exit::Rules),
        ("fixture-pass-and-fail.toml", Exit::Disagree),
    ];
    let saved = inputs("fixture-");
    assert_eq!(
        saved.len(),
        expected.len(),
        "a new fixture needs its expected exit here"
    );
    for ((path, bytes), (name, exit)) in saved.iter().zip(expected) {
        assert_eq!(file_name(path), name);
        assert_eq!(fuzz_checks::fixture(bytes), exit, "{name}");
    }
}

/// Found by the `load` harness: a yes/no question `x` also takes `--no-x`, but that flag
/// was never claimed, so a second question could take it and clap then failed to build the
/// command line. Now it is a located flag clash.
#[test]
fn a_derived_no_flag_taken_by_another_question_is_a_clash() {
    let text = fixture_text("load-derived-no-flag-taken-by-another-question.toml");
    let expected = vec![(
        Kind::FlagClash {
            flag: "no-x".into(),
            other: "a flag of question `x`".into(),
        },
        Some("fuzz.toml:17:6".into()),
    )];
    assert_eq!(problems(&text), expected);
}

/// The same hole let a question named `builtin-rules` take `--no-builtin-rules`.
#[test]
fn a_derived_no_flag_taken_by_a_built_in_option_is_a_clash() {
    let text = fixture_text("load-derived-no-flag-taken-by-a-built-in-option.toml");
    let expected = vec![(
        Kind::FlagClash {
            flag: "no-builtin-rules".into(),
            other: "a built-in option".into(),
        },
        Some("fuzz.toml:17:6".into()),
    )];
    assert_eq!(problems(&text), expected);
}

/// And a choice could take it as its own flag.
#[test]
fn a_derived_no_flag_taken_by_a_choice_flag_is_a_clash() {
    let text = fixture_text("load-derived-no-flag-taken-by-a-choice-flag.toml");
    let expected = vec![(
        Kind::FlagClash {
            flag: "no-x".into(),
            other: "a flag of question `x`".into(),
        },
        Some("fuzz.toml:24:8".into()),
    )];
    assert_eq!(problems(&text), expected);
}

/// A file cut off inside a string: the error points at the end of the file, and the
/// caret still sits on the last line.
#[test]
fn an_error_at_the_end_of_the_file_is_located_on_its_last_line() {
    let text = fixture_text("load-error-at-end-of-file.toml");
    let rejected = common::load_text("fuzz.toml", &text).expect_err("rejected");
    let [diagnostic] = rejected.diagnostics.as_slice() else {
        panic!("one problem expected: {:?}", rejected.diagnostics);
    };
    assert!(
        matches!(diagnostic.kind, Kind::Syntax { .. }),
        "{diagnostic:?}"
    );
    let location = common::location(diagnostic, &rejected.sources).expect("located");
    assert!(location.starts_with("fuzz.toml:7:"), "{location}");
    let rendered = httpadvise::output::diagnostics::rejected(&rejected);
    assert!(rendered.contains("prompt = \"Unfinished"), "{rendered}");
}

/// Columns count characters: the second `=` is the 18th character of its line (and its
/// 24th byte, since each emoji before it takes four).
#[test]
fn columns_after_multi_byte_characters_count_characters() {
    let text = fixture_text("load-multibyte-before-syntax-error.toml");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(matches!(found[0].0, Kind::Syntax { .. }), "{found:?}");
    assert_eq!(found[0].1.as_deref(), Some("fuzz.toml:8:18"));
}

#[test]
fn an_unknown_start_made_of_an_emoji_is_located() {
    let text = fixture_text("load-multibyte-unknown-start.toml");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        matches!(found[0].0, Kind::UnknownTarget { .. }),
        "{found:?}"
    );
    assert_eq!(found[0].1.as_deref(), Some("fuzz.toml:2:9"));
}

/// Lines end in CRLF: the location is the same as with LF, and the quoted line has no CR.
#[test]
fn crlf_line_endings_do_not_shift_locations() {
    let text = fixture_text("load-crlf-status-out-of-range.toml");
    let rejected = common::load_text("fuzz.toml", &text).expect_err("rejected");
    let status = rejected
        .diagnostics
        .iter()
        .find(|d| matches!(d.kind, Kind::StatusOutOfRange { status: 600 }))
        .expect("the status out of range is reported");
    assert_eq!(
        common::location(status, &rejected.sources).as_deref(),
        Some("fuzz.toml:5:8")
    );
    assert!(!httpadvise::output::diagnostics::rejected(&rejected).contains('\r'));
}

#[test]
fn a_file_that_is_not_utf8_is_a_read_error() {
    let bytes = fs::read(Path::new(DIR).join("load-not-utf8-truncated-sequence.toml"))
        .expect("the fixture");
    assert!(std::str::from_utf8(&bytes).is_err());
    // The fuzz check itself asserts the read error; this keeps the fixture honest.
    assert!(matches!(fuzz_checks::load(&bytes), Loaded::Rejected(_)));
}

#[test]
fn deeply_nested_inline_tables_are_a_located_schema_error() {
    let text = fixture_text("load-deeply-nested-inline-tables.toml");
    let found = problems(&text);
    assert!(!found.is_empty());
    assert!(found.iter().all(|(_, at)| at.is_some()), "{found:?}");
}

/// Deeper than any fixture: nesting must be refused or parsed, not overflow the stack.
#[test]
fn nesting_thousands_deep_does_not_overflow() {
    for depth in [1_000, 10_000] {
        let arrays = format!("a = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        assert!(matches!(
            fuzz_checks::load_text(&arrays),
            Loaded::Rejected(_)
        ));
        let tables = format!("a = {}1{}\n", "{ b = ".repeat(depth), " }".repeat(depth));
        assert!(matches!(
            fuzz_checks::load_text(&tables),
            Loaded::Rejected(_)
        ));
    }
}

/// Two misspelt ids of 20,000 characters each: the "did you mean" search compared them in
/// time quadratic in their length and took minutes to reject a 40 kB file. Names that long
/// now get no suggestion.
#[test]
fn long_misspelt_ids_are_rejected_quickly() {
    let (start, node) = ("a".repeat(20_000), "b".repeat(20_000));
    let text =
        format!("[pack]\nstart = \"{start}\"\n\n[[node]]\nid = \"{node}\"\nquestion = \"q\"\n");
    let started = Instant::now();
    assert!(matches!(fuzz_checks::load_text(&text), Loaded::Rejected(_)));
    assert!(started.elapsed() < Duration::from_secs(20));
    let unknown_start = problems(&text)
        .into_iter()
        .find_map(|(kind, _)| match kind {
            Kind::UnknownTarget { target, suggestion } if target == start => Some(suggestion),
            _ => None,
        });
    assert_eq!(unknown_start, Some(None));
}

/// A tree whose routes double at every node: the route search stops at its limit, and the
/// checks stay quick however many routes there are.
#[test]
fn a_tree_with_more_routes_than_the_limit_is_checked_quickly() {
    let levels = 40;
    let mut text = String::from(
        "[pack]\nstart = \"n0\"\n\n[[status]]\ncode = 400\nname = \"Bad Request\"\n\
         meaning = \"Wrong.\"\n\n[[outcome]]\nid = \"end\"\nstatus = 400\nsummary = \"End.\"\n\
         explanation = \"The end.\"\nretry = \"no\"\nnext-step = \"Stop.\"\n",
    );
    for i in 0..levels {
        let next = if i + 1 == levels {
            "end".to_string()
        } else {
            format!("n{}", i + 1)
        };
        text += &format!(
            "\n[[question]]\nid = \"q{i}\"\nkind = \"yes-no\"\nprompt = \"Q{i}?\"\n\n\
             [[node]]\nid = \"n{i}\"\nquestion = \"q{i}\"\non = {{ yes = \"{next}\", no = \"{next}\" }}\n"
        );
    }
    let started = Instant::now();
    assert_eq!(fuzz_checks::load_text(&text), Loaded::Pack);
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// The generated packs load, and everything the binary does with them holds.
#[test]
fn generated_packs_pass_every_check() {
    for text in [
        httpadvise_rules::generate::chain(1),
        httpadvise_rules::generate::chain(300),
        httpadvise_rules::generate::wide(50),
    ] {
        assert_eq!(fuzz_checks::load_text(&text), Loaded::Pack);
    }
}

#[test]
fn a_value_that_is_not_utf8_is_refused() {
    let bytes = fs::read(Path::new(DIR).join("answers-not-utf8-value")).expect("the fixture");
    assert_eq!(fuzz_checks::answers(&bytes), Parsed::Refused);
}

#[test]
fn a_rules_path_that_is_not_utf8_still_parses() {
    let bytes = fs::read(Path::new(DIR).join("answers-not-utf8-path")).expect("the fixture");
    assert_eq!(fuzz_checks::answers(&bytes), Parsed::Answers(2));
}

/// Answer flags after `rules graph` count, and the last of a question's flags wins.
#[test]
fn answer_flags_on_the_graph_subcommand_count() {
    let bytes =
        fs::read(Path::new(DIR).join("answers-graph-subcommand-flags")).expect("the fixture");
    assert_eq!(fuzz_checks::answers(&bytes), Parsed::Answers(2));
}

#[test]
fn help_after_a_bare_choice_flag_is_refused_with_the_help_text() {
    let bytes =
        fs::read(Path::new(DIR).join("answers-bare-choice-then-help")).expect("the fixture");
    assert_eq!(fuzz_checks::answers(&bytes), Parsed::Refused);
}

#[test]
fn the_built_in_pack_is_the_one_the_answers_target_parses_against() {
    let pack = fuzz_checks::builtin();
    assert!(pack.tree.question_id("payload").is_some());
    let bytes = fs::read(Path::new(DIR).join("answers-multibyte-value")).expect("the fixture");
    // Not `ID=VALUE` of any real answer, and as a command line not a known argument.
    assert_eq!(fuzz_checks::answers(&bytes), Parsed::Refused);
}
