//! Pathological packs: deep and wide trees load and answer without overflowing the stack,
//! because loading, checking and walking are all iterative.

use httpadvise::engine::walk::{walk, Walk};
use httpadvise_rules::diagnostic::Kind;
use httpadvise_rules::{generate, load_text};

#[test]
fn a_chain_of_100_000_nodes_loads_and_is_walked_to_its_end() {
    let pack = load_text("chain.toml", &generate::chain(100_000), &[]).expect("loads");
    let Walk::Done { outcome, path } = walk(&pack.tree, &[Some(0)]) else {
        panic!("the walk did not finish");
    };
    assert_eq!(pack.tree.outcome(outcome).id, "end");
    assert_eq!(path.len(), 100_000);
    assert_eq!(pack.tree.node(path[99_999].node).id, "n99999");
}

#[test]
fn a_cycle_closing_a_100_000_node_chain_is_found() {
    let text = generate::chain(100_000).replace("yes = \"end\"", "yes = \"n0\"");
    let rejected = load_text("loop.toml", &text, &[]).expect_err("a loop must not load");
    let cycles: Vec<(Vec<String>, usize)> = rejected
        .diagnostics
        .iter()
        .filter_map(|d| match &d.kind {
            Kind::Cycle { path, hidden } => Some((path.clone(), *hidden)),
            _ => None,
        })
        .collect();
    // One loop, through every node and the first again: its ends are named, the rest counted.
    let [(path, hidden)] = cycles.as_slice() else {
        panic!("one loop: {cycles:?}");
    };
    assert_eq!(
        (
            path.first().map(String::as_str),
            path.last().map(String::as_str)
        ),
        (Some("n0"), Some("n0"))
    );
    assert_eq!(path.len() + hidden, 100_001);
}

#[test]
fn a_question_with_10_000_choices_loads_and_answers() {
    let pack = load_text("wide.toml", &generate::wide(10_000), &[]).expect("loads");
    let which = pack.tree.question_id("which").expect("question");
    let mut answers = vec![None; pack.tree.questions.len()];
    answers[which.0] = Some(9_999);
    let Walk::Done { outcome, .. } = walk(&pack.tree, &answers) else {
        panic!("the walk did not finish");
    };
    assert_eq!(pack.tree.outcome(outcome).id, "end");
    answers[which.0] = Some(0);
    let Walk::Done { outcome, .. } = walk(&pack.tree, &answers) else {
        panic!("the walk did not finish");
    };
    assert_eq!(pack.tree.outcome(outcome).id, "stop");
}
