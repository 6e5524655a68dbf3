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

/// [`chain`] where every `no` leads back to the start: `nodes` loops, each closed by one
/// node's `no`.
pub fn loops(nodes: usize) -> String {
    chain(nodes).replace("no = \"stop\"", "no = \"n0\"")
}

/// A chain of `nodes` nodes that each test a question of their own: `yes` leads on, `no`
/// to outcome `stop`. A one-shot run with no answers walks all of it on the defaults.
pub fn questions(nodes: usize) -> String {
    let mut text = header("n0");
    for i in 0..nodes {
        let next = match i + 1 == nodes {
            true => "end".to_string(),
            false => format!("n{}", i + 1),
        };
        let _ = write!(
            text,
            "\n[[question]]\nid = \"q{i}\"\nkind = \"yes-no\"\nprompt = \"Go on from {i}?\"\nhelp = \"Step {i}.\"\ndefault = \"yes\"\n\n[[node]]\nid = \"n{i}\"\nquestion = \"q{i}\"\non = {{ yes = \"{next}\", no = \"stop\" }}\n"
        );
    }
    text
}

/// One node whose question has a prompt and a help of `bytes` bytes each.
pub fn long_prompt(bytes: usize) -> String {
    let words = "word ".repeat(bytes / 5);
    let mut text = header("ask").replace("prompt = \"Go on?\"", &format!("prompt = \"{words}\""));
    text.push_str(
        "\n[[node]]\nid = \"ask\"\nquestion = \"go\"\non = { yes = \"end\", no = \"stop\" }\n",
    );
    text
}

/// A chain of `nodes` nodes whose every `yes` names a node that does not exist: as many
/// misspelt references as nodes, each a "did you mean" search over all the ids.
pub fn misspelt(nodes: usize) -> String {
    let mut text = header("n0");
    for i in 0..nodes {
        let _ = write!(
            text,
            "\n[[node]]\nid = \"n{i}\"\nquestion = \"go\"\non = {{ yes = \"m{i}\", no = \"stop\" }}\n"
        );
    }
    text
}

/// One choice question of `choices` choices, each leading to an outcome of its own that
/// cites nothing: as many `missing-cite` warnings as choices.
pub fn uncited(choices: usize) -> String {
    let mut text = header("pick");
    text.push_str("\n[[question]]\nid = \"which\"\nkind = \"choice\"\nprompt = \"Which one?\"\nhelp = \"One of many.\"\ndefault = \"c0\"\n");
    let mut on = String::new();
    let mut outcomes = String::new();
    for i in 0..choices {
        let _ = write!(
            text,
            "\n[[question.choice]]\nid = \"c{i}\"\nlabel = \"l\"\n"
        );
        let _ = write!(on, "c{i} = \"o{i}\", ");
        let _ = write!(
            outcomes,
            "\n[[outcome]]\nid = \"o{i}\"\nstatus = 200\nsummary = \"s\"\nexplanation = \"e\"\nretry = \"no\"\nnext-step = \"n\"\n"
        );
    }
    let _ = write!(
        text,
        "\n[[node]]\nid = \"pick\"\nquestion = \"which\"\non = {{ {} }}\n",
        on.trim_end_matches(", ")
    );
    // `end` and `stop` are left for no one: link them in, so they are reachable.
    text = text.replace("start = \"pick\"", "start = \"first\"");
    text.push_str(
        "\n[[node]]\nid = \"first\"\nquestion = \"go\"\non = { yes = \"pick\", no = \"second\" }\n\n[[node]]\nid = \"second\"\nquestion = \"go\"\non = { yes = \"end\", no = \"stop\" }\n",
    );
    text + &outcomes
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
