//! `rules graph` through the real binary: the DOT and Mermaid drawings against committed
//! snapshots, the highlighted edges and boxes against the path the answers take, labels
//! that need escaping, and the DOT through Graphviz itself.
//!
//! The snapshots are plain files in tests/snapshots/. When the drawing changes on purpose,
//! rewrite them with `UPDATE_SNAPSHOTS=1 cargo test --test graph` and review the diff.

use std::io::Write;
mod common;

use common::assert_snapshot;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The snapshots draw a small pack of their own, so that a change to the built-in rules
/// does not rewrite them.
const PACK: [&str; 3] = [
    "--no-builtin-rules",
    "--rules",
    "tests/fixtures/snapshot/pack.toml",
];

/// The answers drawn; `credentials` is left open, so its default decides the first step.
const ANSWERS: [&str; 1] = ["--widget=nonsense"];

/// The edges those answers walk, by rule id.
const PATH: [(&str, &str); 2] = [("authentication", "content"), ("content", "nonsense")];

/// The fill every highlighted box gets, in both languages.
const WALKED_FILL: &str = "#fff3c4";

fn httpadvise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpadvise"))
        // A house rules file above the checkout must not change the drawing.
        .arg("--no-config")
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the binary runs")
}

/// The drawing of the snapshot pack for `answers` in `format`, which must succeed.
fn graph(format: &str, answers: &[&str]) -> String {
    let mut args = PACK.to_vec();
    args.extend_from_slice(answers);
    drawing(format, &args)
}

/// The drawing for `args` in `format`, which must succeed.
fn drawing(format: &str, args: &[&str]) -> String {
    let mut all = vec!["rules", "graph", "--format", format];
    all.extend_from_slice(args);
    let output = httpadvise(&all);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "rules graph failed: {stderr}");
    String::from_utf8(output.stdout).expect("the drawing is UTF-8")
}

/// `(from, to)` of every DOT edge whose line `pick` selects.
fn dot_edges(dot: &str, pick: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    dot.lines()
        .filter(|line| line.contains("\" -> \"") && pick(line))
        .map(|line| {
            let ids: Vec<&str> = line.split('"').collect();
            (ids[1].to_string(), ids[3].to_string())
        })
        .collect()
}

/// The DOT ids of the boxes drawn highlighted.
fn dot_walked_boxes(dot: &str) -> Vec<String> {
    dot.lines()
        .filter(|line| !line.contains(" -> ") && line.contains(WALKED_FILL))
        .map(|line| line.split('"').nth(1).expect("a quoted id").to_string())
        .collect()
}

/// Mermaid edges as `(from, to)`, each id stripped of its position prefix (`n3_`).
fn mermaid_edges(mermaid: &str) -> Vec<(String, String)> {
    let unprefixed = |id: &str| id.split_once('_').expect("a prefixed id").1.to_string();
    mermaid
        .lines()
        .filter(|line| line.contains(" -->"))
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let to = words.last().expect("a target");
            (unprefixed(words[0]), unprefixed(to))
        })
        .collect()
}

/// The edges the `linkStyle` line with `style` applies to, by position.
fn mermaid_styled_edges(mermaid: &str, style: &str) -> Vec<usize> {
    let Some(line) = mermaid
        .lines()
        .find(|l| l.trim_start().starts_with("linkStyle") && l.contains(style))
    else {
        return Vec::new();
    };
    let indices = line.split_whitespace().nth(1).expect("edge positions");
    indices
        .split(',')
        .map(|i| i.parse().expect("a position"))
        .collect()
}

/// The rule ids as Mermaid writes them after the position prefix.
fn slug(id: &str) -> String {
    id.replace('-', "_")
}

#[test]
fn the_dot_drawing_matches_its_snapshot() {
    assert_snapshot("graph.dot", &graph("dot", &ANSWERS));
}

#[test]
fn the_mermaid_drawing_matches_its_snapshot() {
    assert_snapshot("graph.mmd", &graph("mermaid", &ANSWERS));
}

#[test]
fn dot_highlights_exactly_the_path() {
    let dot = graph("dot", &ANSWERS);
    let walked = dot_edges(&dot, |line| line.contains("penwidth=3"));
    let expected: Vec<(String, String)> = PATH
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(walked, expected);
    let boxes = dot_walked_boxes(&dot);
    assert_eq!(boxes, ["authentication", "content", "nonsense"]);
}

#[test]
fn mermaid_highlights_exactly_the_path() {
    let mermaid = graph("mermaid", &ANSWERS);
    let edges = mermaid_edges(&mermaid);
    let walked: Vec<(String, String)> = mermaid_styled_edges(&mermaid, "stroke-width:3px")
        .into_iter()
        .map(|i| edges[i].clone())
        .collect();
    let expected: Vec<(String, String)> = PATH.iter().map(|(a, b)| (slug(a), slug(b))).collect();
    assert_eq!(walked, expected);
    let boxes = mermaid.lines().filter(|l| l.ends_with(":::walked")).count();
    assert_eq!(boxes, 3, "the two nodes and the outcome:\n{mermaid}");
}

#[test]
fn every_node_outcome_and_edge_is_drawn_once() {
    let dot = graph("dot", &[]);
    let mermaid = graph("mermaid", &[]);
    let boxes = dot
        .lines()
        .filter(|l| l.contains("[label=") && !l.contains(" -> "))
        .count();
    let mermaid_boxes = mermaid
        .lines()
        .filter(|l| l.contains("[\"") || l.contains("([\""))
        .count();
    assert_eq!(boxes, mermaid_boxes);
    assert_eq!(
        dot_edges(&dot, |_| true).len(),
        mermaid_edges(&mermaid).len()
    );
    // Answers that share a target (here through `else`) make one edge, labelled with all.
    assert!(dot.contains("\"content\" -> \"ok\" [label=\"fine | absent\"]"));
    assert!(
        mermaid.contains("-->|\"fine | absent\"| n2_ok"),
        "{mermaid}"
    );
}

#[test]
fn nothing_is_highlighted_without_answers() {
    assert!(!graph("dot", &[]).contains(WALKED_FILL));
    let mermaid = graph("mermaid", &[]);
    assert!(!mermaid.contains("linkStyle"));
    assert!(!mermaid.contains(":::walked"));
}

/// A pack of its own: ids Mermaid would misread (`end`, an `o` after an arrow) and
/// prompts with quotes, a backslash, `#` and a tag. Its questions have no defaults, so
/// one answer walks part of the way.
const AWKWARD_PACK: &str = r##"
[pack]
start = "end"

[[status]]
code = 200
name = "OK"
meaning = "Fine."

[[status]]
code = 403
name = "Forbidden"
meaning = "Refused."

[[question]]
id = "first"
kind = "yes-no"
prompt = 'Is "it" at C:\dir, issue #1, <b>bold</b>?'
help = "Help."

[[question]]
id = "second"
kind = "yes-no"
prompt = 'And a second \"question\"?'
help = "Help."

[[node]]
id = "end"
question = "first"
on = { yes = "o-second", no = "ok" }

[[node]]
id = "o-second"
question = "second"
on = { yes = "ok", no = "refused" }

[[outcome]]
id = "ok"
status = 200
summary = "Fine."
explanation = "Fine."
retry = "not-needed"
next-step = "Nothing."

[[outcome]]
id = "refused"
status = 403
summary = "Refused."
explanation = "Refused."
retry = "no"
next-step = "Stop."
"##;

/// Writes the awkward pack to a file of this test run and returns its path.
fn awkward_pack(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "httpadvise-graph-{}-{name}.toml",
        std::process::id()
    ));
    std::fs::write(&path, AWKWARD_PACK).expect("writes the pack");
    path
}

fn awkward_graph(format: &str, name: &str, answers: &[&str]) -> String {
    let pack = awkward_pack(name);
    let pack_arg = pack.to_str().expect("a UTF-8 temp path");
    let mut args = vec!["--no-builtin-rules", "--rules", pack_arg];
    args.extend_from_slice(answers);
    let drawn = drawing(format, &args);
    std::fs::remove_file(&pack).ok();
    drawn
}

#[test]
fn a_partial_walk_is_highlighted_as_far_as_it_goes() {
    let dot = awkward_graph("dot", "partial-dot", &["--first"]);
    let walked = dot_edges(&dot, |line| line.contains("penwidth=3"));
    assert_eq!(walked, [("end".to_string(), "o-second".to_string())]);
    assert_eq!(dot_walked_boxes(&dot), ["end", "o-second"]);
    let mermaid = awkward_graph("mermaid", "partial-mermaid", &["--first"]);
    assert_eq!(mermaid_styled_edges(&mermaid, "stroke-width:3px"), [0]);
    assert_eq!(
        mermaid.lines().filter(|l| l.ends_with(":::walked")).count(),
        2
    );
}

#[test]
fn dot_labels_escape_quotes_and_backslashes() {
    let dot = awkward_graph("dot", "escape-dot", &[]);
    // The prompt wraps after "issue #1,".
    assert!(dot.contains(r#"Is \"it\" at C:\\dir, issue #1,"#), "{dot}");
    assert!(dot.contains("<b>bold</b>?"), "{dot}");
    assert!(dot.contains(r#"And a second \\\"question\\\"?"#), "{dot}");
}

#[test]
fn mermaid_ids_are_plain_and_labels_escaped() {
    let mermaid = awkward_graph("mermaid", "escape-mermaid", &[]);
    for (from, to) in mermaid_edges(&mermaid) {
        for id in [from, to] {
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
        }
    }
    assert!(mermaid.starts_with("flowchart TD\n"));
    assert!(
        mermaid.contains(r#"n0_end["end<br/>Is #quot;it#quot; at C:\dir, issue #35;1,"#),
        "{mermaid}"
    );
    assert!(mermaid.contains("#lt;b#gt;bold#lt;/b#gt;?"), "{mermaid}");
    assert!(mermaid.contains(r"\#quot;question\#quot;?"), "{mermaid}");
    for line in mermaid.lines().filter(|l| l.contains("[\"")) {
        assert_eq!(
            line.matches('"').count(),
            2,
            "a quote left in a label: {line}"
        );
        assert!(
            !line.replace("<br/>", "").contains('<'),
            "a tag left in a label: {line}"
        );
    }
}

fn graphviz_installed() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Graphviz must accept both drawings; CI installs it, so there it cannot be skipped.
#[test]
fn graphviz_renders_the_dot_drawings() {
    if !graphviz_installed() {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !in_ci,
            "Graphviz `dot` is missing in CI: .ci/run installs it"
        );
        eprintln!("note: Graphviz `dot` is not installed, so the DOT output was not rendered (apt-get install graphviz)");
        return;
    }
    for dot in [
        graph("dot", &ANSWERS),
        awkward_graph("dot", "graphviz", &["--first"]),
    ] {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dot starts");
        child
            .stdin
            .take()
            .expect("a stdin")
            .write_all(dot.as_bytes())
            .expect("dot reads");
        let output = child.wait_with_output().expect("dot ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "dot failed: {stderr}\n{dot}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
    }
}

#[test]
fn a_highlight_that_stops_short_says_where_on_stderr() {
    let args = [&PACK[..], &["rules", "graph", "--credentials"]].concat();
    let output = httpadvise(&args);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "note: the path is highlighted only up to question `widget`, which has no answer \
         and no default\n"
    );
    let complete = httpadvise(&[&PACK[..], &["rules", "graph", "--widget-fine"]].concat());
    assert_eq!(String::from_utf8_lossy(&complete.stderr), "");
}
