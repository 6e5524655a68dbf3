//! `--format markdown` through the real binary: the comment against committed snapshots,
//! with and without its diagram, never an ANSI code, the `--expect` verdict, and prose that
//! would otherwise render as Markdown.
//!
//! The snapshots are plain files in tests/snapshots/. When the output changes on purpose,
//! rewrite them with `UPDATE_SNAPSHOTS=1 cargo test --test markdown` and review the diff.

mod common;

use common::assert_snapshot;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The snapshots show a small pack of their own, so that a change to the built-in rules
/// does not rewrite them; `credentials` is left open, so its default is assumed.
const ANSWERS: [&str; 6] = [
    "--no-builtin-rules",
    "--rules",
    "tests/fixtures/snapshot/pack.toml",
    "--format",
    "markdown",
    "--widget=nonsense",
];

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_httpadvise"));
    // A house rules file above the checkout must not change the advice.
    command
        .arg("--no-config")
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    command
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("the comment is UTF-8")
}

/// The comment for `args`, which must give advice (exit 0).
fn markdown(args: &[&str]) -> String {
    let output = command(args).output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "httpadvise failed: {stderr}");
    stdout(&output)
}

#[test]
fn the_comment_matches_its_snapshot() {
    assert_snapshot("markdown.md", &markdown(&ANSWERS));
}

#[test]
fn the_comment_without_its_diagram_matches_its_snapshot() {
    let mut args = ANSWERS.to_vec();
    args.push("--no-diagram");
    let comment = markdown(&args);
    assert!(!comment.contains("```mermaid"), "{comment}");
    assert_snapshot("markdown-no-diagram.md", &comment);
}

#[test]
fn the_diagram_draws_the_path_and_its_outcome_only() {
    let comment = markdown(&ANSWERS);
    let chart = comment
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("a mermaid block");
    assert!(chart.starts_with("flowchart TD\n"), "{chart}");
    let boxes: Vec<&str> = chart
        .lines()
        .filter(|l| l.contains("[\""))
        .filter_map(|l| l.trim().split(['[', '(']).next())
        .collect();
    assert_eq!(boxes, ["n0_authentication", "n1_content", "n2_nonsense"]);
    // The first answer was the question's default: its edge is drawn dashed.
    assert!(chart.contains("linkStyle 0 stroke-dasharray"), "{chart}");
}

#[test]
fn no_ansi_code_even_when_color_is_forced() {
    let mut args = ANSWERS.to_vec();
    args.extend(["--color", "always"]);
    let output = command(&args)
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    assert!(!output.stdout.contains(&0x1b), "{}", stdout(&output));
}

#[test]
fn a_wrong_expectation_exits_1_and_says_what_the_rules_recommend() {
    let mut args = ANSWERS.to_vec();
    args.extend(["--expect", "409"]);
    let output = command(&args).output().expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    let comment = stdout(&output);
    let verdict =
        "> **Expected 409 Conflict: the rules recommend 422 Unprocessable Content instead.**";
    // The verdict comes first: it is what the reader asked.
    assert!(comment.starts_with(verdict), "{comment}");
    assert!(comment.contains("> 409 would fit if:"), "{comment}");
}

#[test]
fn a_right_expectation_exits_0_and_says_so() {
    let mut args = ANSWERS.to_vec();
    args.extend(["--expect", "422"]);
    let comment = markdown(&args);
    assert!(
        comment.contains("Expected 422 Unprocessable Content: the rules agree."),
        "{comment}"
    );
}

/// A pack whose prose is full of Markdown: it must come out as the text it is.
const MARKDOWN_PROSE: &str = r##"
[pack]
start = "ask"

[[status]]
code = 403
name = "Forbidden"
meaning = "Refused."

[[question]]
id = "sure"
kind = "yes-no"
prompt = "# Is it *sure*?"
help = "Help."

[[node]]
id = "ask"
question = "sure"
on = { yes = "refused", no = "refused" }

[[outcome]]
id = "refused"
status = 403
summary = "Not *emphasis*, not [a link](https://example.com), not <b>a tag</b>; `code_kept*` and snake_case stay."
explanation = """
1. not a list

- not a list either"""
retry = "no"
next-step = "Stop."
"##;

fn prose_pack() -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("httpadvise-markdown-{}.toml", std::process::id()));
    std::fs::write(&path, MARKDOWN_PROSE).expect("writes the pack");
    path
}

#[test]
fn prose_is_escaped_where_markdown_would_read_it() {
    let pack = prose_pack();
    let pack_arg = pack.to_str().expect("a UTF-8 temp path");
    let comment = markdown(&[
        "--no-builtin-rules",
        "--rules",
        pack_arg,
        "--sure",
        "--format",
        "markdown",
    ]);
    std::fs::remove_file(&pack).ok();
    let expected = [
        r"Not \*emphasis\*, not [a link\](https://example.com), not \<b>a tag\</b>; `code_kept*` and snake_case stay.",
        r"1. \# Is it \*sure\*? → **yes**",
        r"1\. not a list",
        r"\- not a list either",
    ];
    for line in expected {
        assert!(
            comment.lines().any(|l| l == line),
            "no line `{line}` in:\n{comment}"
        );
    }
}

/// The README shows a profile comparison as this command prints it; it must not drift.
#[test]
fn the_readme_comparison_table_is_the_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let start = readme
        .find("| Profile | Status |")
        .expect("the README's comparison table");
    let table = &readme[start..];
    let table = &table[..table.find("\n\n").expect("the table ends")];
    let actual = markdown(&[
        "--payload-invalid",
        "--compare-profiles",
        "--format",
        "markdown",
    ]);
    assert_eq!(actual.trim_end(), table);
}

#[test]
fn an_expectation_that_fits_as_well_says_which_code_is_recommended() {
    let comment = markdown(&[
        "--format",
        "markdown",
        "--method=put",
        "--conflict=equivalent",
        "--expect",
        "204",
    ]);
    assert!(
        comment.starts_with(
            "> **Expected 204 No Content: the rules agree: it fits as well as the 200 OK they \
             recommend.**\n"
        ),
        "{comment}"
    );
}
