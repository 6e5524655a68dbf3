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
    /// Whether there is an earlier asked question to go back to.
    pub can_go_back: bool,
    /// The answer to start the prompt at: the one given before going back, else the default.
    pub preselect: Option<usize>,
}

/// Asks one question. Implemented for terminals in `ask`, and by scripts in tests.
pub trait Asker {
    fn ask(&mut self, question: &Question, context: &Context<'_>) -> Result<Reply, AskError>;
}

/// Which open questions are asked and which take their default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Ask every question the flags leave open; defaults are only preselected.
    Interactive,
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
    mut asker: Option<&mut dyn Asker>,
) -> Result<Verdict, SessionError> {
    let mut answers: Vec<Option<(usize, Source)>> =
        given.iter().map(|a| a.map(|a| (a, Source::Flag))).collect();
    answers.resize(tree.questions.len(), None);
    let mut asked: Vec<QuestionId> = Vec::new();
    // Answers undone by going back, so the question starts where the user left it.
    let mut undone: Vec<Option<usize>> = vec![None; tree.questions.len()];
    let mut walker = Walker::new(tree);
    loop {
        let question = match walker.advance(|q| answers[q.0].map(|(a, _)| a)) {
            Ok(outcome) => return Ok(verdict(outcome, walker.into_path(), &answers)),
            Err(question) => question,
        };
        let q = tree.question(question);
        if let (Mode::OneShot, Some(default)) = (mode, q.default) {
            answers[question.0] = Some((default, Source::Default));
            continue;
        }
        let Some(asker) = asker.as_deref_mut() else {
            let path = walker.into_path();
            return Err(SessionError::Unanswered { question, path });
        };
        let context = Context {
            tree,
            path: walker.path(),
            can_go_back: !asked.is_empty(),
            preselect: undone[question.0].or(q.default),
        };
        match asker.ask(q, &context).map_err(SessionError::Ask)? {
            Reply::Answer(answer) => {
                answers[question.0] = Some((answer, Source::Asked));
                asked.push(question);
            }
            Reply::Back => {
                if let Some(last) = asked.pop() {
                    undone[last.0] = answers[last.0].take().map(|(a, _)| a);
                }
                // The answer taken back may lie anywhere on the path: walk it again.
                walker = Walker::new(tree);
            }
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
