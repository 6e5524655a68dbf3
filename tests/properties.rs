//! Properties of the loader and the engine over generated packs: a valid pack loads, every
//! complete set of answers reaches exactly one outcome by the path those answers select,
//! and a pack broken in each known way fails with that problem, at the broken line.

mod common;

use std::fmt::Write;

use httpadvise::engine::walk::{walk, Walk};
use httpadvise_rules::diagnostic::Kind;
use httpadvise_rules::model::{Target, Tree};
use proptest::prelude::*;

/// A generated pack before it is written out: questions by their answer count, and for
/// each node its question and where each answer leads.
#[derive(Clone, Debug)]
struct Shape {
    answers: Vec<usize>,
    nodes: Vec<(usize, Vec<Lead>)>,
    outcomes: usize,
}

/// Where an answer leads: a later node (so the tree stays acyclic) or an outcome.
#[derive(Clone, Copy, Debug)]
enum Lead {
    Node(usize),
    Outcome(usize),
}

fn shape() -> impl Strategy<Value = Shape> {
    let questions = prop::collection::vec(2usize..=4, 1..=4);
    (questions, 1usize..=10, 1usize..=4)
        .prop_flat_map(|(answers, nodes, outcomes)| {
            let node = |i: usize, answers: Vec<usize>| {
                (0..answers.len()).prop_flat_map(move |q| {
                    let lead = prop_oneof![
                        (i + 1..=i + 3).prop_map(Lead::Node),
                        (0..outcomes).prop_map(Lead::Outcome),
                    ];
                    (Just(q), prop::collection::vec(lead, answers[q]))
                })
            };
            let all: Vec<_> = (0..nodes).map(|i| node(i, answers.clone())).collect();
            (Just(answers), all, Just(outcomes))
        })
        .prop_map(|(answers, mut nodes, outcomes)| {
            // A lead past the last node becomes an outcome, so every lead resolves.
            let count = nodes.len();
            for (_, leads) in &mut nodes {
                for lead in leads.iter_mut() {
                    if let Lead::Node(n) = *lead {
                        if n >= count {
                            *lead = Lead::Outcome(n % outcomes);
                        }
                    }
                }
            }
            Shape {
                answers,
                nodes,
                outcomes,
            }
        })
}

impl Shape {
    /// Which nodes and outcomes the start reaches; only those are written, so the pack
    /// has no unreachable entry.
    fn reached(&self) -> (Vec<bool>, Vec<bool>) {
        let mut nodes = vec![false; self.nodes.len()];
        let mut outcomes = vec![false; self.outcomes];
        nodes[0] = true;
        for i in 0..self.nodes.len() {
            if nodes[i] {
                for lead in &self.nodes[i].1 {
                    match *lead {
                        Lead::Node(n) => nodes[n] = true,
                        Lead::Outcome(o) => outcomes[o] = true,
                    }
                }
            }
        }
        (nodes, outcomes)
    }

    fn toml(&self) -> String {
        let (nodes, outcomes) = self.reached();
        let mut text = String::from("[pack]\nstart = \"n0\"\n\n[[status]]\ncode = 400\nname = \"Bad Request\"\nmeaning = \"Wrong.\"\n");
        for (q, count) in self.answers.iter().enumerate() {
            let _ = write!(
                text,
                "\n[[question]]\nid = \"q{q}\"\nkind = \"choice\"\nprompt = \"Q{q}?\"\n"
            );
            for a in 0..*count {
                let _ = write!(
                    text,
                    "\n[[question.choice]]\nid = \"a{a}\"\nlabel = \"A{a}\"\n"
                );
            }
        }
        for (i, (q, leads)) in self.nodes.iter().enumerate().filter(|(i, _)| nodes[*i]) {
            let on: Vec<String> = leads
                .iter()
                .enumerate()
                .map(|(a, lead)| format!("a{a} = \"{}\"", name(*lead)))
                .collect();
            let _ = write!(
                text,
                "\n[[node]]\nid = \"n{i}\"\nquestion = \"q{q}\"\non = {{ {} }}\n",
                on.join(", ")
            );
        }
        for o in (0..self.outcomes).filter(|o| outcomes[*o]) {
            let _ = write!(text, "\n[[outcome]]\nid = \"o{o}\"\nstatus = 400\nsummary = \"S.\"\nexplanation = \"E.\"\nretry = \"no\"\nnext-step = \"N.\"\n");
        }
        text
    }
}

fn name(lead: Lead) -> String {
    match lead {
        Lead::Node(n) => format!("n{n}"),
        Lead::Outcome(o) => format!("o{o}"),
    }
}

fn load(text: &str) -> Result<Tree, Vec<(Kind, Option<String>)>> {
    common::load_text("gen.toml", text)
        .map(|pack| pack.tree)
        .map_err(|rejected| {
            rejected
                .diagnostics
                .iter()
                .map(|d| (d.kind.clone(), common::location(d, &rejected.sources)))
                .collect()
        })
}

/// `gen.toml:LINE:COL` of the first occurrence of `needle`, as diagnostics report it.
fn place(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("gen.toml:{line}:{col}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_pack_loads_and_every_complete_answer_set_walks_its_own_path(
        shape in shape(),
        picks in prop::collection::vec(0usize..4, 4),
    ) {
        let tree = load(&shape.toml()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let answers: Vec<Option<usize>> = tree
            .questions
            .iter()
            .zip(&picks)
            .map(|(q, pick)| Some(pick % q.answers.len()))
            .collect();
        let Walk::Done { outcome, path } = walk(&tree, &answers) else {
            return Err(TestCaseError::fail("a complete answer set must reach an outcome"));
        };
        let mut at = tree.start;
        for step in &path {
            prop_assert_eq!(at, Target::Node(step.node));
            prop_assert_eq!(Some(step.answer), answers[step.question.0]);
            at = tree.node(step.node).next[step.answer];
        }
        prop_assert_eq!(at, Target::Outcome(outcome));
    }

    #[test]
    fn a_branch_to_nowhere_is_reported_where_it_is_written(shape in shape()) {
        let text = shape.toml().replacen("a0 = \"", "a0 = \"nowhere-", 1);
        let found = load(&text).expect_err("must not load");
        let target = text.split("a0 = \"").nth(1).and_then(|t| t.split('"').next()).unwrap_or_default().to_string();
        prop_assert!(found.contains(&(
            Kind::UnknownTarget { target, suggestion: None },
            Some(place(&text, "\"nowhere-")),
        )), "{:?}", found);
    }

    #[test]
    fn a_branch_back_to_the_start_is_a_cycle(shape in shape()) {
        // The last node written is reachable, so sending its first answer to the start loops.
        let text = shape.toml();
        let last = text.rfind("on = { a0 = \"").expect("a node");
        let end = text[last + 13..].find('"').expect("closing quote") + last + 13;
        let text = format!("{}n0{}", &text[..last + 13], &text[end..]);
        let found = load(&text).expect_err("must not load");
        prop_assert!(found.iter().any(|(kind, _)| matches!(kind, Kind::Cycle { path, .. } if path.first() == path.last())), "{:?}", found);
    }

    #[test]
    fn a_second_node_with_an_existing_id_is_a_duplicate(shape in shape()) {
        let text = format!("{}\n[[node]]\nid = \"n0\"\nquestion = \"q0\"\nelse = \"o_dup\"\n", shape.toml());
        let found = load(&text).expect_err("must not load");
        let second = text.rfind("id = \"n0\"").expect("the duplicate") + 5;
        let line = text[..second].matches('\n').count() + 1;
        prop_assert!(found.contains(&(
            Kind::DuplicateId { table: "node", id: "n0".into() },
            Some(format!("gen.toml:{line}:6")),
        )), "{:?}", found);
    }

    #[test]
    fn an_outcome_nothing_leads_to_is_unreachable(shape in shape()) {
        let text = format!("{}\n[[outcome]]\nid = \"orphan\"\nstatus = 400\nsummary = \"S.\"\nexplanation = \"E.\"\nretry = \"no\"\nnext-step = \"N.\"\n", shape.toml());
        let found = load(&text).expect_err("must not load");
        prop_assert_eq!(found, vec![(Kind::Unreachable { id: "orphan".into() }, Some(place(&text, "\"orphan\"")))]);
    }

    #[test]
    fn a_status_out_of_range_is_reported_at_its_value(shape in shape(), status in prop_oneof![0i64..100, 600i64..100_000]) {
        let text = shape.toml().replacen("status = 400\nsummary", &format!("status = {status}\nsummary"), 1);
        let found = load(&text).expect_err("must not load");
        let needle = format!("status = {status}\nsummary");
        let expected = place(&text, &needle);
        let (file_line, col) = expected.rsplit_once(':').expect("line:col");
        let at_value = format!("{file_line}:{}", col.parse::<usize>().unwrap_or(0) + 9);
        prop_assert!(found.contains(&(Kind::StatusOutOfRange { status }, Some(at_value))), "{:?}", found);
    }
}
