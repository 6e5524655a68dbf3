//! Drawing the decision tree as Graphviz DOT or a Mermaid flowchart, with the path a set of
//! answers takes highlighted.

use std::io::{self, Write};

use httpadvise_rules::model::{OutcomeId, Target, Tree};

use super::report::{mark, Changes};
use super::{escape, GraphFormat};
use crate::engine::walk::Walk;

/// Prompts wrap at this width so that boxes stay narrow enough to sit side by side.
const PROMPT_WIDTH: usize = 28;

/// The walked path's stroke and fill: amber reads on both light and dark backgrounds.
const WALKED_STROKE: &str = "#d97706";
const WALKED_FILL: &str = "#fff3c4";
const OUTCOME_FILL: &str = "#eeeeee";

/// What either language draws: boxes, and labelled arrows between them.
pub(crate) struct Drawing {
    pub shapes: Vec<Shape>,
    pub edges: Vec<Edge>,
}

/// A decision node or an outcome.
pub(crate) struct Shape {
    /// The rule file's id, unique because nodes and outcomes share one namespace.
    pub id: String,
    pub lines: Vec<String>,
    pub outcome: bool,
    pub walked: bool,
}

/// An arrow between two shapes, by their index in `Drawing::shapes`.
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: String,
    pub walked: bool,
    /// Taken by a question's default rather than an answer given: drawn dashed.
    pub assumed: bool,
}

/// Draws the whole tree; the steps of `walked` (complete or not) are highlighted.
pub fn render(
    tree: &Tree,
    walked: &Walk,
    format: GraphFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    let drawing = whole_tree(tree, walked);
    match format {
        GraphFormat::Dot => dot(&drawing, out),
        GraphFormat::Mermaid => mermaid(&drawing, out),
    }
}

impl Shape {
    /// A decision node, labelled with its id, then its question's prompt, wrapped.
    pub(crate) fn node(id: &str, prompt: &str) -> Self {
        let flat = escape::flat(prompt);
        let mut lines = vec![id.to_string()];
        lines.extend(super::text::wrap(&flat, PROMPT_WIDTH, "", ""));
        Shape {
            id: id.to_string(),
            lines,
            outcome: false,
            walked: false,
        }
    }

    /// The shape with a last line saying which layers past the base changed what it
    /// shows, if any did.
    fn marked(mut self, changes: Changes<'_>) -> Self {
        if let Some(mark) = mark(&changes.into_vec()) {
            let flat = escape::flat(&format!("({mark})"));
            self.lines
                .extend(super::text::wrap(&flat, PROMPT_WIDTH, "", ""));
        }
        self
    }

    /// An outcome, labelled with the status it gives, then its id.
    pub(crate) fn outcome(status: Option<u16>, name: &str, id: &str) -> Self {
        let status = super::code_name(status, name);
        Shape {
            id: id.to_string(),
            lines: vec![status, id.to_string()],
            outcome: true,
            walked: false,
        }
    }
}

/// Every node, then every outcome, in the order the rules define them; each marked with
/// the layers past the base that changed what it shows.
fn whole_tree(tree: &Tree, walked: &Walk) -> Drawing {
    let reached = Reached::new(tree, walked);
    let nodes = tree.nodes.iter().enumerate().map(|(n, node)| {
        let mut changes = Changes::new(tree);
        changes.node(n);
        changes.question(node.question.0);
        Shape::node(&node.id, &tree.question(node.question).prompt).marked(changes)
    });
    let outcomes = tree.outcomes.iter().enumerate().map(|(o, outcome)| {
        let status = tree.effective(OutcomeId(o)).0;
        let mut changes = Changes::new(tree);
        changes.outcome(OutcomeId(o));
        changes.positions(OutcomeId(o));
        if let Some(code) = status {
            changes.status(code);
        }
        Shape::outcome(status, tree.title(status), &outcome.id).marked(changes)
    });
    let mut shapes: Vec<Shape> = nodes.chain(outcomes).collect();
    for (shape, walked) in shapes.iter_mut().zip(reached.shapes) {
        shape.walked = walked;
    }
    let edges = (0..tree.nodes.len())
        .flat_map(|n| node_edges(tree, n, reached.taken[n]))
        .collect();
    Drawing { shapes, edges }
}

/// What a walk touched: the answer it took at each node, and each shape it reached.
struct Reached {
    taken: Vec<Option<usize>>,
    shapes: Vec<bool>,
}

impl Reached {
    fn new(tree: &Tree, walked: &Walk) -> Self {
        let (path, end) = match walked {
            Walk::Done { outcome, path } => (path, Some(Target::Outcome(*outcome))),
            // Where a partial walk waits is reached too, unless it never left the start.
            Walk::Needs { path, .. } => {
                (path, path.last().map(|s| tree.node(s.node).next[s.answer]))
            }
        };
        let mut reached = Reached {
            taken: vec![None; tree.nodes.len()],
            shapes: vec![false; tree.nodes.len() + tree.outcomes.len()],
        };
        for step in path {
            reached.taken[step.node.0] = Some(step.answer);
            reached.shapes[step.node.0] = true;
        }
        if let Some(end) = end {
            reached.shapes[shape_index(tree, end)] = true;
        }
        reached
    }
}

fn shape_index(tree: &Tree, target: Target) -> usize {
    match target {
        Target::Node(node) => node.0,
        Target::Outcome(outcome) => tree.nodes.len() + outcome.0,
    }
}

/// One arrow per target of node `n`: answers that lead to the same place share it.
fn node_edges(tree: &Tree, n: usize, taken: Option<usize>) -> Vec<Edge> {
    let node = &tree.nodes[n];
    let answers = &tree.question(node.question).answers;
    let mut targets: Vec<(Target, Vec<usize>)> = Vec::new();
    for (a, target) in node.next.iter().enumerate() {
        match targets.iter_mut().find(|(t, _)| t == target) {
            Some((_, group)) => group.push(a),
            None => targets.push((*target, vec![a])),
        }
    }
    let edge = |(target, group): (Target, Vec<usize>)| Edge {
        from: n,
        to: shape_index(tree, target),
        label: group
            .iter()
            .map(|&a| &*answers[a].id)
            .collect::<Vec<_>>()
            .join(" | "),
        walked: taken.is_some_and(|t| group.contains(&t)),
        assumed: false,
    };
    targets.into_iter().map(edge).collect()
}

/// The drawing as a Graphviz digraph; ids are the rule files' own, quoted.
pub(crate) fn dot(drawing: &Drawing, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph httpadvise {{")?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    for shape in &drawing.shapes {
        let label: Vec<String> = shape.lines.iter().map(|l| escape::dot(l)).collect();
        let (id, style) = (escape::dot(&shape.id), dot_shape_style(shape));
        writeln!(out, "  \"{id}\" [label=\"{}\"{style}];", label.join("\\n"))?;
    }
    for edge in &drawing.edges {
        let from = escape::dot(&drawing.shapes[edge.from].id);
        let to = escape::dot(&drawing.shapes[edge.to].id);
        let (label, style) = (escape::dot(&edge.label), dot_edge_style(edge));
        writeln!(out, "  \"{from}\" -> \"{to}\" [label=\"{label}\"{style}];")?;
    }
    writeln!(out, "}}")
}

fn dot_shape_style(shape: &Shape) -> String {
    match (shape.walked, shape.outcome) {
        (true, _) => format!(
            ", style=\"rounded,filled,bold\", color=\"{WALKED_STROKE}\", fillcolor=\"{WALKED_FILL}\", penwidth=2"
        ),
        (false, true) => format!(", style=\"rounded,filled\", fillcolor=\"{OUTCOME_FILL}\""),
        (false, false) => String::new(),
    }
}

fn dot_edge_style(edge: &Edge) -> String {
    let mut style = String::new();
    if edge.walked {
        style = format!(", color=\"{WALKED_STROKE}\", fontcolor=\"{WALKED_STROKE}\", penwidth=3");
    }
    if edge.assumed {
        style.push_str(", style=dashed");
    }
    style
}

/// The drawing as a Mermaid flowchart, top down; the walked path is styled by class and
/// by `linkStyle`, which counts edges in the order they are written.
pub(crate) fn mermaid(drawing: &Drawing, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "flowchart TD")?;
    for (i, shape) in drawing.shapes.iter().enumerate() {
        writeln!(out, "  {}", mermaid_shape(i, shape))?;
    }
    for edge in &drawing.edges {
        let from = mermaid_id(edge.from, &drawing.shapes[edge.from].id);
        let to = mermaid_id(edge.to, &drawing.shapes[edge.to].id);
        writeln!(
            out,
            "  {from} -->|\"{}\"| {to}",
            escape::mermaid(&edge.label)
        )?;
    }
    writeln!(out, "  classDef outcome fill:{OUTCOME_FILL},stroke:#555555")?;
    writeln!(out, "  classDef walked fill:{WALKED_FILL},stroke:{WALKED_STROKE},stroke-width:3px,color:#000000")?;
    let walked = format!("stroke:{WALKED_STROKE},stroke-width:3px,color:{WALKED_STROKE}");
    link_style(drawing, |e| e.walked, &walked, out)?;
    link_style(drawing, |e| e.assumed, "stroke-dasharray:6 4", out)
}

/// A box, or a stadium for an outcome, with its class.
fn mermaid_shape(index: usize, shape: &Shape) -> String {
    let label: Vec<String> = shape.lines.iter().map(|l| escape::mermaid(l)).collect();
    let (open, close) = if shape.outcome {
        ("([", "])")
    } else {
        ("[", "]")
    };
    let class = match (shape.walked, shape.outcome) {
        (true, _) => ":::walked",
        (false, true) => ":::outcome",
        (false, false) => "",
    };
    let id = mermaid_id(index, &shape.id);
    format!("{id}{open}\"{}\"{close}{class}", label.join("<br/>"))
}

/// One `linkStyle` line for the edges `pick` chooses, by their position; none if none is.
fn link_style(
    drawing: &Drawing,
    pick: fn(&Edge) -> bool,
    style: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let picked: Vec<String> = drawing
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| pick(e))
        .map(|(i, _)| i.to_string())
        .collect();
    if picked.is_empty() {
        return Ok(());
    }
    writeln!(out, "  linkStyle {} {style}", picked.join(","))
}

/// A Mermaid node id: the position keeps it unique (the rule id alone might not be, once
/// sanitized) and keeps it clear of keywords such as `end`; the rule id keeps it readable.
pub(crate) fn mermaid_id(index: usize, id: &str) -> String {
    let slug: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("n{index}_{slug}")
}
