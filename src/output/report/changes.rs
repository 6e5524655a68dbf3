//! Where a layer past the base (a profile, the house rules, a `--rules` file) changed what
//! a report shows: every entry the report used that such a layer added or replaced, with
//! the layer's reason, and every position that decided a status.

use std::collections::HashSet;

use httpadvise_rules::model::{code_text, first_of_each, Layer, OutcomeId, Tree};
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

/// "changed by house rules (…), profile `…`": each layer that made `changes`, once, for a
/// mark on the one line a change shows on; `None` when nothing changed.
pub(crate) fn mark(changes: &[Change]) -> Option<String> {
    let layers = first_of_each(changes.iter().map(|c| c.by.as_str()), |by| *by);
    (!layers.is_empty()).then(|| format!("changed by {}", layers.join(", ")))
}

/// The changes of one report, each entry once, in the order the report meets them.
pub struct Changes<'t> {
    tree: &'t Tree,
    /// The layer the others change; see [`Changes::is_base`].
    base: Option<usize>,
    list: Vec<Change>,
    /// What `list` names, so that each entry is listed once however long the path.
    named: HashSet<String>,
}

impl<'t> Changes<'t> {
    pub fn new(tree: &'t Tree) -> Self {
        let layers = &tree.layers;
        let base = match layers.iter().position(|l| *l == Layer::Builtin) {
            Some(builtin) => Some(builtin),
            None => layers.iter().position(|l| matches!(l, Layer::Rules(_))),
        };
        Changes {
            tree,
            base,
            list: Vec::new(),
            named: HashSet::new(),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Change> {
        self.list
    }

    /// An entry `what` of `layer`, if that layer changes the base; layer 0 is the base: the
    /// built-in pack, or the first `--rules` file.
    fn entry(&mut self, layer: usize, what: String, reason: Option<&str>) {
        if self.is_base(layer) {
            return;
        }
        if self.named.insert(what.clone()) {
            self.list.push(Change {
                by: self.tree.layers[layer].to_string(),
                what,
                reason: reason.map(str::to_string),
            });
        }
    }

    /// Whether `layer` is the base the others change: the built-in pack, or without it the
    /// first `--rules` file.
    fn is_base(&self, layer: usize) -> bool {
        self.base == Some(layer)
    }

    /// The profile in use, when the house rules chose it: every position it takes is
    /// theirs to answer for.
    pub fn profile(&mut self) {
        let tree = self.tree;
        let Some(by) = tree.profile_by else { return };
        let Some(Layer::Profile(name)) =
            tree.layers.iter().find(|l| matches!(l, Layer::Profile(_)))
        else {
            return;
        };
        let what = format!("the profile: `{name}`");
        if self.named.insert(what.clone()) {
            self.list.push(Change {
                by: tree.layers[by].to_string(),
                what,
                reason: None,
            });
        }
    }

    /// The start of the tree, and the profile when the house rules chose it.
    pub fn start(&mut self) {
        self.profile();
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

    /// A family whose questions the run met: which ones a session asks, and what the
    /// advice says it assumed.
    pub fn family(&mut self, family: usize) {
        let f = &self.tree.families[family];
        self.entry(f.layer, format!("family `{}`", f.id), f.reason.as_deref());
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
                    true => format!("status {} kept", code_text(status)),
                    false => format!(
                        "status {} → {}",
                        code_text(status),
                        code_text(position.status)
                    ),
                };
                self.list.push(Change {
                    by: layer.to_string(),
                    what,
                    reason: Some(position.reason.to_string()),
                });
            }
            status = position.status;
        }
    }
}
