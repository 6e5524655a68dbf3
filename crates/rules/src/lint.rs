//! Lints: what is valid in a pack that loads but probably unintended. `rules check` prints
//! them; each points at the entry, as an error does.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display};

use crate::model::{code_text, NodeId, Target, Tree};
use crate::parse::Parsed;
use crate::raw::{RawCite, RawOutcome, RawQuestion};
use crate::routes::{self, Route};
use crate::source::{FileId, Sources, Span};

/// What a warning is about. Each has a stable name, shown with the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LintKind {
    /// An outcome with no `[[outcome.cite]]`: advice nobody can check.
    MissingCite { outcome: String },
    /// A question without `help`: the prompt alone rarely settles what to answer.
    MissingHelp { question: String },
    /// A default that ends the walk and so hides statuses only other answers lead to;
    /// see [`hidden_branches`].
    DefaultHidesBranch {
        question: String,
        default: String,
        node: String,
        outcome: String,
        status: Option<u16>,
        /// Each hidden status, and the answers at the node that lead to it.
        hidden: Vec<(Option<u16>, Vec<String>)>,
    },
    /// A choice label longer than [`LONGEST_LABEL`] characters: prompts draw each choice
    /// on one line, and a longer one would wrap on an 80-column terminal.
    LongLabel {
        question: String,
        choice: String,
        length: usize,
    },
    /// A citation of an RFC without the sentence it rests on.
    MissingQuote { cited: String },
    /// A problem details extension member whose name RFC 9457 §4 advises against.
    MemberName { outcome: String, member: String },
    /// An outcome's `summary` or `problem.detail` names a code it does not return.
    StatusInText {
        outcome: String,
        field: &'static str,
        named: u16,
        status: u16,
    },
}

/// Each lint's name beside its kind, written once: [`NAMES`] and [`LintKind::name`] are
/// made from this list.
macro_rules! names {
    ($($kind:ident => $name:literal,)*) => {
        /// Every lint's name, as `allow = [...]` spells it.
        pub(crate) const NAMES: &[&str] = &[$($name),*];

        impl LintKind {
            /// The lint's name, as an opt-out would spell it: one of [`NAMES`].
            pub fn name(&self) -> &'static str {
                match self {
                    $(LintKind::$kind { .. } => $name,)*
                }
            }
        }
    };
}

names! {
    MissingCite => "missing-cite",
    MissingHelp => "missing-help",
    DefaultHidesBranch => "default-hides-branch",
    StatusInText => "status-in-text",
    LongLabel => "long-label",
    MissingQuote => "missing-quote",
    MemberName => "member-name",
}

impl Display for LintKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LintKind::MissingCite { outcome } => write!(
                f,
                "outcome `{outcome}` cites nothing: add an [[outcome.cite]] saying where its code is defined"
            ),
            LintKind::MissingHelp { question } => write!(
                f,
                "question `{question}` has no `help`: say what it means, with an example"
            ),
            LintKind::DefaultHidesBranch {
                question,
                default,
                node,
                outcome,
                status,
                hidden,
            } => {
                let hidden: Vec<String> = hidden
                    .iter()
                    .map(|(code, answers)| {
                        format!("{} (only via {})", code_text(*code), answers.join(", "))
                    })
                    .collect();
                write!(
                    f,
                    "the default `{question} = {default}` ends the walk at node `{node}` \
                     (outcome `{outcome}`, {}); one-shot runs that leave `{question}` \
                     open never reach {}",
                    code_text(*status),
                    hidden.join(", ")
                )
            }
            LintKind::LongLabel {
                question,
                choice,
                length,
            } => write!(
                f,
                "the label of choice `{choice}` of question `{question}` is {length} characters \
                 long; at most {LONGEST_LABEL} fit a prompt on an 80-column terminal"
            ),
            LintKind::MissingQuote { cited } => write!(
                f,
                "the citation of {cited} quotes nothing: add `quote`, the sentence the claim \
                 rests on, word for word"
            ),
            LintKind::MemberName { outcome, member } => write!(
                f,
                "extension member `{member}` of outcome `{outcome}`: RFC 9457 §4 asks for a \
                 letter first, then only letters, digits and `_`, three characters at least"
            ),
            LintKind::StatusInText {
                outcome,
                field,
                named,
                status,
            } => write!(
                f,
                "the {field} of outcome `{outcome}` names {named}, but the outcome returns {status}"
            ),
        }
    }
}

/// The longest choice label a prompt shows on one line of an 80-column terminal, with
/// room for the selection mark and the choice's id.
pub(crate) const LONGEST_LABEL: usize = 70;

/// One warning and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    pub kind: LintKind,
    pub span: Span,
}

/// Every warning about a pack that loaded, in file order, and whether the tree had too
/// many routes to look for hidden branches.
pub(crate) fn lint(tree: &Tree, parsed: &Parsed) -> (Vec<Lint>, bool) {
    let entries = Entries::new(parsed);
    let mut lints = Vec::new();
    lints.extend(missing_cites(&entries));
    lints.extend(missing_help(&entries));
    lints.extend(long_labels(&entries));
    lints.extend(missing_quotes(parsed));
    lints.extend(member_names(&entries));
    lints.extend(statuses_in_text(tree, &entries, &parsed.sources));
    let routes = routes::routes(tree);
    if !routes.truncated {
        lints.extend(hidden_branch_lints(tree, &routes.routes, &entries));
    }
    lints.sort_by_key(|l| (l.span.file, l.span.range.start));
    (lints, routes.truncated)
}

/// The entries that survive merging: for each id, its last definition. The pack loaded,
/// so a later definition of an id is always an override of the earlier one.
struct Entries<'a> {
    questions: BTreeMap<&'a str, (FileId, &'a RawQuestion)>,
    outcomes: BTreeMap<&'a str, (FileId, &'a RawOutcome)>,
}

impl<'a> Entries<'a> {
    fn new(parsed: &'a Parsed) -> Self {
        let mut entries = Entries {
            questions: BTreeMap::new(),
            outcomes: BTreeMap::new(),
        };
        for file in &parsed.files {
            for q in &file.raw.question {
                entries.questions.insert(q.id.get_ref(), (file.file, q));
            }
            for o in &file.raw.outcome {
                entries.outcomes.insert(o.id.get_ref(), (file.file, o));
            }
        }
        entries
    }
}

fn span_of<T>(file: FileId, spanned: &toml::Spanned<T>) -> Span {
    Span {
        file,
        range: spanned.span(),
    }
}

fn missing_cites(entries: &Entries<'_>) -> Vec<Lint> {
    entries
        .outcomes
        .values()
        .filter(|(_, raw)| raw.cite.is_empty())
        .map(|(file, raw)| Lint {
            kind: LintKind::MissingCite {
                outcome: raw.id.get_ref().to_string(),
            },
            span: span_of(*file, &raw.id),
        })
        .collect()
}

fn missing_help(entries: &Entries<'_>) -> Vec<Lint> {
    entries
        .questions
        .values()
        .filter(|(_, raw)| {
            raw.help
                .as_ref()
                .is_none_or(|h| h.get_ref().trim().is_empty())
        })
        .map(|(file, raw)| Lint {
            kind: LintKind::MissingHelp {
                question: raw.id.get_ref().to_string(),
            },
            span: span_of(*file, &raw.id),
        })
        .collect()
}

fn long_labels(entries: &Entries<'_>) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (file, raw) in entries.questions.values() {
        if allows(raw, "long-label") {
            continue;
        }
        for choice in &raw.choice {
            let length = choice.label.get_ref().chars().count();
            if length > LONGEST_LABEL {
                lints.push(Lint {
                    kind: LintKind::LongLabel {
                        question: raw.id.get_ref().clone(),
                        choice: choice.id.get_ref().clone(),
                        length,
                    },
                    span: span_of(*file, &choice.label),
                });
            }
        }
    }
    lints
}

/// RFC citations without a quote, wherever a surviving entry cites: an outcome, a status,
/// a position, a contrast.
fn missing_quotes(parsed: &Parsed) -> Vec<Lint> {
    let mut statuses: BTreeMap<i64, (FileId, &RawCite)> = BTreeMap::new();
    let mut outcomes: BTreeMap<&str, (FileId, &[RawCite])> = BTreeMap::new();
    let mut others: Vec<(FileId, &RawCite)> = Vec::new();
    for file in &parsed.files {
        let at = file.file;
        for status in &file.raw.status {
            match &status.cite {
                Some(cite) => statuses.insert(*status.code.get_ref(), (at, cite)),
                None => statuses.remove(status.code.get_ref()),
            };
        }
        for outcome in &file.raw.outcome {
            outcomes.insert(outcome.id.get_ref(), (at, &outcome.cite));
        }
        others.extend(
            file.raw
                .position
                .iter()
                .flat_map(|p| &p.cite)
                .map(|c| (at, c)),
        );
        others.extend(
            file.raw
                .contrast
                .iter()
                .flat_map(|c| &c.cite)
                .map(|c| (at, c)),
        );
    }
    let outcome_cites = outcomes
        .into_values()
        .flat_map(|(at, cites)| cites.iter().map(move |c| (at, c)));
    statuses
        .into_values()
        .chain(outcome_cites)
        .chain(others)
        .filter(|(_, cite)| cite.document.starts_with("RFC ") && cite.quote.is_none())
        .map(|(at, cite)| Lint {
            kind: LintKind::MissingQuote { cited: cited(cite) },
            span: span_of(at, &cite.url),
        })
        .collect()
}

/// "RFC 9110 §15.5.13", as a message names a citation.
fn cited(cite: &RawCite) -> String {
    match &cite.section {
        Some(section) => format!("{} §{section}", cite.document),
        None => cite.document.clone(),
    }
}

/// Extension members whose names break RFC 9457 §4's advice.
fn member_names(entries: &Entries<'_>) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (file, raw) in entries.outcomes.values() {
        let members = raw.problem.iter().flat_map(|p| &p.members);
        for member in members.filter(|m| !crate::names::is_member_name(m.name.get_ref())) {
            lints.push(Lint {
                kind: LintKind::MemberName {
                    outcome: raw.id.get_ref().clone(),
                    member: member.name.get_ref().clone(),
                },
                span: span_of(*file, &member.name),
            });
        }
    }
    lints
}

/// Whether the question's `allow` accepts the lint `name`.
fn allows(raw: &RawQuestion, name: &str) -> bool {
    raw.allow.iter().any(|a| a.get_ref() == name)
}

/// Codes named in an outcome's `summary` and `problem.detail` that differ from its own
/// status. Only codes the pack has a `[[status]]` entry for count: a code it does not
/// name cannot be any outcome's status, and numbers such as `100 EUR` or `250 ms` in
/// example text would otherwise be taken for codes. The explanation and `why-not` notes
/// are left alone: comparing codes is what they are for.
fn statuses_in_text(tree: &Tree, entries: &Entries<'_>, texts: &Sources) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (file, raw) in entries.outcomes.values() {
        let summary = span_of(*file, &raw.summary);
        lints.extend(codes_in_field(
            tree,
            raw,
            ("summary", raw.summary.get_ref()),
            &summary,
            texts,
        ));
        if let Some(problem) = &raw.problem {
            let detail = span_of(*file, &problem.detail);
            let field = ("problem detail", problem.detail.get_ref().as_str());
            lints.extend(codes_in_field(tree, raw, field, &detail, texts));
        }
    }
    lints
}

/// The codes one field of an outcome names other than its status, each pointed at where
/// the file spells it (within `span`, the field's text).
fn codes_in_field(
    tree: &Tree,
    raw: &RawOutcome,
    (field, text): (&'static str, &str),
    span: &Span,
    texts: &Sources,
) -> Vec<Lint> {
    // An outcome that sends a stored response has no code of its own to name.
    let status = raw
        .status
        .as_ref()
        .and_then(|s| u16::try_from(*s.get_ref()).ok())
        .unwrap_or(0);
    let named: BTreeSet<u16> = codes_in(text)
        .into_iter()
        .filter(|c| *c != status && tree.statuses.contains_key(c))
        .collect();
    named
        .into_iter()
        .map(|named| Lint {
            kind: LintKind::StatusInText {
                outcome: raw.id.get_ref().to_string(),
                field,
                named,
                status,
            },
            span: find_code(texts, span, named),
        })
        .collect()
}

/// Every whole-word number of three digits in 100..=599. A number glued to letters
/// (`v412`), or part of a longer one (`1.412`, `4,120`), is not a code.
pub fn codes_in(text: &str) -> Vec<u16> {
    let bytes = text.as_bytes();
    let mut codes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 3 && standalone(bytes, start, i) {
            if let Some(code) = text[start..i]
                .parse()
                .ok()
                .filter(|c| (100..=599).contains(c))
            {
                codes.push(code);
            }
        }
    }
    codes
}

/// Whether the digits at `start..end` stand alone: no letter, `_` or digit-bearing
/// number punctuation on either side.
fn standalone(bytes: &[u8], start: usize, end: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let joins = |b: u8| b == b'.' || b == b',';
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let before2 = start.checked_sub(2).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    let after2 = bytes.get(end + 1).copied();
    let glued_before = before.is_some_and(word)
        || (before.is_some_and(joins) && before2.is_some_and(|b| b.is_ascii_digit()));
    let glued_after = after.is_some_and(word)
        || (after.is_some_and(joins) && after2.is_some_and(|b| b.is_ascii_digit()));
    !glued_before && !glued_after
}

/// The place of `code` inside the text `within` spans, or the whole span if the file
/// spells it otherwise (an escape, a line continuation).
fn find_code(texts: &Sources, within: &Span, code: u16) -> Span {
    let text = &texts.file(within.file).text;
    let Some(region) = text.get(within.range.clone()) else {
        return within.clone();
    };
    let needle = code.to_string();
    let found = region
        .match_indices(&needle)
        .find(|(at, _)| standalone(region.as_bytes(), *at, at + needle.len()));
    match found {
        Some((at, _)) => Span {
            file: within.file,
            range: within.range.start + at..within.range.start + at + needle.len(),
        },
        None => within.clone(),
    }
}

/// A status a default hides (`None`: the stored response), and the answers (indices) at
/// the node that lead to it.
pub(crate) type HiddenStatus = (Option<u16>, Vec<usize>);

/// A default that hides a branch, found on the validated tree.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Hidden {
    pub node: NodeId,
    /// Each hidden status, and the answers (indices) at the node that lead to it.
    pub statuses: Vec<HiddenStatus>,
}

/// The defaults that hide a branch.
///
/// A node hides a branch when its question has a `default`, the default answer leads
/// straight to an outcome, and some status `S` (as the layers make it) is reached only by
/// consistent routes that take another answer at this node, at least one of them going
/// on through a further node. A one-shot run that leaves the question open stops at the
/// default's outcome, so it can never end in `S`, and nothing it prints names the
/// questions further down that would lead there.
///
/// A status that only answers naming an outcome directly reach is not flagged: such an
/// answer is one of the question's own choices, shown with it, so whoever answers sees
/// it. The answers are taken together: a status two non-default answers share is hidden
/// by the default all the same.
pub(crate) fn hidden_branches(tree: &Tree, routes: &[Route]) -> Vec<Hidden> {
    let mut hidden: BTreeMap<NodeId, Vec<HiddenStatus>> = BTreeMap::new();
    for (status, common) in common_steps(tree, routes) {
        for (node, answers) in common {
            if hides(tree, node, &answers) {
                let answers = answers.into_iter().collect();
                hidden.entry(node).or_default().push((status, answers));
            }
        }
    }
    hidden
        .into_iter()
        .map(|(node, statuses)| Hidden { node, statuses })
        .collect()
}

/// For each status, the nodes that every route to it passes, with the answers taken
/// there. Only these nodes can stand between a run and the status; intersecting keeps
/// the work linear in the routes' length.
type Common = BTreeMap<Option<u16>, BTreeMap<NodeId, BTreeSet<usize>>>;

fn common_steps(tree: &Tree, routes: &[Route]) -> Common {
    let mut common = Common::new();
    for route in routes {
        let status = tree.effective(route.outcome).0;
        let steps: BTreeMap<NodeId, usize> =
            route.steps.iter().map(|s| (s.node, s.answer)).collect();
        match common.get_mut(&status) {
            None => {
                let first = steps
                    .into_iter()
                    .map(|(n, a)| (n, BTreeSet::from([a])))
                    .collect();
                common.insert(status, first);
            }
            Some(nodes) => {
                nodes.retain(|node, _| steps.contains_key(node));
                for (node, answers) in nodes.iter_mut() {
                    answers.insert(steps[node]);
                }
            }
        }
    }
    common
}

/// Whether a node whose every route to some status takes `answers` hides that status:
/// its default leads straight to an outcome, is not among them, and one of them leads on
/// to a further node.
fn hides(tree: &Tree, node: NodeId, answers: &BTreeSet<usize>) -> bool {
    let next = &tree.node(node).next;
    let Some(default) = tree.question(tree.node(node).question).default else {
        return false;
    };
    matches!(next[default], Target::Outcome(_))
        && !answers.contains(&default)
        && answers.iter().any(|a| matches!(next[*a], Target::Node(_)))
}

fn hidden_branch_lints(tree: &Tree, routes: &[Route], entries: &Entries<'_>) -> Vec<Lint> {
    hidden_branches(tree, routes)
        .into_iter()
        .filter_map(|hidden| hidden_branch_lint(tree, &hidden, entries))
        .collect()
}

/// The warning for one hidden branch, at the `default` that hides it.
fn hidden_branch_lint(tree: &Tree, hidden: &Hidden, entries: &Entries<'_>) -> Option<Lint> {
    let node = tree.node(hidden.node);
    let question = tree.question(node.question);
    let (file, raw) = entries.questions.get(&*question.id)?;
    if allows(raw, "default-hides-branch") {
        return None;
    }
    let (default, answer) = (raw.default.as_ref()?, question.default?);
    let Target::Outcome(outcome) = node.next[answer] else {
        return None;
    };
    let ids = |answers: &[usize]| {
        answers
            .iter()
            .map(|a| question.answers[*a].id.to_string())
            .collect()
    };
    let kind = LintKind::DefaultHidesBranch {
        question: question.id.to_string(),
        default: question.answers[answer].id.to_string(),
        node: node.id.to_string(),
        outcome: tree.outcome(outcome).id.to_string(),
        status: tree.effective(outcome).0,
        hidden: hidden.statuses.iter().map(|(s, a)| (*s, ids(a))).collect(),
    };
    Some(Lint {
        kind,
        span: span_of(*file, default),
    })
}
