//! Turning parsed rule files into a [`Tree`]: merge them, resolve every name to an index,
//! check the graph, and report every problem found, each with its place.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use crate::diagnostic::{self, Diagnostic, Kind};
use crate::graph::{self, Edges};
use crate::lazy::Lazy;
use crate::merge::{Entry, Merged};
use crate::model::{
    AnswerDef, Cite, Contrast, Family, Guide, Header, Layer, Member, Node, NodeId, Outcome,
    OutcomeId, Picks, Position, Problem, Question, QuestionId, QuestionKind, Status, Target, Text,
    Tree, WhyNot,
};
use crate::parse::Parsed;
use crate::raw::{
    RawChoice, RawCite, RawContrast, RawFamily, RawGuide, RawKind, RawNode, RawOutcome,
    RawPosition, RawQuestion, RawStatus,
};
use crate::source::Span;
use crate::{lint, names, suggest};

/// Checks a parsed pack: the tree, or every problem met reading, parsing and checking it,
/// in file order. `reserved` are the long options the program itself defines; a question
/// may not take one of them as its flag.
pub fn resolve(parsed: &Parsed, reserved: &[String]) -> Result<Tree, Vec<Diagnostic>> {
    let mut diagnostics = parsed.diagnostics.clone();
    // A file that did not parse leaves holes (a missing start, unreferenced entries) that
    // are not problems of their own; the pack-wide checks wait until every file parses.
    let complete = diagnostics.is_empty();
    let merged = Merged::new(&parsed.files, &mut diagnostics);
    let mut checker = Checker {
        diagnostics,
        reserved,
        suggestions: SUGGESTIONS,
    };
    let tree = checker.resolve(&merged, complete).map(|mut tree| {
        tree.layers = parsed.layers.clone();
        tree.profile_by = parsed
            .profile_by_house
            .then(|| {
                tree.layers
                    .iter()
                    .position(|l| matches!(l, Layer::House(_)))
            })
            .flatten();
        tree
    });
    let mut diagnostics = checker.diagnostics;
    match tree {
        Some(tree) if diagnostics.is_empty() => Ok(tree),
        _ => {
            diagnostic::sort(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// Resolves names to indices, collecting a diagnostic for each one that does not resolve.
struct Checker<'a> {
    diagnostics: Vec<Diagnostic>,
    reserved: &'a [String],
    /// How many more "did you mean" searches this load may make; see [`SUGGESTIONS`].
    suggestions: usize,
}

/// A search for the nearest name compares with every candidate: a file of thousands of
/// misspelt references would cost their number times the number of ids. The first few are
/// enough to show what went wrong.
const SUGGESTIONS: usize = 50;

/// At most this many flags, the questions' and their choices' together: each is an option
/// of the command line, and clap's parse of a line grows with the square of their number
/// (4,000 take a tenth of a second; 20,000 take two seconds). The built-in pack has about 30.
pub(crate) const MAX_FLAGS: usize = 4_000;

/// The ids of every node and outcome, and of every question: what references resolve to.
/// These are the merged pack's own indexes, not copies: a second map of a large pack's ids
/// would not fit in cache, and filling it cost a cache miss per id.
struct Names<'m> {
    nodes: &'m HashMap<&'m str, usize>,
    outcomes: &'m HashMap<&'m str, usize>,
    questions: &'m HashMap<&'m str, usize>,
}

impl Names<'_> {
    /// An id that both a node and an outcome have (an error) names the outcome.
    fn target(&self, id: &str) -> Option<Target> {
        let outcome = self
            .outcomes
            .get(id)
            .map(|&i| Target::Outcome(OutcomeId(i)));
        outcome.or_else(|| self.nodes.get(id).map(|&i| Target::Node(NodeId(i))))
    }

    fn targets(&self) -> impl Iterator<Item = &str> {
        self.nodes.keys().chain(self.outcomes.keys()).copied()
    }

    fn outcome(&self, id: &str) -> Option<OutcomeId> {
        self.outcomes.get(id).map(|&i| OutcomeId(i))
    }

    fn question(&self, id: &str) -> Option<QuestionId> {
        self.questions.get(id).map(|&i| QuestionId(i))
    }
}

/// A question's answers by id, built once per question rather than once per node.
type AnswerIndex<'q> = HashMap<&'q str, usize>;

impl Checker<'_> {
    fn error(&mut self, kind: Kind, span: Span) {
        self.diagnostics.push(Diagnostic::at(kind, span));
    }

    fn resolve(&mut self, merged: &Merged<'_>, complete: bool) -> Option<Tree> {
        let names = self.names(merged);
        let statuses = self.statuses(&merged.statuses);
        let questions: Vec<Question> = merged.questions.iter().map(|q| self.question(q)).collect();
        self.check_flags(&merged.questions, &questions);
        let answers: Vec<AnswerIndex> = questions.iter().map(answer_index).collect();
        let mut edges = Edges::with_capacity(merged.nodes.len());
        let nodes: Vec<Node> = merged
            .nodes
            .iter()
            .map(|n| self.node(n, &names, (&questions, &answers), &mut edges))
            .collect();
        let outcomes: Vec<Lazy<Outcome>> = merged
            .outcomes
            .iter()
            .map(|o| Lazy::ready(self.outcome(o, &statuses)))
            .collect();
        let positions = self.positions(&merged.positions, &names, &statuses, &outcomes);
        let contrasts = merged
            .contrasts
            .iter()
            .map(|c| self.contrast(c, &statuses))
            .collect();
        let families = self.families(&merged.families, &names, &questions);
        let start = match merged.start.as_ref() {
            Some(start) => self.target(start, start.raw, &names)?,
            None if complete => {
                self.diagnostics.push(Diagnostic::whole_pack(Kind::NoStart));
                return None;
            }
            None => return None,
        };
        self.check_graph(start, &edges, merged);
        Some(Tree {
            start,
            start_layer: merged.start.as_ref().map_or(0, |s| s.layer),
            statuses,
            questions,
            nodes,
            outcomes,
            layers: Vec::new(),
            guide: merged.guide.map(guide),
            positions,
            contrasts,
            families,
            profile_by: None,
        })
    }

    /// What references resolve to; an id that is both a node's and an outcome's is an error.
    fn names<'m>(&mut self, merged: &'m Merged<'m>) -> Names<'m> {
        for outcome in &merged.outcomes {
            let id: &str = outcome.raw.id.get_ref();
            if merged.node_ids.contains_key(id) {
                let table = "node or outcome";
                let id = id.to_string();
                self.error(
                    Kind::DuplicateId { table, id },
                    outcome.span(&outcome.raw.id),
                );
            }
        }
        Names {
            nodes: &merged.node_ids,
            outcomes: &merged.outcome_ids,
            questions: &merged.question_ids,
        }
    }

    fn statuses(&mut self, entries: &[Entry<'_, RawStatus>]) -> BTreeMap<u16, Lazy<Status>> {
        let mut statuses = BTreeMap::new();
        for entry in entries {
            let raw = &entry.raw;
            self.not_empty(entry, &raw.name, "name");
            self.not_empty(entry, &raw.meaning, "meaning");
            if let Some(code) = self.status_code(entry, &raw.code) {
                let status = Status {
                    layer: entry.layer,
                    reason: raw.reason.as_deref().map(prose),
                    code,
                    name: owned(raw.name.get_ref()),
                    meaning: prose(raw.meaning.get_ref()),
                    cite: raw.cite.as_ref().map(|c| self.cite(entry, c)),
                };
                statuses.insert(code, Lazy::ready(status));
            }
        }
        statuses
    }

    fn status_code<T>(&mut self, entry: &Entry<'_, T>, code: &Spanned<i64>) -> Option<u16> {
        let value = *code.get_ref();
        if (100..=599).contains(&value) {
            return u16::try_from(value).ok();
        }
        self.error(Kind::StatusOutOfRange { status: value }, entry.span(code));
        None
    }

    /// A status used by an outcome: in range, and named by a `[[status]]` entry.
    fn used_status<T>(
        &mut self,
        entry: &Entry<'_, T>,
        code: &Spanned<i64>,
        statuses: &BTreeMap<u16, Lazy<Status>>,
    ) -> u16 {
        let Some(status) = self.status_code(entry, code) else {
            return 0;
        };
        if !statuses.contains_key(&status) {
            self.error(Kind::UnnamedStatus { status }, entry.span(code));
        }
        status
    }

    /// An outcome's status, or `None` where it sends the stored response: exactly one of
    /// the two is said.
    fn outcome_status(
        &mut self,
        entry: &Entry<'_, RawOutcome>,
        statuses: &BTreeMap<u16, Lazy<Status>>,
    ) -> Option<u16> {
        let raw = &entry.raw;
        match (&raw.status, raw.stored_response) {
            (Some(code), false) => Some(self.used_status(entry, code, statuses)),
            (None, true) => None,
            (status, stored) => {
                let kind = Kind::StatusOrStored { both: stored };
                let span = status
                    .as_ref()
                    .map_or(entry.span(&raw.id), |s| entry.span(s));
                self.error(kind, span);
                None
            }
        }
    }

    /// The families, each question in one at most, each with a default to assume.
    fn families(
        &mut self,
        entries: &[Entry<'_, RawFamily>],
        names: &Names,
        questions: &[Question],
    ) -> Vec<Family> {
        let mut owner: HashMap<QuestionId, &str> = HashMap::new();
        let mut families = Vec::new();
        for entry in entries {
            let raw = &entry.raw;
            self.id(entry, "family", &raw.id);
            self.not_empty(entry, &raw.label, "label");
            self.not_empty(entry, &raw.assumed, "assumed");
            let mut members = Vec::new();
            for name in &raw.questions {
                let Some(question) = self.question_ref(entry, name, names) else {
                    continue;
                };
                let span = entry.span(name);
                if let Some(other) = owner.insert(question, raw.id.get_ref()) {
                    let (question, other) = (name.get_ref().clone(), other.to_string());
                    self.error(Kind::InTwoFamilies { question, other }, span);
                } else if questions[question.0].default.is_none() {
                    let question = name.get_ref().clone();
                    self.error(Kind::FamilyWithoutDefault { question }, span);
                }
                members.push(question);
            }
            families.push(Family {
                layer: entry.layer,
                reason: raw.reason.as_deref().map(prose),
                id: owned(raw.id.get_ref()),
                label: prose(raw.label.get_ref()),
                assumed: prose(raw.assumed.get_ref()),
                questions: members,
            });
        }
        families
    }

    fn not_empty<T>(&mut self, entry: &Entry<'_, T>, text: &Spanned<String>, field: &'static str) {
        if text.get_ref().trim().is_empty() {
            self.error(Kind::EmptyText { field }, entry.span(text));
        }
    }

    /// The candidate nearest to `name`, while this load has searches left.
    fn suggest<'c>(
        &mut self,
        name: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<String> {
        self.suggestions = self.suggestions.checked_sub(1)?;
        suggest::nearest(name, candidates)
    }

    /// A citation, whose URL must be a web address: every output may link to it.
    fn cite<T>(&mut self, entry: &Entry<'_, T>, raw: &RawCite) -> Cite {
        if !names::is_web_url(raw.url.get_ref()) {
            let url = raw.url.get_ref().clone();
            self.error(Kind::BadUrl { url }, entry.span(&raw.url));
        }
        Cite {
            document: owned(&raw.document),
            section: raw.section.as_deref().map(owned),
            title: raw.title.as_deref().map(owned),
            url: owned(raw.url.get_ref()),
            quote: raw.quote.as_ref().map(|q| prose(q.get_ref())),
            revision: raw.revision.as_deref().map(owned),
        }
    }

    /// An id that must be a name, reported where it is written if it is not.
    fn id<T>(&mut self, entry: &Entry<'_, T>, table: &'static str, id: &Spanned<String>) -> bool {
        let valid = names::is_id(id.get_ref());
        if !valid {
            let kind = Kind::BadId {
                table,
                id: id.get_ref().clone(),
            };
            self.error(kind, entry.span(id));
        }
        valid
    }

    /// The names in `allow`, each a lint's.
    fn allowed(&mut self, entry: &Entry<'_, RawQuestion>) {
        for name in &entry.raw.allow {
            if !lint::NAMES.contains(&name.get_ref().as_str()) {
                let suggestion = self.suggest(name.get_ref(), lint::NAMES.iter().copied());
                let kind = Kind::UnknownLint {
                    name: name.get_ref().clone(),
                    suggestion,
                    lints: lint::NAMES,
                };
                self.error(kind, entry.span(name));
            }
        }
    }

    fn question(&mut self, entry: &Entry<'_, RawQuestion>) -> Question {
        let raw = &entry.raw;
        self.id(entry, "question", &raw.id);
        self.allowed(entry);
        self.not_empty(entry, &raw.prompt, "prompt");
        let (kind, answers) = self.answers(entry);
        let mut question = Question {
            id: owned(raw.id.get_ref()),
            kind,
            prompt: prose(raw.prompt.get_ref()),
            help: raw
                .help
                .as_ref()
                .map_or(Text::default(), |h| prose(h.get_ref())),
            layer: entry.layer,
            reason: raw.reason.as_deref().map(prose),
            default: None,
            flag: owned(raw.flag.as_ref().unwrap_or(&raw.id).get_ref()),
            bare: None,
            answers,
        };
        question.default = raw
            .default
            .as_ref()
            .and_then(|d| self.answer_of(entry, &question, d));
        question.bare = raw
            .bare
            .as_ref()
            .and_then(|b| self.answer_of(entry, &question, b));
        if question.bare.is_some() && kind == QuestionKind::YesNo {
            self.bad_choices(entry, "is yes-no: `bare` is for choice questions");
        }
        question
    }

    fn answers(&mut self, entry: &Entry<'_, RawQuestion>) -> (QuestionKind, Vec<AnswerDef>) {
        let raw = &entry.raw;
        match raw.kind {
            RawKind::YesNo => {
                if !raw.choice.is_empty() {
                    self.bad_choices(entry, "is yes-no and cannot list choices");
                }
                (QuestionKind::YesNo, yes_no())
            }
            RawKind::Choice => {
                if raw.choice.len() < 2 {
                    self.bad_choices(entry, "needs at least two `[[question.choice]]` entries");
                }
                (QuestionKind::Choice, self.choices(entry))
            }
        }
    }

    fn choices(&mut self, entry: &Entry<'_, RawQuestion>) -> Vec<AnswerDef> {
        let mut answers: Vec<AnswerDef> = Vec::with_capacity(entry.raw.choice.len());
        // A set, not a scan of the answers so far: a scan made many choices quadratic.
        let mut seen = HashSet::with_capacity(entry.raw.choice.len());
        for RawChoice { id, label, flag } in &entry.raw.choice {
            self.id(entry, "choice", id);
            self.not_empty(entry, label, "label");
            if !seen.insert(id.get_ref()) {
                let id = id.get_ref().to_string();
                self.error(
                    Kind::DuplicateId {
                        table: "choice",
                        id,
                    },
                    entry.span(&entry.raw.choice[answers.len()].id),
                );
            }
            answers.push(AnswerDef {
                id: owned(id.get_ref()),
                label: prose(label.get_ref()),
                flag: flag.as_ref().map(|f| owned(f.get_ref())),
            });
        }
        answers
    }

    fn bad_choices(&mut self, entry: &Entry<'_, RawQuestion>, reason: &'static str) {
        let question = entry.raw.id.get_ref().to_string();
        self.error(
            Kind::BadChoices { question, reason },
            entry.span(&entry.raw.id),
        );
    }

    /// The index of `answer` among the question's answers, or a located error.
    fn answer_of<T>(
        &mut self,
        entry: &Entry<'_, T>,
        question: &Question,
        answer: &Spanned<String>,
    ) -> Option<usize> {
        let found = question.answer_index(answer.get_ref());
        if found.is_none() {
            let kind = Kind::UnknownAnswer {
                question: question.id.to_string(),
                answer: answer.get_ref().to_string(),
                valid: question
                    .answer_ids()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            };
            self.error(kind, entry.span(answer));
        }
        found
    }

    /// Every flag must be well formed and belong to one question only.
    fn check_flags(&mut self, entries: &[Entry<'_, RawQuestion>], questions: &[Question]) {
        let mut owners: HashMap<String, String> = self
            .reserved
            .iter()
            .map(|r| (r.clone(), "a built-in option".to_string()))
            .collect();
        let mut reported: HashSet<Span> = HashSet::new();
        for (entry, question) in entries.iter().zip(questions) {
            // A flag made from an id that is no name is already reported as that id.
            if entry.raw.flag.is_none() && !names::is_id(&question.id) {
                continue;
            }
            for (flag, span) in flags_of(entry, question) {
                if owners.len() >= self.reserved.len() + MAX_FLAGS {
                    let kind = Kind::TooManyFlags { limit: MAX_FLAGS };
                    return self.error(kind, span);
                }
                let kind = if !valid_flag_name(&flag) {
                    Kind::BadFlagName { flag }
                } else if let Some(other) = owners.get(&flag) {
                    let other = other.clone();
                    Kind::FlagClash { flag, other }
                } else {
                    // Every flag is claimed, the derived `--no-x` too, or a later question
                    // or a built-in `--no-…` option could take it unnoticed.
                    owners.insert(flag, format!("a flag of question `{}`", question.id));
                    continue;
                };
                // `--x` and its derived `--no-x` share a place: one report is enough.
                if reported.insert(span.clone()) {
                    self.error(kind, span);
                }
            }
        }
    }

    fn node(
        &mut self,
        entry: &Entry<'_, RawNode>,
        names: &Names,
        (questions, answers): (&[Question], &[AnswerIndex]),
        edges: &mut Edges,
    ) -> Node {
        let raw = &entry.raw;
        self.id(entry, "node", &raw.id);
        let question = self.question_ref(entry, &entry.raw.question, names);
        let next = match question {
            Some(q) => {
                let asked = (&questions[q.0], &answers[q.0]);
                self.branches(entry, asked, names, edges)
            }
            None => {
                self.edges_only(entry, names, edges);
                Vec::new()
            }
        };
        edges.end_node();
        Node {
            id: owned(raw.id.get_ref()),
            question: question.unwrap_or(QuestionId(0)),
            next,
            layer: entry.layer,
            reason: raw.reason.as_deref().map(prose),
        }
    }

    /// A reference that must name a question.
    fn question_ref<T>(
        &mut self,
        entry: &Entry<'_, T>,
        name: &Spanned<String>,
        names: &Names,
    ) -> Option<QuestionId> {
        let found = names.question(name.get_ref());
        if found.is_none() {
            let suggestion = self.suggest(name.get_ref(), names.questions.keys().copied());
            let question = name.get_ref().to_string();
            self.error(
                Kind::UnknownQuestion {
                    question,
                    suggestion,
                },
                entry.span(name),
            );
        }
        found
    }

    /// Where each answer of the node's question leads; records the edges for graph checks.
    fn branches(
        &mut self,
        entry: &Entry<'_, RawNode>,
        (question, by_id): (&Question, &AnswerIndex),
        names: &Names,
        edges: &mut Edges,
    ) -> Vec<Target> {
        let raw = &entry.raw;
        let mut next: Vec<Option<Target>> = vec![None; question.answers.len()];
        for (answer, target) in &raw.on {
            let index = match by_id.get(answer.get_ref().as_str()) {
                Some(i) => Some(*i),
                None => self.answer_of(entry, question, answer),
            };
            let resolved = self.target(entry, target, names);
            if let (Some(i), Some(t)) = (index, resolved) {
                next[i] = Some(t);
                edges.push(t, entry.span(target));
            }
        }
        let fallback = raw
            .otherwise
            .as_ref()
            .and_then(|o| self.target(entry, o, names));
        match (&raw.otherwise, fallback) {
            (None, _) => self.check_covered(entry, question, &next),
            (Some(otherwise), Some(t)) if next.contains(&None) => {
                edges.push(t, entry.span(otherwise))
            }
            _ => {}
        }
        next.into_iter()
            .map(|n| n.or(fallback).unwrap_or(UNRESOLVED))
            .collect()
    }

    /// The targets of a node whose question is unknown: still checked, and still counted as
    /// reached, so one mistake is reported once.
    fn edges_only(&mut self, entry: &Entry<'_, RawNode>, names: &Names, edges: &mut Edges) {
        let targets = entry.raw.on.values();
        for target in targets.chain(&entry.raw.otherwise) {
            if let Some(t) = self.target(entry, target, names) {
                edges.push(t, entry.span(target));
            }
        }
    }

    fn check_covered(
        &mut self,
        entry: &Entry<'_, RawNode>,
        question: &Question,
        next: &[Option<Target>],
    ) {
        let uncovered: Vec<String> = next
            .iter()
            .zip(&question.answers)
            .filter(|(n, _)| n.is_none())
            .map(|(_, a)| a.id.to_string())
            .collect();
        // An answer named in `on` but pointing nowhere is already reported at its target.
        let unnamed: Vec<String> = uncovered
            .into_iter()
            .filter(|a| !entry.raw.on.keys().any(|k| k.get_ref() == a))
            .collect();
        if !unnamed.is_empty() {
            let node = entry.raw.id.get_ref().to_string();
            self.error(
                Kind::Uncovered {
                    node,
                    answers: unnamed,
                },
                entry.span(&entry.raw.id),
            );
        }
    }

    fn target<T>(
        &mut self,
        entry: &Entry<'_, T>,
        name: &Spanned<String>,
        names: &Names,
    ) -> Option<Target> {
        let found = names.target(name.get_ref());
        if found.is_none() {
            let suggestion = self.suggest(name.get_ref(), names.targets());
            let target = name.get_ref().to_string();
            self.error(Kind::UnknownTarget { target, suggestion }, entry.span(name));
        }
        found
    }

    fn outcome(
        &mut self,
        entry: &Entry<'_, RawOutcome>,
        statuses: &BTreeMap<u16, Lazy<Status>>,
    ) -> Outcome {
        let raw = &entry.raw;
        self.id(entry, "outcome", &raw.id);
        self.not_empty(entry, &raw.summary, "summary");
        self.not_empty(entry, &raw.explanation, "explanation");
        self.not_empty(entry, &raw.next_step, "next-step");
        let status = self.outcome_status(entry, statuses);
        let why_not = raw
            .why_not
            .iter()
            .map(|w| WhyNot {
                status: self.used_status(entry, &w.status, statuses),
                reason: prose(w.reason.get_ref()),
            })
            .collect();
        Outcome {
            id: owned(raw.id.get_ref()),
            status,
            summary: prose(raw.summary.get_ref()),
            explanation: prose(raw.explanation.get_ref()),
            retry: raw.retry,
            next_step: prose(raw.next_step.get_ref()),
            why_not,
            headers: raw
                .header
                .iter()
                .map(|h| Header {
                    name: owned(&h.name),
                    why: prose(&h.why),
                })
                .collect(),
            problem: raw.problem.as_ref().map(|p| Problem {
                kind: owned(&p.kind),
                detail: prose(p.detail.get_ref()),
                members: p
                    .members
                    .iter()
                    .map(|m| Member {
                        name: owned(m.name.get_ref()),
                        description: prose(&m.description),
                    })
                    .collect(),
            }),
            cites: raw.cite.iter().map(|c| self.cite(entry, c)).collect(),
            also_fits: raw
                .also_fits
                .iter()
                .map(|c| self.used_status(entry, c, statuses))
                .collect(),
            layer: entry.layer,
            reason: raw.reason.as_deref().map(prose),
        }
    }

    /// Each layer's positions by outcome. Within one layer an outcome has one position;
    /// a later layer's position comes after (and so decides over) an earlier one's.
    fn positions(
        &mut self,
        entries: &[Entry<'_, RawPosition>],
        names: &Names,
        statuses: &BTreeMap<u16, Lazy<Status>>,
        outcomes: &[Lazy<Outcome>],
    ) -> BTreeMap<OutcomeId, Vec<Position>> {
        let mut positions: BTreeMap<OutcomeId, Vec<Position>> = BTreeMap::new();
        for entry in entries {
            let Some(outcome) = self.outcome_ref(entry, &entry.raw.outcome, names) else {
                continue;
            };
            let list = positions.entry(outcome).or_default();
            if list.iter().any(|p| p.layer == entry.layer) {
                let id = entry.raw.outcome.get_ref().to_string();
                self.error(
                    Kind::DuplicateId {
                        table: "position",
                        id,
                    },
                    entry.span(&entry.raw.outcome),
                );
                continue;
            }
            let status = entry
                .raw
                .status
                .as_ref()
                .map(|s| self.used_status(entry, s, statuses));
            list.push(Position {
                layer: entry.layer,
                status: status.or(outcomes[outcome.0].status),
                code: entry.raw.code.as_deref().map(owned),
                reason: prose(entry.raw.reason.get_ref()),
                cite: entry.raw.cite.as_ref().map(|c| self.cite(entry, c)),
            });
        }
        positions
    }

    /// A reference that must name an outcome (not a node).
    fn outcome_ref<T>(
        &mut self,
        entry: &Entry<'_, T>,
        name: &Spanned<String>,
        names: &Names,
    ) -> Option<OutcomeId> {
        if let Some(outcome) = names.outcome(name.get_ref()) {
            return Some(outcome);
        }
        let suggestion = self.suggest(name.get_ref(), names.outcomes.keys().copied());
        let outcome = name.get_ref().to_string();
        self.error(
            Kind::UnknownOutcome {
                outcome,
                suggestion,
            },
            entry.span(name),
        );
        None
    }

    fn contrast(
        &mut self,
        entry: &Entry<'_, RawContrast>,
        statuses: &BTreeMap<u16, Lazy<Status>>,
    ) -> Contrast {
        let raw = &entry.raw;
        self.not_empty(entry, &raw.test, "test");
        let (a, b) = (
            self.used_status(entry, &raw.a, statuses),
            self.used_status(entry, &raw.b, statuses),
        );
        if a == b && a != 0 {
            self.error(Kind::ContrastWithItself { code: a }, entry.span(&raw.b));
        }
        Contrast {
            layer: entry.layer,
            reason: raw.reason.as_deref().map(prose),
            a,
            b,
            test: prose(raw.test.get_ref()),
            when_a: prose(&raw.when_a),
            when_b: prose(&raw.when_b),
            example: raw.example.as_deref().map(prose),
            cites: raw.cite.iter().map(|c| self.cite(entry, c)).collect(),
        }
    }

    /// Cycles and unreachable entries, found iteratively so that deep trees cannot
    /// overflow the stack.
    fn check_graph(&mut self, start: Target, edges: &Edges, merged: &Merged<'_>) {
        let (cycles, more) = graph::find_cycles(start, edges, merged.nodes.len());
        for graph::Cycle { path, hidden, span } in cycles {
            let path = path
                .iter()
                .map(|n| merged.nodes[n.0].raw.id.get_ref().to_string())
                .collect();
            self.error(Kind::Cycle { path, hidden }, span);
        }
        if more > 0 {
            let kind = Kind::MoreCycles { count: more };
            self.diagnostics.push(Diagnostic::whole_pack(kind));
        }
        // A dangling reference or a loop cuts off whatever lay beyond it; listing all of
        // that as unreachable would bury the one mistake. Fix those first, then look.
        if !self.diagnostics.is_empty() {
            return;
        }
        let (nodes, outcomes) =
            graph::reachable(start, edges, merged.nodes.len(), merged.outcomes.len());
        for (entry, seen) in merged.nodes.iter().zip(nodes) {
            self.unreachable(seen, entry, &entry.raw.id);
        }
        for (entry, seen) in merged.outcomes.iter().zip(outcomes) {
            self.unreachable(seen, entry, &entry.raw.id);
        }
    }

    fn unreachable<T>(&mut self, seen: bool, entry: &Entry<'_, T>, id: &Spanned<String>) {
        if !seen {
            let span = entry.span(id);
            self.error(
                Kind::Unreachable {
                    id: id.get_ref().to_string(),
                },
                span,
            );
        }
    }
}

/// Stands in for a target that did not resolve; such a pack is rejected, never walked.
const UNRESOLVED: Target = Target::Outcome(OutcomeId(usize::MAX));

/// Prose as the renderers want it: the file's line wrapping undone, paragraphs kept.
/// Written straight into one string, as every text of a pack passes through here.
pub fn prose(text: &str) -> Text {
    let mut out = String::with_capacity(text.len());
    for paragraph in text.trim().split("\n\n") {
        let mut words = paragraph.split_whitespace();
        let Some(first) = words.next() else { continue };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.into()
}

/// Later answers win, as they did when each node collected its own map; only a pack with
/// two choices of one id, which is rejected, could tell.
fn answer_index(question: &Question) -> AnswerIndex<'_> {
    let answers = question.answers.iter().enumerate();
    answers.map(|(i, a)| (&*a.id, i)).collect()
}

fn yes_no() -> Vec<AnswerDef> {
    ["yes", "no"]
        .into_iter()
        .map(|a| AnswerDef {
            id: a.to_string().into(),
            label: a.to_string().into(),
            flag: None,
        })
        .collect()
}

/// Text the tree keeps: a copy, as the tree outlives the file it was read from.
fn owned(text: &str) -> Text {
    Text::Owned(text.to_owned())
}

fn guide(raw: &RawGuide) -> Guide {
    Guide {
        name: owned(raw.name.get_ref()),
        title: owned(&raw.title),
        url: owned(raw.url.get_ref()),
        summary: prose(&raw.summary),
        code_kind: raw.code_kind.as_deref().map(owned),
    }
}

/// Every flag a question adds to the command line, with the place that names it: a
/// choice's own flag at its `flag` key, the others at the question's `flag` (or `id`).
fn flags_of(entry: &Entry<'_, RawQuestion>, question: &Question) -> Vec<(String, Span)> {
    let raw = &entry.raw;
    let own = entry.span(raw.flag.as_ref().unwrap_or(&raw.id));
    let choice_flag = |a: usize| raw.choice.get(a).and_then(|c| c.flag.as_ref());
    question
        .flags()
        .into_iter()
        .map(|flag| {
            let span = match (question.kind, flag.picks) {
                (QuestionKind::Choice, Picks::Answer(a)) => {
                    choice_flag(a).map_or(own.clone(), |f| entry.span(f))
                }
                _ => own.clone(),
            };
            (flag.name, span)
        })
        .collect()
}

fn valid_flag_name(flag: &str) -> bool {
    !flag.is_empty()
        && flag.len() <= names::LONGEST_ID
        && flag.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && flag.as_bytes()[0].is_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::prose;

    #[test]
    fn prose_joins_wrapped_lines_and_keeps_paragraphs() {
        assert_eq!(
            prose("  one\ntwo  three\n\nfour\n"),
            "one two three\n\nfour"
        );
    }
}
