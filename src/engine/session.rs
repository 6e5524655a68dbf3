//! One consultation: the answers from flags, then defaults or questions for the rest, until
//! the walk reaches an outcome. Asking goes through the [`Asker`] trait, never a terminal.

use httpadvise_rules::model::{OutcomeId, Question, QuestionId, Tree};

use super::walk::{Step, Walker};

/// Where an answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A flag or `--answer` on the command line.
    Flag,
    /// The question's declared default, taken because nothing answered it.
    Default,
    /// Asked at a prompt.
    Asked,
}

/// What a prompt gives back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    Answer(usize),
    /// Undo the last question asked and ask it again.
    Back,
}

/// Why a prompt gave no answer.
#[derive(Debug)]
pub enum AskError {
    /// Ctrl-C.
    Interrupted,
    /// The input ended (Ctrl-D, or a closed stdin).
    EndOfInput,
    Io(std::io::Error),
}

/// What the session knows when it asks: the steps walked so far.
pub struct Context<'a> {
    pub tree: &'a Tree,
    pub path: &'a [Step],
    /// By question: whether its answer is a default nobody gave, so not worth repeating.
    pub assumed: &'a [bool],
    /// Whether there is an earlier asked question to go back to.
    pub can_go_back: bool,
    /// The answer to start the prompt at: the one given before going back, else the default.
    pub preselect: Option<usize>,
}

/// Asks one question. Implemented for terminals in `ask`, and by scripts in tests.
pub trait Asker {
    fn ask(&mut self, question: &Question, context: &Context<'_>) -> Result<Reply, AskError>;

    /// Which of the tree's families the request has a problem with, by index; `preselect`
    /// marks those picked before going back. The questions of the others take their
    /// defaults.
    fn families(&mut self, tree: &Tree, preselect: &[bool]) -> Result<Vec<usize>, AskError>;
}

/// Which open questions are asked and which take their default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Ask every question the flags leave open; defaults are only preselected.
    Interactive,
    /// Ask first which families of problem apply; then ask the open questions of those
    /// families, and those in none, and take the defaults of the rest.
    Guided,
    /// Take defaults; ask only questions without one (if an asker is at hand).
    OneShot,
}

/// The recommendation and how it was reached.
#[derive(Debug, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: OutcomeId,
    pub path: Vec<(Step, Source)>,
}

#[derive(Debug)]
pub enum SessionError {
    /// The path needs this question, it has no default, and nothing can ask it.
    Unanswered {
        question: QuestionId,
        path: Vec<Step>,
    },
    Ask(AskError),
}

/// Runs a consultation to its outcome.
pub fn consult(
    tree: &Tree,
    given: &[Option<usize>],
    mode: Mode,
    asker: Option<&mut dyn Asker>,
) -> Result<Verdict, SessionError> {
    Consultation::new(tree, given, mode, asker).run()
}

/// A consultation under way: the answers known, where each came from, and what was asked.
struct Consultation<'t, 'a> {
    tree: &'t Tree,
    given: &'t [Option<usize>],
    mode: Mode,
    asker: Option<&'a mut dyn Asker>,
    answers: Vec<Option<(usize, Source)>>,
    /// The questions asked, in order, for going back.
    asked: Vec<QuestionId>,
    /// Answers undone by going back, so the question starts where the user left it.
    undone: Vec<Option<usize>>,
    /// In a guided session, by question: whether its family was left out.
    skipped: Vec<bool>,
    /// The families picked last, to start from when the person goes back to them.
    picked: Vec<bool>,
}

impl<'t, 'a> Consultation<'t, 'a> {
    fn new(
        tree: &'t Tree,
        given: &'t [Option<usize>],
        mode: Mode,
        asker: Option<&'a mut dyn Asker>,
    ) -> Self {
        let n = tree.questions.len();
        // Without families to offer, a guided session asks what an interactive one does.
        let mode = match mode {
            Mode::Guided if tree.families.is_empty() => Mode::Interactive,
            mode => mode,
        };
        Consultation {
            tree,
            given,
            mode,
            asker,
            answers: Vec::new(),
            asked: Vec::new(),
            undone: vec![None; n],
            skipped: vec![false; n],
            picked: vec![false; tree.families.len()],
        }
    }

    fn run(mut self) -> Result<Verdict, SessionError> {
        self.start()?;
        let tree = self.tree;
        let mut walker = Walker::new(tree);
        loop {
            let question = match walker.advance(|q| self.answers[q.0].map(|(a, _)| a)) {
                Ok(outcome) => return Ok(verdict(outcome, walker.into_path(), &self.answers)),
                Err(question) => question,
            };
            let q = tree.question(question);
            let assume = match self.mode {
                Mode::OneShot => q.default,
                Mode::Guided if self.skipped[question.0] => q.default,
                _ => None,
            };
            if let Some(default) = assume {
                self.answers[question.0] = Some((default, Source::Default));
                continue;
            }
            let Some(asker) = self.asker.as_deref_mut() else {
                let path = walker.into_path();
                return Err(SessionError::Unanswered { question, path });
            };
            let assumed: Vec<bool> = self
                .answers
                .iter()
                .map(|a| matches!(a, Some((_, Source::Default))))
                .collect();
            let context = Context {
                tree,
                path: walker.path(),
                assumed: &assumed,
                can_go_back: !self.asked.is_empty() || self.mode == Mode::Guided,
                preselect: self.undone[question.0].or(q.default),
            };
            match asker.ask(q, &context).map_err(SessionError::Ask)? {
                Reply::Answer(answer) => {
                    self.answers[question.0] = Some((answer, Source::Asked));
                    self.asked.push(question);
                }
                Reply::Back => self.back()?,
            }
            // The answer taken back may lie anywhere on the path: walk it again.
            walker = Walker::new(tree);
        }
    }

    /// The answers the command line gave; in a guided session, then, which families apply.
    fn start(&mut self) -> Result<(), SessionError> {
        self.answers = self
            .given
            .iter()
            .map(|a| a.map(|a| (a, Source::Flag)))
            .collect();
        self.answers.resize(self.tree.questions.len(), None);
        if self.mode != Mode::Guided {
            return Ok(());
        }
        let Some(asker) = self.asker.as_deref_mut() else {
            return Ok(());
        };
        let picked = asker
            .families(self.tree, &self.picked)
            .map_err(SessionError::Ask)?;
        self.picked = (0..self.tree.families.len())
            .map(|f| picked.contains(&f))
            .collect();
        self.skipped.fill(false);
        for (family, picked) in self.tree.families.iter().zip(&self.picked) {
            for question in family.questions.iter().filter(|_| !picked) {
                self.skipped[question.0] = true;
            }
        }
        Ok(())
    }

    /// Undoes the last question asked; before the first, goes back to the families.
    fn back(&mut self) -> Result<(), SessionError> {
        match self.asked.pop() {
            Some(last) => {
                self.undone[last.0] = self.answers[last.0].take().map(|(a, _)| a);
                // Defaults taken after it may not lie on the new path.
                for answer in &mut self.answers {
                    if matches!(answer, Some((_, Source::Default))) {
                        *answer = None;
                    }
                }
                Ok(())
            }
            None => self.start(),
        }
    }
}

fn verdict(outcome: OutcomeId, path: Vec<Step>, answers: &[Option<(usize, Source)>]) -> Verdict {
    let path = path
        .into_iter()
        .map(|step| {
            let source = answers[step.question.0].map_or(Source::Flag, |(_, s)| s);
            (step, source)
        })
        .collect();
    Verdict { outcome, path }
}
