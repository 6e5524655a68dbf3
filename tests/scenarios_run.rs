//! `httpadvise rules test`: the scenario files in `tests/scenarios/` all pass, the
//! built-in one covers every edge a request can take, and each kind of failing case fails
//! with exit code 1 and the place of the case.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use httpadvise::commands::test as scenario;
use httpadvise_rules::RuleSources;

const SCENARIOS: &str = "tests/scenarios";
const FAILING: &str = "tests/fixtures/scenarios";

fn rules_test(fixtures: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(["--no-config", "rules", "test"])
        .args(fixtures)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// The lines of the report that begin with `prefix`, without it.
fn lines_after<'a>(report: &'a str, prefix: &str) -> Vec<&'a str> {
    report
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(prefix))
        .collect()
}

#[test]
fn every_scenario_file_passes() {
    if !Path::new(SCENARIOS).is_dir() {
        eprintln!("{SCENARIOS} does not exist: nothing to run");
        return;
    }
    let files = toml_files(SCENARIOS);
    assert!(!files.is_empty(), "{SCENARIOS} holds no scenario files");
    let output = rules_test(&files);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    let last = report.lines().last().expect("a summary");
    assert!(last.ends_with(" passed, 0 failed"), "{report}");
    assert!(!report.contains("FAIL"), "{report}");
}

#[test]
fn the_builtin_scenarios_cover_every_edge_a_request_can_take() {
    let builtin = Path::new(SCENARIOS).join("builtin.toml");
    if !builtin.is_file() {
        eprintln!("{} does not exist yet", builtin.display());
        return;
    }
    let output = rules_test(&[builtin]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert_eq!(
        lines_after(&report, "uncovered: "),
        Vec::<&str>::new(),
        "{report}"
    );
    assert_eq!(
        lines_after(&report, "unreachable: "),
        IMPOSSIBLE.to_vec(),
        "{report}"
    );
}

/// The edges of the built-in tree that no consistent answers take: an answer an earlier
/// node already decided (a method the server does not implement ends at 501; OPTIONS and
/// TRACE skip the preconditions; the safe methods skip the state; content problems found
/// in the header fields end before the content is read).
const IMPOSSIBLE: [&str; 19] = [
    "missing-target: method=other -> not-found",
    "gone-target: method=other -> gone",
    "conditional-method: method=other -> preconditions",
    "if-none-match-method: method=options -> none-match-failed",
    "if-none-match-method: method=trace -> none-match-failed",
    "if-none-match-method: method=other -> none-match-failed",
    "if-modified-since-method: method=options -> required-precondition",
    "if-modified-since-method: method=trace -> required-precondition",
    "if-modified-since-method: method=other -> required-precondition",
    "content: payload=unsupported -> state-method",
    "content: payload=too-large -> state-method",
    "content: payload=missing -> state-method",
    "state-method: method=other -> state",
    "equivalent-method: method=get -> unchanged",
    "equivalent-method: method=head -> unchanged",
    "equivalent-method: method=options -> unchanged",
    "equivalent-method: method=trace -> unchanged",
    "equivalent-method: method=other -> unchanged",
    "success-method: method=other -> success",
];

#[test]
fn the_impossible_edges_are_those_an_earlier_node_decides() {
    let pack = common::load(&RuleSources::builtin()).expect("the built-in pack loads");
    let tree = &pack.tree;
    let (all, possible) = scenario::edges(tree);
    let possible = possible.expect("few enough routes to enumerate");
    let impossible: Vec<String> = all
        .iter()
        .filter(|e| !possible.contains(e))
        .map(|e| scenario::describe(tree, *e).to_string())
        .collect();
    assert_eq!(impossible, IMPOSSIBLE.to_vec());
}

/// Each failing fixture, the place its failure is reported at, and whether it runs and
/// disagrees (exit 1, one failed case) or cannot run at all (exit 78, a broken fixture).
const FAILURES: &[(&str, &str, bool)] = &[
    ("wrong-status.toml", "4:8: an invalid payload is 400", true),
    (
        "wrong-path.toml",
        "4:8: an invalid payload is decided at once",
        true,
    ),
    (
        "wrong-outcome.toml",
        "4:8: a duplicate is a state conflict",
        true,
    ),
    (
        "unknown-answer.toml",
        "5:47: `maybe` is not an answer to `precondition`",
        true,
    ),
    (
        "unknown-question.toml",
        "5:13: no question has the id `paylod`",
        true,
    ),
    ("open-question.toml", "5:8: nothing answered", true),
    (
        "bad-profile.toml",
        "2:11: no profile is named `zalandoo`",
        false,
    ),
    ("unknown-key.toml", "6:1: unknown field `expect`", false),
    (
        "broken-rules.toml",
        "2:10: the rules of this fixture did not load",
        false,
    ),
];

#[test]
fn each_failing_fixture_fails_at_its_place() {
    for (fixture, expected, runs) in FAILURES {
        let path = Path::new(FAILING).join(fixture);
        let output = rules_test(std::slice::from_ref(&path));
        let report = stdout(&output);
        let (code, last) = match runs {
            true => (1, "0 passed, 1 failed"),
            false => (78, "0 passed, 0 failed"),
        };
        assert_eq!(output.status.code(), Some(code), "{fixture}:\n{report}");
        let place = format!("{}:{expected}", path.display());
        assert!(
            report.contains(&place),
            "{fixture}: no `{place}` in\n{report}"
        );
        assert_eq!(report.lines().last(), Some(last), "{report}");
    }
}

#[test]
fn every_failing_fixture_is_listed() {
    let listed: Vec<&str> = FAILURES.iter().map(|(f, _, _)| *f).collect();
    for file in toml_files(FAILING) {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(
            listed.contains(&name) || name == "with-rules.toml",
            "{name} is in {FAILING} but not in FAILURES"
        );
    }
}

#[test]
fn a_failure_shows_what_was_expected_and_the_path_taken() {
    let output = rules_test(&[Path::new(FAILING).join("wrong-status.toml")]);
    let report = stdout(&output);
    assert!(report.contains("expected 400, got 422"), "{report}");
    assert!(
        report.contains("content-headers=invalid, negotiation=ok (default)"),
        "{report}"
    );
}

#[test]
fn a_fixture_loads_its_own_rules_relative_to_itself() {
    let output = rules_test(&[Path::new(FAILING).join("with-rules.toml")]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert_eq!(
        report.lines().last(),
        Some("1 passed, 0 failed"),
        "{report}"
    );
}

#[test]
fn failures_in_one_fixture_do_not_hide_the_others() {
    let files = [
        Path::new(FAILING).join("wrong-status.toml"),
        Path::new(FAILING).join("with-rules.toml"),
        Path::new(FAILING).join("bad-profile.toml"),
    ];
    let output = rules_test(&files);
    let report = stdout(&output);
    // The fixture that cannot run makes the whole run exit 78; the others still ran.
    assert_eq!(output.status.code(), Some(78), "{report}");
    assert!(report.contains("1 fixture could not run"), "{report}");
    assert_eq!(
        report.lines().last(),
        Some("1 passed, 1 failed"),
        "{report}"
    );
}

#[test]
fn a_folder_runs_its_scenario_files_in_name_order() {
    let by_folder = rules_test(&[PathBuf::from(SCENARIOS)]);
    let by_files = rules_test(&toml_files(SCENARIOS));
    let report = stdout(&by_folder);
    assert_eq!(by_folder.status.code(), Some(0), "{report}");
    assert!(!report.contains("ERROR"), "{report}");
    // The same fixtures, named the same way, in the same order: the same report.
    assert_eq!(report, stdout(&by_files));
}

#[test]
fn a_folder_runs_every_fixture_with_its_rules_relative_to_the_folder() {
    let output = rules_test(&[PathBuf::from(FAILING)]);
    let report = stdout(&output);
    // Its broken fixtures make the run exit 78; the others ran all the same.
    assert_eq!(output.status.code(), Some(78), "{report}");
    for (fixture, expected, _) in FAILURES {
        let place = format!("{}:{expected}", Path::new(FAILING).join(fixture).display());
        assert!(report.contains(&place), "no `{place}` in\n{report}");
    }
    let line = format!(
        "{folder}/with-rules.toml (profile zalando + {folder}/rules/duplicate-422.toml): \
         1 case, 1 passed, 0 failed",
        folder = FAILING
    );
    assert!(report.contains(&line), "no `{line}` in\n{report}");
    // Only passing cases count as coverage: the rfc fixtures here all fail.
    assert!(
        lines_after(&report, "profile rfc (")
            .iter()
            .any(|l| l.contains("): 0 of ")),
        "{report}"
    );
    let runs = FAILURES.iter().filter(|(_, _, runs)| *runs).count();
    assert_eq!(
        report.lines().last(),
        Some(format!("1 passed, {runs} failed").as_str()),
        "{report}"
    );
}

#[test]
fn an_empty_folder_is_a_fixture_that_cannot_run() {
    let empty =
        std::env::temp_dir().join(format!("httpadvise-no-scenarios-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("a temp folder");
    let output = rules_test(std::slice::from_ref(&empty));
    let _ = std::fs::remove_dir(&empty);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(78), "{report}");
    assert!(
        report.contains(&format!(
            "{}: the folder holds no `*.toml` scenario files",
            empty.display()
        )),
        "{report}"
    );
    assert_eq!(report.lines().last(), Some("0 passed, 0 failed"));
}

/// Coverage counts passing cases only, and every place that describes it says so.
#[test]
fn the_help_and_the_docs_say_coverage_counts_passing_cases() {
    let help = Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        .args(["--no-config", "rules", "test", "--help"])
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let help = stdout(&help);
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (name, text) in [
        ("rules test --help", help),
        ("README.md", read("README.md")),
        ("docs/rules.md", read("docs/rules.md")),
    ] {
        let text = words(&text);
        assert!(text.contains("no passing case took"), "{name}: {text}");
        for loose in ["no case took", "no scenario covered", "none of them covers"] {
            assert!(!text.contains(loose), "{name} says `{loose}`");
        }
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
