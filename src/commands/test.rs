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
//! status = 400                      # or "stored": the stored response, replayed
//! outcome = "invalid-content"         # optional
//! path = ["content-headers", "preconditions", "required-precondition", "content"]  # optional
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use httpadvise_rules::builtin::{self, DEFAULT_PROFILE};
use httpadvise_rules::model::{NodeId, QuestionId, Step, Target, Tree};
use httpadvise_rules::read::{read_rule_file, toml_files, TomlFile};
use httpadvise_rules::routes::{self, ROUTE_LIMIT, STEP_LIMIT};
use httpadvise_rules::source::{FileId, Sources, Span};
use httpadvise_rules::{Files, Pack, RuleSources};
use serde::Deserialize;
use toml::Spanned;

use crate::engine::answers;
use crate::engine::session::{self, Mode, SessionError, Source, Verdict};
use crate::error::{Error, Exit};
use crate::output::report::{
    Broken, Coverage, Detail, EdgeLine, Ends, Place, Problem, Report, TakenStep, TestEntry, TestRun,
};
use crate::output::{self, Format, Output};
use crate::pack::Loader;

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
    status: Expected,
    outcome: Option<String>,
    path: Option<Vec<String>>,
}

/// The status a case expects: a code, or `"stored"` for an outcome that sends the stored
/// response of an earlier request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Expected(Option<u16>);

impl<'de> Deserialize<'de> for Expected {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Expected;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a status code, or \"stored\"")
            }
            fn visit_i64<E: serde::de::Error>(self, code: i64) -> Result<Expected, E> {
                match u16::try_from(code) {
                    Ok(code) if (100..=599).contains(&code) => Ok(Expected(Some(code))),
                    _ => Err(E::custom(format!(
                        "{code} is not a status code (100..=599)"
                    ))),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, code: u64) -> Result<Expected, E> {
                self.visit_i64(i64::try_from(code).unwrap_or(i64::MAX))
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<Expected, E> {
                match word {
                    "stored" => Ok(Expected(None)),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Str(word), &self)),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One pack the fixtures load, the fixtures that used it, and the edges their passing
/// cases took. Fixtures that load the same layers share one, so their coverage adds up.
struct PackRun {
    key: PackKey,
    /// The pack, or what kept it from loading, shared by every fixture that names it.
    pack: Result<Pack, Rc<Detail>>,
    fixtures: Vec<String>,
    covered: BTreeSet<(NodeId, usize)>,
}

impl PackRun {
    fn new(key: PackKey, pack: Result<Pack, Rc<Detail>>) -> Self {
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
    /// The fixture's own rule files, loaded after the run's `--rules`.
    extra: Vec<PathBuf>,
}

/// The whole run: fixture files (for their locations), the packs loaded, the report.
struct Runner<'a> {
    loader: &'a Loader,
    base: &'a RuleSources,
    files: Sources,
    packs: Vec<PackRun>,
    /// Set when no pack but those given may be loaded: nothing is read (see [`run_text`]).
    offline: bool,
    report: TestRun,
}

/// Runs every case of every fixture; `Exit::Disagree` if any fails. A folder stands for
/// its `*.toml` files in name order, as `--rules` takes one.
pub(crate) fn run(
    loader: &Loader,
    base: &RuleSources,
    fixtures: &[PathBuf],
    format: Format,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    let mut runner = Runner::new(loader, base, Vec::new());
    for path in fixtures {
        match toml_files(path, "scenario") {
            Ok(files) => files.iter().for_each(|file| runner.fixture(file)),
            Err(reason) => runner.broken(path.display().to_string(), reason),
        }
    }
    runner.finish(format, output)
}

/// Runs one fixture given as text against the built-in pack, reading no file: a fixture
/// that names rule files or another profile is reported as one that cannot run. What the
/// fuzz target for fixtures calls.
pub fn run_text(name: &str, text: &str, output: &mut Output<'_>) -> Result<Exit, Error> {
    let base = RuleSources::builtin();
    let loader = Loader::new(Files::default(), Vec::new);
    let key = PackKey {
        builtin: true,
        profile: Some(DEFAULT_PROFILE.to_string()),
        extra: Vec::new(),
    };
    let pack = loader.load(&base).map_err(Error::Rules)?;
    let mut runner = Runner::new(&loader, &base, vec![PackRun::new(key, Ok(pack))]);
    runner.offline = true;
    runner.fixture_text(name.to_string(), Path::new(""), text.to_string());
    runner.finish(Format::Text, output)
}

impl<'a> Runner<'a> {
    fn new(loader: &'a Loader, base: &'a RuleSources, packs: Vec<PackRun>) -> Self {
        Runner {
            loader,
            base,
            files: Sources::default(),
            packs,
            offline: false,
            report: TestRun {
                schema_version: crate::output::report::SCHEMA_VERSION,
                ..TestRun::default()
            },
        }
    }

    /// Prints the report with its coverage and totals; the exit says how the run went.
    fn finish(mut self, format: Format, output: &mut Output<'_>) -> Result<Exit, Error> {
        self.report.coverage = self
            .packs
            .iter()
            .filter_map(|run| Some(coverage(&run.pack.as_ref().ok()?.tree, run, self.base)))
            .collect();
        let report = &self.report;
        output::print(&Report::Test(report), format, output).map_err(Error::Output)?;
        // A fixture that cannot run is bad input, like a rule file that does not load; a
        // case that runs and disagrees is the rules' answer.
        Ok(match (report.broken, report.failed) {
            (0, 0) => Exit::Advice,
            (0, _) => Exit::Disagree,
            _ => Exit::Rules,
        })
    }

    /// Runs a fixture file; its own rule files are found from the path it was given by.
    fn fixture(&mut self, file: &TomlFile) {
        let name = file.shown.display().to_string();
        match read_rule_file(&file.read) {
            Ok(text) => {
                let folder = file.shown.parent().unwrap_or(Path::new(""));
                self.fixture_text(name, folder, text);
            }
            Err(reason) => self.broken(name, reason),
        }
    }

    /// Runs the fixture `text`, reported as `name`; its rule files are under `folder`.
    fn fixture_text(&mut self, name: String, folder: &Path, text: String) {
        let Some((file, raw)) = self.parse(name, text) else {
            return;
        };
        let key = match self.pack_key(folder, file, &raw) {
            Ok(key) => key,
            Err(broken) => return self.report_broken(broken),
        };
        if raw.case.is_empty() {
            // A fixture that tests nothing passing would read as a fixture that passed.
            let at = self.at(&Span { file, range: 0..0 });
            return self.broken(at, "the fixture holds no `[[case]]`".to_string());
        }
        let index = self.pack_index(key);
        let name = self.files.file(file).name.clone();
        self.packs[index].fixtures.push(name);
        if let Err(detail) = &self.packs[index].pack {
            // Pointed at the fixture's own rule files when it names some.
            let at = raw.rules.first().map_or(0..0, Spanned::span);
            let at = self.at(&Span { file, range: at });
            let detail = Rc::clone(detail);
            return self.report_broken(Broken {
                at,
                why: "the rules of this fixture did not load".to_string(),
                detail: Some(detail),
            });
        }
        self.cases(index, file, &raw);
    }

    /// Parses a fixture, or reports why it cannot.
    fn parse(&mut self, name: String, text: String) -> Option<(FileId, RawFixture)> {
        let file = self.files.add(name, text);
        match toml::from_str::<RawFixture>(&self.files.file(file).text) {
            Ok(raw) => Some((file, raw)),
            Err(e) => {
                let range = e.span().unwrap_or(0..0);
                let at = self.at(&Span { file, range });
                self.broken(at, e.message().trim_end().to_string());
                None
            }
        }
    }

    /// A fixture that could not run, at `at`, and why: reported, and counted apart from
    /// its cases.
    fn broken(&mut self, at: String, why: String) {
        let detail = None;
        self.report_broken(Broken { at, why, detail });
    }

    fn report_broken(&mut self, broken: Broken) {
        let message = broken;
        self.report.entries.push(TestEntry::Error { message });
        self.report.broken += 1;
    }

    fn at(&self, span: &Span) -> String {
        Place::new(&self.files, span).location()
    }

    /// The layers a fixture loads: the run's, its own profile, its own rule files.
    fn pack_key(&self, folder: &Path, file: FileId, raw: &RawFixture) -> Result<PackKey, Broken> {
        let profile = match &raw.profile {
            Some(profile) => Some(self.profile(file, profile)?),
            None => self.base.profile.clone(),
        };
        let profile = self
            .base
            .builtin
            .then(|| profile.unwrap_or(DEFAULT_PROFILE.to_string()));
        let mut extra: Vec<PathBuf> = Vec::new();
        for rules in &raw.rules {
            let path = self.beside(folder, file, rules)?;
            // A file named twice loads once, as `--rules` given the same file twice would
            // only repeat its entries.
            if !extra.contains(&path) {
                extra.push(path);
            }
        }
        Ok(PackKey {
            builtin: self.base.builtin,
            profile,
            extra,
        })
    }

    /// A fixture's rule file, which must lie in the fixture's folder or below it: a
    /// scenario from elsewhere must not make the program read, and quote, another file.
    fn beside(
        &self,
        folder: &Path,
        file: FileId,
        rules: &Spanned<String>,
    ) -> Result<PathBuf, Broken> {
        let named = Path::new(rules.get_ref());
        let climbs = named
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        let path = folder.join(named);
        // Links are followed: one inside the folder may not lead out of it.
        let resolved = fs::canonicalize(&path).ok();
        let base = fs::canonicalize(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        })
        .ok();
        let outside = match (resolved, base) {
            (Some(resolved), Some(base)) => !resolved.starts_with(base),
            _ => false,
        };
        if !climbs && !outside {
            return Ok(path);
        }
        let at = self.at(&Span {
            file,
            range: rules.span(),
        });
        let why = format!(
            "`{}` is outside the scenario's folder; a scenario loads only rule files in its \
             own folder or below it",
            named.display()
        );
        Err(Broken {
            at,
            why,
            detail: None,
        })
    }

    /// A fixture's `profile`, checked: the run's loader would quietly skip an unknown one.
    fn profile(&self, file: FileId, profile: &Spanned<String>) -> Result<String, Broken> {
        let name = profile.get_ref();
        let at = self.at(&Span {
            file,
            range: profile.span(),
        });
        let why = if !self.base.builtin {
            format!("profile `{name}` overlays the built-in rules, which this run leaves out")
        } else if builtin::profile(name).is_some() {
            return Ok(name.clone());
        } else {
            let names: Vec<&str> = builtin::profile_names().collect();
            let hint = httpadvise_rules::suggest::did_you_mean(name, names.iter().copied());
            format!(
                "no profile is named `{name}` (profiles: {}){hint}",
                names.join(", ")
            )
        };
        let detail = None;
        Err(Broken { at, why, detail })
    }

    /// The pack for these layers, loaded once however many fixtures use it.
    fn pack_index(&mut self, key: PackKey) -> usize {
        if let Some(i) = self.packs.iter().position(|p| p.key == key) {
            return i;
        }
        let pack = match self.offline {
            true => Err(Rc::new(Detail::Said("this run loads no other rule packs"))),
            false => self.load(&key),
        };
        self.packs.push(PackRun::new(key, pack));
        self.packs.len() - 1
    }

    /// The run's own files, never its house rules (a developer's .httpadvise.toml must not
    /// change what a fixture expects), then the fixture's.
    fn load(&self, key: &PackKey) -> Result<Pack, Rc<Detail>> {
        let mut files = self.loader.files.clone();
        files.house = None;
        for path in &key.extra {
            files.add_path(path);
        }
        let from = RuleSources {
            builtin: key.builtin,
            profile: key.profile.clone(),
            ..RuleSources::default()
        };
        let loaded = self.loader.load_files(&from, &files);
        loaded.map_err(|rejected| Rc::new(Detail::Rules(rejected)))
    }

    fn cases(&mut self, index: usize, file: FileId, raw: &RawFixture) {
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
                Err(problems) => {
                    failed += 1;
                    let span = Span {
                        file,
                        range: case.name.span(),
                    };
                    self.report.entries.push(TestEntry::Failure {
                        place: Place::new(&self.files, &span),
                        name: case.name.get_ref().clone(),
                        problems,
                    });
                }
            }
        }
        self.report.entries.push(TestEntry::Fixture {
            name: self.files.file(file).name.clone(),
            pack: label(&run.key, self.base),
            cases: raw.case.len(),
            passed,
            failed,
        });
        self.report.passed += passed;
        self.report.failed += failed;
    }
}

/// `profile rfc`, `profile zalando + extra.toml`, or the rule files alone.
fn label(key: &PackKey, base: &RuleSources) -> String {
    let mut label = match (&key.profile, key.builtin) {
        (Some(profile), true) => format!("profile {profile}"),
        _ => "without the built-in rules".to_string(),
    };
    let paths: Vec<String> = base
        .paths
        .iter()
        .chain(&key.extra)
        .map(|p| p.display().to_string())
        .collect();
    if !paths.is_empty() {
        label.push_str(&format!(" + {}", paths.join(", ")));
    }
    label
}

/// One case: its answers, the walk, and every way the result differs from what it
/// expects.
fn run_case(
    tree: &Tree,
    file: FileId,
    case: &RawCase,
    files: &Sources,
) -> Result<Verdict, Vec<Problem>> {
    let given = answers(tree, file, case, files).map_err(|problem| vec![problem])?;
    let verdict = session::consult(tree, &given, Mode::OneShot, None).map_err(|e| match e {
        SessionError::Unanswered { question, path } => open_question(tree, question, &path),
        SessionError::Ask(_) => vec![Problem::Prompted],
    })?;
    let mut problems = differences(tree, case, &verdict);
    if problems.is_empty() {
        return Ok(verdict);
    }
    problems.push(Problem::Taken {
        steps: taken(tree, verdict.path.iter().copied()),
        needs: None,
    });
    Err(problems)
}

/// A question the walk needs, with no answer and no default: where the walk stopped.
fn open_question(tree: &Tree, question: QuestionId, path: &[Step]) -> Vec<Problem> {
    let at = match path.last() {
        Some(last) => tree.node(last.node).next[last.answer],
        None => tree.start,
    };
    let steps = path.iter().map(|s| (*s, Source::Flag));
    vec![
        Problem::Open {
            question: tree.question(question).id.to_string(),
        },
        Problem::Taken {
            steps: taken(tree, steps),
            needs: Some(target_id(tree, at).to_string()),
        },
    ]
}

/// The case's answers as the session takes them, or what is wrong with one, located.
fn answers(
    tree: &Tree,
    file: FileId,
    case: &RawCase,
    files: &Sources,
) -> Result<Vec<Option<usize>>, Problem> {
    let mut given = vec![None; tree.questions.len()];
    for (question, answer) in &case.answers {
        let (q, a) =
            answers::find(tree, question.get_ref(), answer.get_ref()).map_err(|message| {
                // An unknown question is pointed at by its key, an unknown answer by its value.
                let wrong = match tree.question_id(question.get_ref()) {
                    None => question.span(),
                    Some(_) => answer.span(),
                };
                let place = Place::new(files, &Span { file, range: wrong });
                Problem::Answer { place, message }
            })?;
        given[q] = Some(a);
    }
    Ok(given)
}

/// What the case expects and the walk did not do.
fn differences(tree: &Tree, case: &RawCase, verdict: &Verdict) -> Vec<Problem> {
    let mut problems = Vec::new();
    let outcome = tree.outcome(verdict.outcome);
    let status = tree.effective(verdict.outcome).0;
    if status != case.status.0 {
        problems.push(Problem::Status {
            expected: case.status.0,
            got: status,
            title: tree.title(status).to_string(),
            outcome: outcome.id.to_string(),
        });
    }
    if let Some(expected) = case.outcome.as_ref().filter(|o| **o != outcome.id) {
        problems.push(Problem::Outcome {
            expected: expected.clone(),
            got: outcome.id.to_string(),
        });
    }
    let path: Vec<&str> = verdict
        .path
        .iter()
        .map(|(s, _)| &*tree.node(s.node).id)
        .collect();
    if let Some(expected) = case.path.as_ref().filter(|p| **p != path) {
        problems.push(Problem::Path {
            expected: Ends::of(expected.iter().cloned()),
            got: Ends::of(path.iter().map(|id| id.to_string())),
        });
    }
    problems
}

/// The walk's steps, with the answers that came from defaults marked.
fn taken(tree: &Tree, path: impl ExactSizeIterator<Item = (Step, Source)>) -> Ends<TakenStep> {
    Ends::of(path.map(|(step, source)| {
        TakenStep {
            node: tree.node(step.node).id.to_string(),
            answer: tree.question(step.question).answers[step.answer]
                .id
                .to_string(),
            default: source == Source::Default,
        }
    }))
}

/// The id of a node or an outcome.
fn target_id(tree: &Tree, target: Target) -> &str {
    match target {
        Target::Node(n) => &tree.node(n).id,
        Target::Outcome(o) => &tree.outcome(o).id,
    }
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
    let routes = routes::routes(tree);
    let taken = (!routes.truncated).then(|| {
        routes
            .routes
            .iter()
            .flat_map(|r| r.steps.iter().map(|s| (s.node, s.answer)))
            .collect()
    });
    (all, taken)
}

/// The edges of a pack: how many its passing cases took, and which they did not.
fn coverage(tree: &Tree, run: &PackRun, base: &RuleSources) -> Coverage {
    let (all, possible) = edges(tree);
    let reachable = |e: &Edge| possible.as_ref().is_none_or(|p| p.contains(e));
    let uncovered: Vec<EdgeLine> = all
        .iter()
        .filter(|e| reachable(e) && !run.covered.contains(e))
        .map(|e| describe(tree, *e))
        .collect();
    let unreachable: Vec<EdgeLine> = all
        .iter()
        .filter(|e| !reachable(e))
        .map(|e| describe(tree, *e))
        .collect();
    let total = all.len() - unreachable.len();
    Coverage {
        pack: label(&run.key, base),
        fixtures: run.fixtures.clone(),
        covered: total - uncovered.len(),
        reachable: total,
        routes_truncated: possible.is_none(),
        route_limit: ROUTE_LIMIT,
        step_limit: STEP_LIMIT,
        uncovered,
        unreachable,
    }
}

/// An edge by its ids.
pub fn describe(tree: &Tree, (node, answer): Edge) -> EdgeLine {
    let node = tree.node(node);
    let question = tree.question(node.question);
    EdgeLine {
        node: node.id.to_string(),
        question: question.id.to_string(),
        answer: question.answers[answer].id.to_string(),
        target: target_id(tree, node.next[answer]).to_string(),
    }
}
