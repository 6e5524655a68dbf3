//! Every route through the tree: from the start to an outcome, with answers that agree with
//! each other (a question tested twice on one route has one answer). `explain` lists them,
//! `--expect` searches them for the one nearest to the answers given, `rules check` and
//! `rules test` look for what no route takes. One enumeration, one limit.

use crate::model::{NodeId, OutcomeId, Step, Target, Tree};

/// The search stops past this many routes and says so; the built-in pack has about a
/// hundred.
pub const ROUTE_LIMIT: usize = 100_000;

/// It stops, too, once the routes found hold this many steps in all: every route is kept
/// whole, so a tree of long routes (a chain of thousands of questions, each with a way
/// out) would otherwise cost the square of its size.
pub const STEP_LIMIT: usize = 200_000;

/// One route: the steps and the outcome they lead to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub steps: Vec<Step>,
    pub outcome: OutcomeId,
}

/// The routes found, and whether the search stopped at `limit` before seeing them all.
#[derive(Debug)]
pub struct Routes {
    pub routes: Vec<Route>,
    pub truncated: bool,
}

/// A node on the search's stack: which answer it tries next, and whether it fixed its
/// question's answer (and must free it when it is done).
struct Frame {
    node: NodeId,
    candidates: Vec<usize>,
    next: usize,
    owns_answer: bool,
}

/// Depth-first over the tree with an explicit stack, so a deep tree cannot overflow.
pub fn routes(tree: &Tree) -> Routes {
    let limit = ROUTE_LIMIT;
    let mut found = Routes {
        routes: Vec::new(),
        truncated: false,
    };
    let start = match tree.start {
        Target::Outcome(outcome) => {
            found.routes.push(Route {
                steps: Vec::new(),
                outcome,
            });
            return found;
        }
        Target::Node(node) => node,
    };
    let mut answers: Vec<Option<usize>> = vec![None; tree.questions.len()];
    let mut steps: Vec<Step> = Vec::new();
    let mut stack = vec![frame(tree, start, &mut answers)];
    // The steps the routes found so far hold, for [`STEP_LIMIT`].
    let mut held = 0;
    while let Some(top) = stack.last_mut() {
        if top.next > 0 {
            steps.pop();
        }
        let Some(&answer) = top.candidates.get(top.next) else {
            let done = stack.pop().expect("the loop holds a frame");
            if done.owns_answer {
                answers[tree.node(done.node).question.0] = None;
            }
            continue;
        };
        top.next += 1;
        let node = tree.node(top.node);
        if top.owns_answer {
            answers[node.question.0] = Some(answer);
        }
        steps.push(Step {
            node: top.node,
            question: node.question,
            answer,
        });
        match node.next[answer] {
            Target::Outcome(outcome) => {
                if found.routes.len() == limit || held + steps.len() > STEP_LIMIT {
                    found.truncated = true;
                    return found;
                }
                held += steps.len();
                found.routes.push(Route {
                    steps: steps.clone(),
                    outcome,
                });
            }
            Target::Node(next) => stack.push(frame(tree, next, &mut answers)),
        }
    }
    found
}

fn frame(tree: &Tree, node: NodeId, answers: &mut [Option<usize>]) -> Frame {
    let question = tree.node(node).question;
    match answers[question.0] {
        Some(fixed) => Frame {
            node,
            candidates: vec![fixed],
            next: 0,
            owns_answer: false,
        },
        None => Frame {
            node,
            candidates: (0..tree.question(question).answers.len()).collect(),
            next: 0,
            owns_answer: true,
        },
    }
}
