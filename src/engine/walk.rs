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

/// A walk under way: where it stands and the steps that led there. It goes on from where
/// it stopped, so answering the questions of a long path one by one stays linear in it.
pub(crate) struct Walker<'t> {
    tree: &'t Tree,
    at: Target,
    path: Vec<Step>,
}

impl<'t> Walker<'t> {
    pub(crate) fn new(tree: &'t Tree) -> Self {
        Walker {
            tree,
            at: tree.start,
            path: Vec::new(),
        }
    }

    /// Follows the answers known (`answer(q)` for question `q`) until an outcome, or until
    /// a question without one: its id. Validation proved the tree acyclic, so this ends
    /// within `nodes.len()` steps.
    pub(crate) fn advance(
        &mut self,
        answer: impl Fn(QuestionId) -> Option<usize>,
    ) -> Result<OutcomeId, QuestionId> {
        loop {
            let node_id = match self.at {
                Target::Outcome(outcome) => return Ok(outcome),
                Target::Node(node) => node,
            };
            let node = self.tree.node(node_id);
            let Some(answer) = answer(node.question) else {
                return Err(node.question);
            };
            self.path.push(Step {
                node: node_id,
                question: node.question,
                answer,
            });
            self.at = node.next[answer];
        }
    }

    /// The steps taken so far.
    pub(crate) fn path(&self) -> &[Step] {
        &self.path
    }

    pub(crate) fn into_path(self) -> Vec<Step> {
        self.path
    }
}

/// Walks `tree` with the answers known so far (`answers[q]` for question `q`).
pub fn walk(tree: &Tree, answers: &[Option<usize>]) -> Walk {
    let mut walker = Walker::new(tree);
    match walker.advance(|q| answers.get(q.0).copied().flatten()) {
        Ok(outcome) => Walk::Done {
            outcome,
            path: walker.into_path(),
        },
        Err(question) => Walk::Needs {
            question,
            path: walker.into_path(),
        },
    }
}
