//! Synthetic rule packs of any size, for the benchmarks, the scale tests and
//! `cargo run --example gen-pack`. Their shape is simple on purpose: what they measure is
//! the loader and the walk, not the rules.

use std::fmt::Write;

/// A pack whose tree is a chain of `nodes` nodes: each tests the one yes/no question `go`,
/// `yes` leads to the next node (the last to outcome `end`), `no` to outcome `stop`.
/// Walking it with `go=yes` visits every node.
pub fn chain(nodes: usize) -> String {
    let mut text = header("n0");
    for i in 0..nodes {
        let next = if i + 1 == nodes {
            "end".to_string()
        } else {
            format!("n{}", i + 1)
        };
        let _ = write!(text, "\n[[node]]\nid = \"n{i}\"\nquestion = \"go\"\non = {{ yes = \"{next}\", no = \"stop\" }}\n");
    }
    text
}

/// A pack with one choice question of `choices` choices, all led by one node to `end`
/// except the first, which leads to `stop`.
pub fn wide(choices: usize) -> String {
    let mut text = header("pick");
    text.push_str("\n[[question]]\nid = \"which\"\nkind = \"choice\"\nprompt = \"Which one?\"\nhelp = \"One of many.\"\n");
    for i in 0..choices {
        let _ = write!(
            text,
            "\n[[question.choice]]\nid = \"c{i}\"\nlabel = \"Choice {i}\"\n"
        );
    }
    text.push_str(
        "\n[[node]]\nid = \"pick\"\nquestion = \"which\"\non = { c0 = \"stop\" }\nelse = \"end\"\n",
    );
    text
}

/// The statuses, the question `go` and the two outcomes every generated pack shares.
fn header(start: &str) -> String {
    format!(
        r#"[pack]
start = "{start}"

[[status]]
code = 200
name = "OK"
meaning = "The request succeeded."

[[status]]
code = 400
name = "Bad Request"
meaning = "The request is wrong."

[[question]]
id = "go"
kind = "yes-no"
prompt = "Go on?"
help = "Whether to take the next node."

[[outcome]]
id = "end"
status = 200
summary = "The end of the chain."
explanation = "Every node said yes."
retry = "not-needed"
next-step = "Nothing."

[[outcome]]
id = "stop"
status = 400
summary = "Stopped."
explanation = "A node said no."
retry = "no"
next-step = "Say yes."
"#
    )
}
