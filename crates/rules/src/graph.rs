//! The checks on the shape of the tree: loops, and entries the start never reaches. Both
//! walk iteratively, so a deep tree cannot overflow the stack.

use crate::model::{NodeId, Target};
use crate::source::Span;

/// Every node's outgoing edges with the place that names them, for cycle reports. One list
/// for all nodes rather than one per node: node `i`'s are `edges[starts[i]..starts[i + 1]]`.
pub(crate) struct Edges {
    starts: Vec<usize>,
    edges: Vec<(Target, Span)>,
}

impl Edges {
    pub(crate) fn with_capacity(nodes: usize) -> Self {
        let mut starts = Vec::with_capacity(nodes + 1);
        starts.push(0);
        Edges {
            starts,
            edges: Vec::with_capacity(nodes * 2),
        }
    }

    pub(crate) fn push(&mut self, target: Target, span: Span) {
        self.edges.push((target, span));
    }

    /// Ends the current node's edges: those pushed next are the next node's.
    pub(crate) fn end_node(&mut self) {
        self.starts.push(self.edges.len());
    }

    pub(crate) fn of(&self, node: NodeId) -> &[(Target, Span)] {
        &self.edges[self.starts[node.0]..self.starts[node.0 + 1]]
    }
}

/// At most this many loops are reported; a pack of thousands of them is one mistake made
/// many times, and naming each would cost the square of its size.
pub(crate) const CYCLES_SHOWN: usize = 10;

/// A loop's path names at most this many nodes, half from each end.
pub(crate) const PATH_SHOWN: usize = 16;

/// One loop: the nodes at each end of its path (the first again where it closes), how many
/// are left out between them, and the edge that closes it.
pub(crate) struct Cycle {
    pub path: Vec<NodeId>,
    pub hidden: usize,
    pub span: Span,
}

/// The loops reachable from any node, each once (by the edge that closes it): the first
/// [`CYCLES_SHOWN`], and how many more there are.
pub(crate) fn find_cycles(start: Target, edges: &Edges, count: usize) -> (Vec<Cycle>, usize) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; count];
    let (mut cycles, mut more) = (Vec::new(), 0);
    let roots = std::iter::once(start).chain((0..count).map(|i| Target::Node(NodeId(i))));
    for root in roots {
        let Target::Node(root) = root else { continue };
        if mark[root.0] != Mark::New {
            continue;
        }
        // Depth-first with an explicit stack of (node, next edge to follow).
        let mut stack = vec![(root, 0usize)];
        mark[root.0] = Mark::OnPath;
        while let Some((node, edge)) = stack.last_mut() {
            let node = *node;
            let Some((target, span)) = edges.of(node).get(*edge) else {
                mark[node.0] = Mark::Done;
                stack.pop();
                continue;
            };
            *edge += 1;
            let Target::Node(next) = *target else {
                continue;
            };
            match mark[next.0] {
                Mark::New => {
                    mark[next.0] = Mark::OnPath;
                    stack.push((next, 0));
                }
                Mark::OnPath if cycles.len() < CYCLES_SHOWN => {
                    cycles.push(cycle(&stack, next, span));
                }
                Mark::OnPath => more += 1,
                Mark::Done => {}
            }
        }
    }
    (cycles, more)
}

/// The loop that the edge from the top of `stack` to `next` closes.
fn cycle(stack: &[(NodeId, usize)], next: NodeId, span: &Span) -> Cycle {
    let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
    let nodes: Vec<NodeId> = stack[from..]
        .iter()
        .map(|(n, _)| *n)
        .chain(std::iter::once(next))
        .collect();
    let hidden = nodes.len().saturating_sub(PATH_SHOWN);
    let half = PATH_SHOWN / 2;
    let path = match hidden {
        0 => nodes,
        _ => nodes[..half]
            .iter()
            .chain(&nodes[nodes.len() - half..])
            .copied()
            .collect(),
    };
    Cycle {
        path,
        hidden,
        span: span.clone(),
    }
}

/// Which nodes and outcomes the start reaches, by a breadth-first walk.
pub(crate) fn reachable(
    start: Target,
    edges: &Edges,
    nodes: usize,
    outcomes: usize,
) -> (Vec<bool>, Vec<bool>) {
    let mut seen_nodes = vec![false; nodes];
    let mut seen_outcomes = vec![false; outcomes];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(target) = queue.pop_front() {
        match target {
            Target::Outcome(o) => seen_outcomes[o.0] = true,
            Target::Node(n) if !seen_nodes[n.0] => {
                seen_nodes[n.0] = true;
                queue.extend(edges.of(n).iter().map(|(t, _)| *t));
            }
            Target::Node(_) => {}
        }
    }
    (seen_nodes, seen_outcomes)
}
