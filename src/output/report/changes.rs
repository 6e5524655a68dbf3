//! Where a layer past the base (a profile, the house rules, a `--rules` file) changed what
//! a report shows: every entry the report used that such a layer added or replaced, with
//! the layer's reason, and every position that decided a status.

use httpadvise_rules::model::{Layer, OutcomeId, Tree};
use serde::Serialize;

/// One change: who made it, to what, and why when it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The layer: `profile `zalando``, `house rules (path)`, ….
    pub by: String,
    /// What it changed: `node `content``, `question `payload``, `status 422 → 400`, ….
    pub what: String,
    pub reason: Option<String>,
}

/// The changes of one report, each entry once, in the order the report meets them.
pub struct Changes<'t> {
    tree: &'t Tree,
    list: Vec<Change>,
}

impl<'t> Changes<'t> {
    pub fn new(tree: &'t Tree) -> Self {
        Changes {
            tree,
            list: Vec::new(),
        }
    }

    pub fn into_vec(self) -> Vec<Change> {
        self.list
    }

    /// An entry `what` of `layer`, if that layer changes the base; layer 0 is the base: the
    /// built-in pack, or the first `--rules` file.
    fn entry(&mut self, layer: usize, what: String, reason: Option<&str>) {
        let seen = self.list.iter().any(|c| c.what == what);
        if layer != 0 && !seen {
            self.list.push(Change {
                by: self.tree.layers[layer].to_string(),
                what,
                reason: reason.map(str::to_string),
            });
        }
    }

    pub fn start(&mut self) {
        let tree = self.tree;
        self.entry(tree.start_layer, "the start of the tree".into(), None);
    }

    pub fn node(&mut self, node: usize) {
        let node = &self.tree.nodes[node];
        self.entry(
            node.layer,
            format!("node `{}`", node.id),
            node.reason.as_deref(),
        );
    }

    pub fn question(&mut self, question: usize) {
        let q = &self.tree.questions[question];
        self.entry(q.layer, format!("question `{}`", q.id), q.reason.as_deref());
    }

    pub fn outcome(&mut self, outcome: OutcomeId) {
        let o = self.tree.outcome(outcome);
        self.entry(o.layer, format!("outcome `{}`", o.id), o.reason.as_deref());
    }

    /// A status's `[[status]]` entry: its name and meaning as shown.
    pub fn status(&mut self, code: u16) {
        if let Some(status) = self.tree.statuses.get(&code) {
            let what = format!("status {code} ({})", status.name);
            self.entry(status.layer, what, status.reason.as_deref());
        }
    }

    /// The contrast `compare` shows between `a` and `b`.
    pub fn contrast(&mut self, a: u16, b: u16) {
        if let Some(c) = self.tree.contrast(a, b) {
            let what = format!("the contrast of {} and {}", c.a, c.b);
            self.entry(c.layer, what, c.reason.as_deref());
        }
    }

    /// The positions taken at `outcome` that changed its status, and those the house
    /// rules or a rules file took that keep it (listed for their reason).
    pub fn positions(&mut self, outcome: OutcomeId) {
        let tree = self.tree;
        let mut status = tree.outcome(outcome).status;
        for position in tree.positions.get(&outcome).into_iter().flatten() {
            let layer = &tree.layers[position.layer];
            if position.status != status || matches!(layer, Layer::House(_) | Layer::Rules(_)) {
                let what = match position.status == status {
                    true => format!("status {status} kept"),
                    false => format!("status {status} → {}", position.status),
                };
                self.list.push(Change {
                    by: layer.to_string(),
                    what,
                    reason: Some(position.reason.clone()),
                });
            }
            status = position.status;
        }
    }
}
