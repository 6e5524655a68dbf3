//! `httpadvise rules test`: scenario fixtures (answers in, expected status and path out),
//! and the edges of the tree that no passing case took.
//!
//! A fixture is a TOML file, given by its path or as one of a folder's `*.toml` files:
//!
//! ```toml
//! profile = "zalando"          # optional: else the run's --profile, else rfc
//! rules = ["extra.toml"]       # optional, relative to the fixture: loaded like --rules
//!
//! [[case]]
//! name = "a well-formed but invalid payload is 400"
//! answers = { payload = "invalid" }   # open questions take their defaults
//! status = 400
//! outcome = "invalid-content"         # optional
//! path = ["content-headers", "preconditions", "required-precondition", "content"]  # optional
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use colored::Colorize;
use serde::Deserialize;
use toml::Spanned;

use crate::engine::Step;
use crate::error::{Error, Exit};
use crate::rules::{RuleSources, TomlFile, DEFAULT_PROFILE, PROFILES};
use crate::session::{self, Mode, SessionError, Source, Verdict};
use crate::source::{FileId, Sources, Span};
use crate::tree::{NodeId, QuestionId, Target, Tree};
use crate::Pack;

/// The search for edges no route takes gives up past this many routes.
pub const ROUTE_LIMIT: usize = 100_000;

/// A fixture file as written; places are kept where failures point.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFixture {
    profile: Option<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    case: Vec<RawCase>,
}

/// One case: question id = answer id, and what the walk must end in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: Spanned<String>,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, Spanned<String>>,
    status: u16,
    outcome: Option<String>,
    path: Option<Vec<String>>,
}

/// One pack the fixtures load, the fixtures that used it, and the edges their passing
/// cases took. Fixtures that load the same layers share one, so their coverage adds up.
struct PackRun {
    key: PackKey,
    /// The pack, or every problem that kept it from loading, rendered as a run shows them.
    pack: Result<Pack, String>,
    fixtures: Vec<String>,
    covered: BTreeSet<(NodeId, usize)>,
}

impl PackRun {
    fn new(key: PackKey, pack: Result<Pack, String>) -> Self {
        PackRun {
            key,
            pack,
            fixtures: Vec::new(),
            covered: BTreeSet::new(),
        }
    }
}

/// What makes two fixtures' packs the same: the layers they load.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackKey {
    builtin: bool,
    profile: Option<String>,
    paths: Vec<PathBuf>,
}

impl PackKey {
    /// `profile rfc`, `profile zalando + extra.toml`, or the rule files alone.
    fn label(&self) -> String {
        let mut label = match (&self.profile, self.builtin) {
            (Some(profile), true) => format!("profile {profile}"),
            _ => "without the built-in rules".to_string(),
        };
        if !self.paths.is_empty() {
            let paths: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
            let _ = write!(label, " + {}", paths.join(", "));
        }
        label
    }

    fn sources(&self) -> RuleSources {
        RuleSources {
            builtin: self.builtin,
            profile: self.profile.clone(),
            // A developer's .httpadvise.toml must not change what a fixture expects.
            config: None,
            paths: self.paths.clone(),
        }
    }
}

/// Totals over every fixture.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    /// Fixtures that could not run at all: unreadable, not valid, or their rules broken.
    broken: usize,
}

/// The whole run: fixture files (for their locations), the packs loaded, the totals.
struct Runner<'a> {
    base: &'a RuleSources,
    files: Sources,
    packs: Vec<PackRun>,
    /// Set when no pack but those given may be loaded: nothing is read (see [`run_text`]).
    offline: bool,
    tally: Tally,
}

/// Runs every case of every fixture; `Exit::Disagree` if any fails. A folder stands for
/// its `*.toml` files in name order, as `--rules` takes one.
pub fn run(fixtures: &[PathBuf], base: &RuleSources, out: &mut dyn Write) -> Result<Exit, Error> {
    let mut runner = Runner::new(base, Vec::new());
    let mut report = String::new();
    for path in fixtures {
        match crate::rules::toml_files(path, "scenario") {
            Ok(files) => files
                .iter()
                .for_each(|file| runner.fixture(file, &mut report)),
            Err(reason) => runner.broken(&mut report, &format!("{}: {reason}", path.display())),
        }
    }
    runner.finish(report, out)
}

/// Runs one fixture given as text against the built-in pack, reading no file: a fixture
/// that names rule files or another profile is reported as one that cannot run. What the
/// fuzz target for fixtures calls.
pub fn run_text(name: &str, text: &str, out: &mut dyn Write) -> Result<Exit, Error> {
    let base = RuleSources::builtin();
    let key = PackKey {
        builtin: true,
        profile: Some(DEFAULT_PROFILE.to_string()),
        paths: Vec::new(),
    };
    let pack = crate::load(&key.sources()).map_err(Error::Rules)?;
    let mut runner = Runner::new(&base, vec![PackRun::new(key, Ok(pack))]);
    runner.offline = true;
    let mut report = String::new();
    runner.fixture_text(
        name.to_string(),
        Path::new(""),
        text.to_string(),
        &mut report,
    );
    runner.finish(report, out)
}

impl<'a> Runner<'a> {
    fn new(base: &'a RuleSources, packs: Vec<PackRun>) -> Self {
        Runner {
            base,
            files: Sources::default(),
            packs,
            offline: false,
            tally: Tally::default(),
        }
    }

    /// Writes the report with its totals; the exit says how the run went.
    fn finish(self, mut report: String, out: &mut dyn Write) -> Result<Exit, Error> {
        self.coverage(&mut report);
        let Tally {
            passed,
            failed,
            broken,
        } = self.tally;
        if broken > 0 {
            let _ = writeln!(report, "\n{} could not run", plural(broken, "fixture"));
        }
        // CI reads this last line as it stands: no color, nothing else on it.
        let _ = writeln!(report, "\n{passed} passed, {failed} failed");
        out.write_all(report.as_bytes()).map_err(Error::Output)?;
        // A fixture that cannot run is bad input, like a rule file that does not load; a
        // case that runs and disagrees is the rules' answer.
        Ok(match (broken, failed) {
            (0, 0) => Exit::Advice,
            (0, _) => Exit::Disagree,
            _ => Exit::Rules,
        })
    }

    /// Runs a fixture file; its own rule files are found from the path it was given by.
    fn fixture(&mut self, file: &TomlFile, report: &mut String) {
        let name = file.shown.display().to_string();
        match crate::rules::read_rule_file(&file.read) {
            Ok(text) => {
                let folder = file.shown.parent().unwrap_or(Path::new(""));
                self.fixture_text(name, folder, text, report);
            }
            Err(reason) => self.broken(report, &format!("{name}: {reason}")),
        }
    }

    /// Runs the fixture `text`, reported as `name`; its rule files are under `folder`.
    fn fixture_text(&mut self, name: String, folder: &Path, text: String, report: &mut String) {
        let Some((file, raw)) = self.parse(name, text, report) else {
            return;
        };
        let key = match self.pack_key(folder, file, &raw) {
            Ok(key) => key,
            Err(message) => return self.broken(report, &message),
        };
        let index = self.pack_index(key);
        let name = self.files.file(file).name.to_string();
        self.packs[index].fixtures.push(name);
        if let Err(problems) = &self.packs[index].pack {
            // Pointed at the fixture's own rule files when it names some.
            let at = raw.rules.first().map_or(0..0, Spanned::span);
            let at = self.at(&Span { file, range: at });
            let message = format!("{at}: the rules of this fixture did not load\n{problems}");
            return self.broken(report, &message);
        }
        self.cases(index, file, &raw, report);
    }

    /// Parses a fixture, or reports why it cannot.
    fn parse(
        &mut self,
        name: String,
        text: String,
        report: &mut String,
    ) -> Option<(FileId, RawFixture)> {
        let file = self.files.add(name, text);
        match toml::from_str::<RawFixture>(&self.files.file(file).text) {
            Ok(raw) => Some((file, raw)),
            Err(e) => {
                let range = e.span().unwrap_or(0..0);
                let at = self.at(&Span { file, range });
                let message = e.message().trim_end().to_string();
                self.broken(report, &format!("{at}: {message}"));
                None
            }
        }
    }

    /// A fixture that could not run: reported, and counted apart from its cases.
    fn broken(&mut self, report: &mut String, message: &str) {
        let _ = writeln!(report, "{} {message}", "ERROR".red().bold());
        self.tally.broken += 1;
    }

    fn at(&self, span: &Span) -> String {
        located(&self.files, span)
    }

    /// The layers a fixture loads: the run's, its own profile, its own rule files.
    fn pack_key(&self, folder: &Path, file: FileId, raw: &RawFixture) -> Result<PackKey, String> {
        let profile = match &raw.profile {
            Some(profile) => Some(self.profile(file, profile)?),
            None => self.base.profile.clone(),
        };
        let profile = self
            .base
            .builtin
            .then(|| profile.unwrap_or(DEFAULT_PROFILE.to_string()));
        let mut paths = self.base.paths.clone();
        paths.extend(raw.rules.iter().map(|r| folder.join(r.get_ref())));
        Ok(PackKey {
            builtin: self.base.builtin,
            profile,
            paths,
        })
    }

    /// A fixture's `profile`, checked: the run's loader would quietly skip an unknown one.
    fn profile(&self, file: FileId, profile: &Spanned<String>) -> Result<String, String> {
        let name = profile.get_ref();
        let at = self.at(&Span {
            file,
            range: profile.span(),
        });
        if !self.base.builtin {
            return Err(format!(
                "{at}: profile `{name}` overlays the built-in rules, which this run leaves out"
            ));
        }
        if PROFILES.iter().any(|(n, _)| n == name) {
            return Ok(name.clone());
        }
        let names: Vec<&str> = PROFILES.iter().map(|(n, _)| *n).collect();
        let hint = crate::suggest::nearest(name, names.iter().copied())
            .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
        Err(format!(
            "{at}: no profile is named `{name}` (profiles: {}){hint}",
            names.join(", ")
        ))
    }

    /// The pack for these layers, loaded once however many fixtures use it.
    fn pack_index(&mut self, key: PackKey) -> usize {
        if let Some(i) = self.packs.iter().position(|p| p.key == key) {
            return i;
        }
        let pack = match self.offline {
            true => Err("this run loads no other rule packs".to_string()),
            false => crate::load(&key.sources()).map_err(|r| Error::Rules(r).to_string()),
        };
        self.packs.push(PackRun::new(key, pack));
        self.packs.len() - 1
    }

    fn cases(&mut self, index: usize, file: FileId, raw: &RawFixture, report: &mut String) {
        let run = &mut self.packs[index];
        let Ok(pack) = &run.pack else {
            return;
        };
        let (mut passed, mut failed) = (0, 0);
        for case in &raw.case {
            match run_case(&pack.tree, file, case, &self.files) {
                Ok(verdict) => {
                    passed += 1;
                    let taken = verdict.path.iter().map(|(s, _)| (s.node, s.answer));
                    run.covered.extend(taken);
                }
                Err(lines) => {
                    failed += 1;
                    let at = located(
                        &self.files,
                        &Span {
                            file,
                            range: case.name.span(),
                        },
                    );
                    write_failure(report, &at, case.name.get_ref(), &lines);
                }
            }
        }
        let name = &self.files.file(file).name;
        let counted = plural(raw.case.len(), "case");
        let label = run.key.label();
        let _ = writeln!(
            report,
            "{name} ({label}): {counted}, {passed} passed, {failed} failed"
        );
        self.tally.passed += passed;
        self.tally.failed += failed;
    }

    /// Each pack's edges that no passing case took, and those no route can take at all.
    fn coverage(&self, report: &mut String) {
        for run in &self.packs {
            if let Ok(pack) = &run.pack {
                write_coverage(&pack.tree, run, report);
            }
        }
    }
}

/// `FAIL file:line:col: name`, then what went wrong, indented.
fn write_failure(report: &mut String, at: &str, name: &str, lines: &[String]) {
    let _ = writeln!(report, "{} {at}: {name}", "FAIL".red().bold());
    for line in lines {
        let _ = writeln!(report, "    {line}");
    }
}

/// `file:line:col` of a place in a fixture.
fn located(files: &Sources, span: &Span) -> String {
    let at = files.line_col(span);
    format!("{}:{}:{}", files.file(span.file).name, at.line, at.col)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// One case: its answers, the walk, and every way the result differs from what it
/// expects, one line each.
fn run_case(
    tree: &Tree,
    file: FileId,
    case: &RawCase,
    files: &Sources,
) -> Result<Verdict, Vec<String>> {
    let given = answers(tree, file, case, files).map_err(|line| vec![line])?;
    let verdict = session::consult(tree, &given, Mode::OneShot, None).map_err(|e| match e {
        SessionError::Unanswered { question, path } => open_question(tree, question, &path),
        SessionError::Ask(_) => vec!["the walk needed a prompt".to_string()],
    })?;
    let mut problems = differences(tree, case, &verdict);
    if problems.is_empty() {
        return Ok(verdict);
    }
    problems.push(format!(
        "taken:    {}",
        taken(tree, verdict.path.iter().copied())
    ));
    Err(problems)
}

/// A question the walk needs, with no answer and no default: where the walk stopped.
fn open_question(tree: &Tree, question: QuestionId, path: &[Step]) -> Vec<String> {
    let at = match path.last() {
        Some(last) => tree.node(last.node).next[last.answer],
        None => tree.start,
    };
    let node = match at {
        Target::Node(node) => &tree.node(node).id,
        Target::Outcome(outcome) => &tree.outcome(outcome).id,
    };
    let steps = path.iter().map(|s| (*s, Source::Flag));
    let taken = match path {
        [] => String::new(),
        _ => format!("{}, then ", taken(tree, steps)),
    };
    vec![
        format!(
            "question `{}` is left open and has no default: answer it in `answers`",
            tree.question(question).id
        ),
        format!("taken:    {taken}node `{node}` needs it"),
    ]
}

/// The case's answers as the session takes them, or what is wrong with one, located.
fn answers(
    tree: &Tree,
    file: FileId,
    case: &RawCase,
    files: &Sources,
) -> Result<Vec<Option<usize>>, String> {
    let mut given = vec![None; tree.questions.len()];
    for (question, answer) in &case.answers {
        let text = format!("{}={}", question.get_ref(), answer.get_ref());
        let (q, a) = crate::cli::parse_answer(tree, &text).map_err(|message| {
            // An unknown question is pointed at by its key, an unknown answer by its value.
            let wrong = match tree.question_id(question.get_ref()) {
                None => question.span(),
                Some(_) => answer.span(),
            };
            format!(
                "{}: {message}",
                located(files, &Span { file, range: wrong })
            )
        })?;
        given[q] = Some(a);
    }
    Ok(given)
}

/// What the case expects and the walk did not do, one line each.
fn differences(tree: &Tree, case: &RawCase, verdict: &Verdict) -> Vec<String> {
    let mut problems = Vec::new();
    let outcome = tree.outcome(verdict.outcome);
    let status = tree.effective(verdict.outcome).0;
    if status != case.status {
        problems.push(format!(
            "status:   expected {}, got {status} {} (outcome `{}`)",
            case.status,
            tree.status_name(status),
            outcome.id
        ));
    }
    if let Some(expected) = case.outcome.as_ref().filter(|o| **o != outcome.id) {
        problems.push(format!(
            "outcome:  expected `{expected}`, got `{}`",
            outcome.id
        ));
    }
    let path: Vec<&str> = verdict
        .path
        .iter()
        .map(|(s, _)| &*tree.node(s.node).id)
        .collect();
    if let Some(expected) = case.path.as_ref().filter(|p| **p != path) {
        problems.push(format!(
            "path:     expected {}, got {}",
            arrows(expected.iter().map(String::as_str)),
            arrows(path.iter().copied())
        ));
    }
    problems
}

fn arrows<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    if ids.is_empty() {
        return "(no node)".to_string();
    }
    ids.join(" -> ")
}

/// The walk as `node=answer`, with the answers that came from defaults marked.
fn taken(tree: &Tree, path: impl Iterator<Item = (Step, Source)>) -> String {
    let steps: Vec<String> = path
        .map(|(step, source)| {
            let node = &tree.node(step.node).id;
            let answer = &tree.question(step.question).answers[step.answer].id;
            match source {
                Source::Default => format!("{node}={answer} (default)"),
                _ => format!("{node}={answer}"),
            }
        })
        .collect();
    if steps.is_empty() {
        return "(the start is an outcome)".to_string();
    }
    steps.join(", ")
}

/// An edge of the tree: a node and one answer of its question.
pub type Edge = (NodeId, usize);

/// Every edge of the tree, split into those some consistent route takes and those none
/// can (an answer already decided by an earlier node testing the same question). `None`
/// when the tree has too many routes to tell.
pub fn edges(tree: &Tree) -> (Vec<Edge>, Option<BTreeSet<Edge>>) {
    let all = (0..tree.nodes.len())
        .map(NodeId)
        .flat_map(|n| (0..tree.node(n).next.len()).map(move |a| (n, a)))
        .collect();
    let routes = crate::paths::routes(tree, ROUTE_LIMIT);
    let taken = (!routes.truncated).then(|| {
        routes
            .routes
            .iter()
            .flat_map(|r| r.steps.iter().map(|s| (s.node, s.answer)))
            .collect()
    });
    (all, taken)
}

fn write_coverage(tree: &Tree, run: &PackRun, report: &mut String) {
    let (all, possible) = edges(tree);
    let reachable = |e: &Edge| possible.as_ref().is_none_or(|p| p.contains(e));
    let uncovered: Vec<&Edge> = all
        .iter()
        .filter(|e| reachable(e) && !run.covered.contains(e))
        .collect();
    let unreachable: Vec<&Edge> = all.iter().filter(|e| !reachable(e)).collect();
    let total = all.len() - unreachable.len();
    let _ = writeln!(
        report,
        "\n{} ({}): {} of {total} reachable edges covered",
        run.key.label(),
        run.fixtures.join(", "),
        total - uncovered.len()
    );
    if possible.is_none() {
        let _ = writeln!(
            report,
            "  note: more than {ROUTE_LIMIT} routes; edges no route takes are listed as uncovered"
        );
    }
    // A scenario file for a few cases of a large pack would otherwise list the whole tree.
    const LISTED: usize = 10;
    for edge in uncovered.iter().take(LISTED) {
        let _ = writeln!(report, "  uncovered: {}", describe(tree, **edge));
    }
    if uncovered.len() > LISTED {
        let _ = writeln!(
            report,
            "  … and {} more uncovered",
            uncovered.len() - LISTED
        );
    }
    for edge in unreachable {
        let _ = writeln!(report, "  unreachable: {}", describe(tree, *edge));
    }
}

/// `node: question=answer -> target`.
pub fn describe(tree: &Tree, (node, answer): Edge) -> String {
    let node = tree.node(node);
    let question = tree.question(node.question);
    let target = match node.next[answer] {
        Target::Node(n) => &tree.node(n).id,
        Target::Outcome(o) => &tree.outcome(o).id,
    };
    format!(
        "{}: {}={} -> {target}",
        node.id, question.id, question.answers[answer].id
    )
}
