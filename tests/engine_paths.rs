//! The engine on every path of the built-in tree: the outcome reached and the exact path
//! taken, node by node. A last test proves the table leaves no edge of the tree untried.

use std::collections::BTreeSet;

use httpadvise::engine::{walk, Walk};
use httpadvise::rules::RuleSources;
use httpadvise::tree::{Target, Tree};

fn builtin() -> Tree {
    let pack = httpadvise::load(&RuleSources::builtin());
    pack.expect("the built-in pack loads").tree
}

/// Answers as `question=answer` pairs, turned into the engine's index form.
fn answers(tree: &Tree, given: &[&str]) -> Vec<Option<usize>> {
    let mut answers = vec![None; tree.questions.len()];
    for pair in given {
        let (q, a) = httpadvise::cli::parse_answer(tree, pair).expect("a valid answer");
        answers[q] = Some(a);
    }
    answers
}

/// The walk's outcome id, its status, and its path as `node=answer` steps.
fn run(tree: &Tree, given: &[&str]) -> (String, u16, Vec<String>) {
    match walk(tree, &answers(tree, given)) {
        Walk::Done { outcome, path } => {
            let steps = path
                .iter()
                .map(|s| {
                    let answer = &tree.question(s.question).answers[s.answer].id;
                    format!("{}={}", tree.node(s.node).id, answer)
                })
                .collect();
            let outcome = tree.outcome(outcome);
            (outcome.id.to_string(), outcome.status, steps)
        }
        Walk::Needs { question, .. } => {
            panic!("{given:?} left `{}` open", tree.question(question).id)
        }
    }
}

/// (answers, outcome, status, exact path)
const PATHS: &[(&[&str], &str, u16, &[&str])] = &[
    (
        &["payload=unsupported"],
        "unsupported-media-type",
        415,
        &["content-headers=unsupported"],
    ),
    (
        &["payload=too-large"],
        "content-too-large",
        413,
        &["content-headers=too-large"],
    ),
    (
        &["payload=valid", "precondition=yes", "condition=if-match"],
        "precondition-failed",
        412,
        &[
            "content-headers=valid",
            "preconditions=yes",
            "which-condition=if-match",
        ],
    ),
    (
        &[
            "payload=invalid",
            "precondition=yes",
            "condition=if-unmodified-since",
        ],
        "unmodified-since-failed",
        412,
        &[
            "content-headers=invalid",
            "preconditions=yes",
            "which-condition=if-unmodified-since",
        ],
    ),
    (
        &[
            "payload=none",
            "precondition=yes",
            "condition=if-none-match",
            "safe-method=yes",
        ],
        "not-modified",
        304,
        &[
            "content-headers=none",
            "preconditions=yes",
            "which-condition=if-none-match",
            "if-none-match-method=yes",
        ],
    ),
    (
        &[
            "payload=valid",
            "precondition=yes",
            "condition=if-none-match",
            "safe-method=no",
        ],
        "none-match-failed",
        412,
        &[
            "content-headers=valid",
            "preconditions=yes",
            "which-condition=if-none-match",
            "if-none-match-method=no",
        ],
    ),
    (
        &[
            "payload=none",
            "precondition=yes",
            "condition=if-modified-since",
            "safe-method=yes",
        ],
        "not-modified",
        304,
        &[
            "content-headers=none",
            "preconditions=yes",
            "which-condition=if-modified-since",
            "if-modified-since-method=yes",
        ],
    ),
    // If-Modified-Since is ignored on unsafe methods: the walk goes on as if unconditional.
    (
        &[
            "payload=valid",
            "precondition=yes",
            "condition=if-modified-since",
            "safe-method=no",
            "precondition-required=yes",
        ],
        "missing-precondition",
        428,
        &[
            "content-headers=valid",
            "preconditions=yes",
            "which-condition=if-modified-since",
            "if-modified-since-method=no",
            "required-precondition=yes",
        ],
    ),
    (
        &[
            "payload=valid",
            "precondition=yes",
            "condition=if-modified-since",
            "safe-method=no",
            "precondition-required=no",
            "idempotency-key=none",
            "conflict=none",
        ],
        "no-client-error",
        200,
        &[
            "content-headers=valid",
            "preconditions=yes",
            "which-condition=if-modified-since",
            "if-modified-since-method=no",
            "required-precondition=no",
            "content=valid",
            "idempotency=none",
            "state=none",
        ],
    ),
    (
        &[
            "payload=malformed",
            "precondition=no",
            "precondition-required=yes",
        ],
        "missing-precondition",
        428,
        &[
            "content-headers=malformed",
            "preconditions=no",
            "required-precondition=yes",
        ],
    ),
    (
        &[
            "payload=malformed",
            "precondition=no",
            "precondition-required=no",
        ],
        "malformed-content",
        400,
        &[
            "content-headers=malformed",
            "preconditions=no",
            "required-precondition=no",
            "content=malformed",
        ],
    ),
    (
        &[
            "payload=invalid",
            "precondition=no",
            "precondition-required=no",
        ],
        "invalid-content",
        422,
        &[
            "content-headers=invalid",
            "preconditions=no",
            "required-precondition=no",
            "content=invalid",
        ],
    ),
    // Content the endpoint requires and the request lacks: found where the content is read.
    (
        &[
            "payload=missing",
            "precondition=no",
            "precondition-required=no",
        ],
        "missing-content",
        400,
        &[
            "content-headers=missing",
            "preconditions=no",
            "required-precondition=no",
            "content=missing",
        ],
    ),
    (
        &[
            "payload=valid",
            "precondition=no",
            "precondition-required=no",
            "idempotency-key=missing",
        ],
        "idempotency-key-missing",
        400,
        &[
            "content-headers=valid",
            "preconditions=no",
            "required-precondition=no",
            "content=valid",
            "idempotency=missing",
        ],
    ),
    (
        &[
            "payload=valid",
            "precondition=no",
            "precondition-required=no",
            "idempotency-key=reused",
        ],
        "idempotency-key-reused",
        422,
        &[
            "content-headers=valid",
            "preconditions=no",
            "required-precondition=no",
            "content=valid",
            "idempotency=reused",
        ],
    ),
    (
        &[
            "payload=valid",
            "precondition=no",
            "precondition-required=no",
            "idempotency-key=in-flight",
        ],
        "idempotency-key-in-flight",
        409,
        &[
            "content-headers=valid",
            "preconditions=no",
            "required-precondition=no",
            "content=valid",
            "idempotency=in-flight",
        ],
    ),
    (&STATE_ANSWERS[0], "duplicate", 409, &STATE_PATHS[0]),
    (
        &STATE_ANSWERS[1],
        "blocked-by-dependents",
        409,
        &STATE_PATHS[1],
    ),
    (&STATE_ANSWERS[2], "stale-version", 409, &STATE_PATHS[2]),
    (&STATE_ANSWERS[3], "state-conflict", 409, &STATE_PATHS[3]),
    (&STATE_ANSWERS[4], "no-client-error", 200, &STATE_PATHS[4]),
    (
        &[
            "payload=none",
            "precondition=no",
            "precondition-required=no",
            "idempotency-key=none",
            "conflict=none",
        ],
        "no-client-error",
        200,
        &[
            "content-headers=none",
            "preconditions=no",
            "required-precondition=no",
            "content=none",
            "idempotency=none",
            "state=none",
        ],
    ),
];

const BEFORE_STATE: [&str; 4] = [
    "payload=valid",
    "precondition=no",
    "precondition-required=no",
    "idempotency-key=none",
];

const STATE_ANSWERS: [[&str; 5]; 5] = [
    state_answers("conflict=duplicate"),
    state_answers("conflict=dependents"),
    state_answers("conflict=stale-version"),
    state_answers("conflict=state"),
    state_answers("conflict=none"),
];

const fn state_answers(conflict: &'static str) -> [&'static str; 5] {
    [
        BEFORE_STATE[0],
        BEFORE_STATE[1],
        BEFORE_STATE[2],
        BEFORE_STATE[3],
        conflict,
    ]
}

const STATE_PATHS: [[&str; 6]; 5] = [
    state_path("state=duplicate"),
    state_path("state=dependents"),
    state_path("state=stale-version"),
    state_path("state=state"),
    state_path("state=none"),
];

const fn state_path(last: &'static str) -> [&'static str; 6] {
    [
        "content-headers=valid",
        "preconditions=no",
        "required-precondition=no",
        "content=valid",
        "idempotency=none",
        last,
    ]
}

#[test]
fn every_path_reaches_its_outcome_by_the_exact_steps() {
    let tree = builtin();
    for (given, outcome, status, path) in PATHS {
        let (got_outcome, got_status, got_path) = run(&tree, given);
        assert_eq!(
            (got_outcome.as_str(), got_status, got_path.as_slice()),
            (
                *outcome,
                *status,
                path.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            "answers {given:?}"
        );
    }
}

#[test]
fn a_walk_stops_at_the_first_open_question_with_the_path_so_far() {
    let tree = builtin();
    let walked = walk(&tree, &answers(&tree, &["payload=valid"]));
    let Walk::Needs { question, path } = walked else {
        panic!("expected the walk to stop, got {walked:?}");
    };
    assert_eq!(tree.question(question).id, "precondition");
    assert_eq!(path.len(), 1);
    assert_eq!(tree.node(path[0].node).id, "content-headers");
}

#[test]
fn the_table_takes_every_edge_of_the_built_in_tree() {
    let tree = builtin();
    let mut all = BTreeSet::new();
    for node in &tree.nodes {
        let question = tree.question(node.question);
        for (answer, next) in question.answers.iter().zip(&node.next) {
            all.insert((
                node.id.to_string(),
                answer.id.to_string(),
                target_id(&tree, *next),
            ));
        }
    }
    let mut taken = BTreeSet::new();
    for (given, _, _, _) in PATHS {
        let Walk::Done { path, outcome } = walk(&tree, &answers(&tree, given)) else {
            panic!("{given:?} did not finish");
        };
        let targets = path
            .iter()
            .skip(1)
            .map(|s| Target::Node(s.node))
            .chain([Target::Outcome(outcome)]);
        for (step, next) in path.iter().zip(targets) {
            let answer = tree.question(step.question).answers[step.answer]
                .id
                .to_string();
            taken.insert((
                tree.node(step.node).id.to_string(),
                answer,
                target_id(&tree, next),
            ));
        }
    }
    // Edges a node cannot take (payload=unsupported at `content`, already decided earlier)
    // are allowed to stay untried; every other edge must be in the table.
    let untried: Vec<_> = all
        .difference(&taken)
        .filter(|e| !unreachable_edge(e))
        .collect();
    assert!(untried.is_empty(), "edges no row takes: {untried:?}");
}

/// `content` tests `payload` again, after `content-headers` already sent `unsupported` and
/// `too-large` elsewhere: those two answers can never arrive there.
fn unreachable_edge((node, answer, _): &(String, String, String)) -> bool {
    node == "content" && (answer == "unsupported" || answer == "too-large")
}

fn target_id(tree: &Tree, target: Target) -> String {
    match target {
        Target::Node(n) => tree.node(n).id.to_string(),
        Target::Outcome(o) => tree.outcome(o).id.to_string(),
    }
}
