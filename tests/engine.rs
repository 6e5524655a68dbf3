//! The engine on a small pack made for it: a consultation takes flags, then defaults or
//! questions; going back asks again from the answer given; `--expect` agrees where the
//! rules do and otherwise names the nearest answers, each with the run's own answer.

mod common;

use std::collections::VecDeque;

use httpadvise::engine::expect;
use httpadvise::engine::session::{
    consult, AskError, Asker, Context, Mode, Reply, SessionError, Source,
};
use httpadvise::output::report;
use httpadvise_rules::model::{Question, Tree};

/// `kind` (no default) decides between a branch that asks `size` and one that asks
/// `colour`; `size` has a default, `colour` has none. 201 fits wherever 200 is the answer.
/// `size` is the one question of family `sizes`.
const PACK: &str = r#"
[pack]
start = "kind"

[[status]]
code = 200
name = "OK"
meaning = "Fine."

[[status]]
code = 201
name = "Created"
meaning = "Made."

[[status]]
code = 413
name = "Content Too Large"
meaning = "Too big."

[[status]]
code = 422
name = "Unprocessable Content"
meaning = "Wrong."

[[question]]
id = "kind"
kind = "choice"
prompt = "Which kind?"
help = "The kind."

[[question.choice]]
id = "box"
label = "A box"

[[question.choice]]
id = "paint"
label = "Paint"

[[question]]
id = "size"
kind = "choice"
prompt = "How big?"
help = "The size."
default = "small"

[[question.choice]]
id = "small"
label = "Small"

[[question.choice]]
id = "huge"
label = "Huge"

[[question]]
id = "colour"
kind = "yes-no"
prompt = "A known colour?"
help = "The colour."

[[family]]
id = "sizes"
label = "The size"
assumed = "size fine"
questions = ["size"]

[[node]]
id = "kind"
question = "kind"
on = { box = "size", paint = "colour" }

[[node]]
id = "size"
question = "size"
on = { small = "fine", huge = "too-big" }

[[node]]
id = "colour"
question = "colour"
on = { yes = "fine", no = "wrong" }

[[outcome]]
id = "fine"
status = 200
also-fits = [201]
summary = "Fine."
explanation = "Fine."
retry = "not-needed"
next-step = "Nothing."

[[outcome]]
id = "too-big"
status = 413
summary = "Too big."
explanation = "Too big."
retry = "no"
next-step = "Smaller."

[[outcome]]
id = "wrong"
status = 422
summary = "Wrong."
explanation = "Wrong."
retry = "no"
next-step = "Fix it."
"#;

fn tree() -> Tree {
    common::load_text("engine.toml", PACK)
        .expect("the pack loads")
        .tree
}

/// Answers by `question=answer`, indexed as the session takes them.
fn answers(tree: &Tree, given: &[&str]) -> Vec<Option<usize>> {
    let mut answers = vec![None; tree.questions.len()];
    for pair in given {
        let (q, a) = httpadvise::engine::answers::parse(tree, pair).expect("a valid answer");
        answers[q] = Some(a);
    }
    answers
}

/// Replies in turn, recording each question asked; picks the families in `families`, one
/// set each time it is asked.
struct Script {
    replies: VecDeque<Reply>,
    asked: Vec<String>,
    families: VecDeque<Vec<usize>>,
}

impl Script {
    fn new(replies: impl IntoIterator<Item = Reply>) -> Self {
        Script {
            replies: replies.into_iter().collect(),
            asked: Vec::new(),
            families: VecDeque::new(),
        }
    }
}

impl Asker for Script {
    fn ask(&mut self, question: &Question, context: &Context<'_>) -> Result<Reply, AskError> {
        let preselect = context.preselect.map(|a| question.answers[a].id.clone());
        self.asked
            .push(format!("{}:{}", question.id, preselect.unwrap_or_default()));
        self.replies.pop_front().ok_or(AskError::EndOfInput)
    }

    fn families(&mut self, _: &Tree, preselect: &[bool]) -> Result<Vec<usize>, AskError> {
        let preselect: Vec<&str> = preselect
            .iter()
            .map(|p| if *p { "x" } else { "-" })
            .collect();
        self.asked.push(format!("families:{}", preselect.concat()));
        self.families.pop_front().ok_or(AskError::EndOfInput)
    }
}

#[test]
fn a_one_shot_run_takes_defaults_and_says_where_each_answer_came_from() {
    let tree = tree();
    let verdict =
        consult(&tree, &answers(&tree, &["kind=box"]), Mode::OneShot, None).expect("an outcome");
    assert_eq!(tree.outcome(verdict.outcome).id, "fine");
    let sources: Vec<Source> = verdict.path.iter().map(|(_, s)| *s).collect();
    assert_eq!(sources, [Source::Flag, Source::Default]);
}

#[test]
fn a_question_without_a_default_and_nobody_to_ask_stops_the_run_where_it_is_needed() {
    let tree = tree();
    let error = consult(&tree, &answers(&tree, &["kind=paint"]), Mode::OneShot, None)
        .expect_err("colour has no default");
    let SessionError::Unanswered { question, path } = error else {
        panic!("not an unanswered question: {error:?}");
    };
    assert_eq!(tree.question(question).id, "colour");
    assert_eq!(path.len(), 1);
}

#[test]
fn going_back_asks_the_previous_question_again_starting_at_its_answer() {
    let tree = tree();
    let mut script = Script::new([
        Reply::Answer(0), // kind = box
        Reply::Back,      // at size: back to kind
        Reply::Answer(1), // kind = paint
        Reply::Answer(1), // colour = no
    ]);
    let verdict = consult(&tree, &[], Mode::Interactive, Some(&mut script)).expect("an outcome");
    assert_eq!(tree.outcome(verdict.outcome).id, "wrong");
    // Interactive: size is asked though it has a default, which it starts at; kind is
    // asked again at the answer given before going back.
    assert_eq!(script.asked, ["kind:", "size:small", "kind:box", "colour:"]);
}

#[test]
fn a_guided_session_asks_only_the_families_picked_and_assumes_the_rest() {
    let tree = tree();
    let mut none = Script::new([Reply::Answer(0)]);
    none.families.push_back(vec![]);
    let verdict = consult(&tree, &[], Mode::Guided, Some(&mut none)).expect("an outcome");
    assert_eq!(none.asked, ["families:-", "kind:"]);
    let sources: Vec<Source> = verdict.path.iter().map(|(_, s)| *s).collect();
    assert_eq!(sources, [Source::Asked, Source::Default]);

    let mut sizes = Script::new([Reply::Answer(0), Reply::Answer(1)]);
    sizes.families.push_back(vec![0]);
    let verdict = consult(&tree, &[], Mode::Guided, Some(&mut sizes)).expect("an outcome");
    assert_eq!(sizes.asked, ["families:-", "kind:", "size:small"]);
    assert_eq!(tree.outcome(verdict.outcome).id, "too-big");
}

#[test]
fn going_back_from_the_first_question_offers_the_families_again_as_picked() {
    let tree = tree();
    let mut script = Script::new([Reply::Back, Reply::Answer(0)]);
    script.families.extend([vec![0], vec![]]);
    let verdict = consult(&tree, &[], Mode::Guided, Some(&mut script)).expect("an outcome");
    assert_eq!(script.asked, ["families:-", "kind:", "families:x", "kind:"]);
    assert_eq!(tree.outcome(verdict.outcome).id, "fine");
}

#[test]
fn an_expected_code_agrees_where_the_outcome_returns_it_or_says_it_fits_as_well() {
    let tree = tree();
    let given = answers(&tree, &["kind=box"]);
    let verdict = consult(&tree, &given, Mode::OneShot, None).expect("an outcome");
    for code in [200, 201] {
        let check = expect::check(&tree, &verdict, &given, code);
        assert!(check.agrees, "{code}");
        assert!(check.alternatives.is_empty());
    }
}

#[test]
fn a_disagreement_names_the_answers_to_change_with_the_runs_own() {
    let tree = tree();
    let given = answers(&tree, &["kind=box"]);
    let verdict = consult(&tree, &given, Mode::OneShot, None).expect("an outcome");
    let check = expect::check(&tree, &verdict, &given, 413);
    assert!(!check.agrees);
    let changes = &check.alternatives[0].changes;
    // `size` was taken by default on the path: that is the run's answer.
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (
            changes[0].question.as_str(),
            changes[0].from.as_deref(),
            changes[0].to.as_str()
        ),
        ("size", Some("small"), "huge")
    );
    assert_eq!(report::describe(changes), "size = huge (not small)");
}

#[test]
fn a_question_the_run_never_reached_has_no_answer_to_change_from() {
    let tree = tree();
    let given = answers(&tree, &["kind=box"]);
    let verdict = consult(&tree, &given, Mode::OneShot, None).expect("an outcome");
    let check = expect::check(&tree, &verdict, &given, 422);
    let colour = check.alternatives[0]
        .changes
        .iter()
        .find(|c| c.question == "colour")
        .expect("422 needs colour = no");
    assert_eq!(colour.from, None, "the run never reached colour");
    // Given on the command line, though the path never asked it: then it is the run's.
    let given = answers(&tree, &["kind=box", "colour=yes"]);
    let verdict = consult(&tree, &given, Mode::OneShot, None).expect("an outcome");
    let check = expect::check(&tree, &verdict, &given, 422);
    let colour = check.alternatives[0]
        .changes
        .iter()
        .find(|c| c.question == "colour")
        .expect("422 needs colour = no");
    assert_eq!(colour.from.as_deref(), Some("yes"));
}

#[test]
fn a_code_no_route_leads_to_has_no_alternative() {
    let tree = tree();
    let given = answers(&tree, &["kind=box"]);
    let verdict = consult(&tree, &given, Mode::OneShot, None).expect("an outcome");
    let check = expect::check(&tree, &verdict, &given, 999);
    assert!(!check.agrees);
    assert!(check.alternatives.is_empty());
}
