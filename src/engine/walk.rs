//! Walking the tree: from the start, follow each node's answer until an outcome, or until a
//! question that has no answer yet. Pure: it neither asks nor prints.

pub use httpadvise_rules::model::Step;
use httpadvise_rules::model::{OutcomeId, QuestionId, Target, Tree};

/// Where a walk ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Walk {
    /// An outcome was reached by these steps.
    Done { outcome: OutcomeId, path: Vec<Step> },
    /// The walk needs the answer to `question` to go on past `path`.
    Needs {
        question: QuestionId,
        path: Vec<Step>,
    },
}

/// Walks `tree` with the answers known so far (`answers[q]` for question `q`).
pub fn walk(tree: &Tree, answers: &[Option<usize>]) -> Walk {
    let mut path = Vec::new();
    let mut at = tree.start;
    loop {
        let node_id = match at {
            Target::Outcome(outcome) => return Walk::Done { outcome, path },
            Target::Node(node) => node,
        };
        let node = tree.node(node_id);
        let Some(answer) = answers.get(node.question.0).copied().flatten() else {
            return Walk::Needs {
                question: node.question,
                path,
            };
        };
        path.push(Step {
            node: node_id,
            question: node.question,
            answer,
        });
        // Validation proved the tree acyclic, so this loop ends within `nodes.len()` steps.
        at = node.next[answer];
    }
}
