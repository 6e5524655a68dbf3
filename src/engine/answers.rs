//! Naming an answer by its ids, as `--answer ID=VALUE` and scenario files do: checked
//! against the tree, with the valid ids and the nearest one on a miss.

use httpadvise_rules::model::{self, Tree};
use httpadvise_rules::suggest::did_you_mean;

/// `ID=VALUE` → (question index, answer index), or a message saying what is wrong.
pub fn parse(tree: &Tree, text: &str) -> Result<(usize, usize), String> {
    let Some((id, value)) = text.split_once('=').filter(|(id, _)| !id.is_empty()) else {
        return Err(format!(
            "`--answer {text}` needs the form ID=VALUE, e.g. payload=invalid"
        ));
    };
    find(tree, id, value)
}

/// How many ids a message lists: every one of a real pack, not thousands of a hostile one.
const LISTED: usize = 40;

/// The question `id` and its answer `value`, by index, or a message saying what is wrong.
pub fn find(tree: &Tree, id: &str, value: &str) -> Result<(usize, usize), String> {
    let ids: Vec<&str> = tree.questions.iter().map(|q| &*q.id).collect();
    let Some(q) = tree.question_id(id) else {
        return Err(format!(
            "no question has the id `{id}` (the questions: {}){}",
            model::shown(&ids, ", ", LISTED),
            did_you_mean(id, ids.iter().copied())
        ));
    };
    let question = tree.question(q);
    // Answer ids are lowercase; `method=GET` names the answer `get`.
    let found = question
        .answer_index(value)
        .or_else(|| question.answer_index(&value.to_ascii_lowercase()));
    let answer = found.ok_or_else(|| {
        let answers = question.answer_ids();
        let hint = did_you_mean(value, answers.iter().copied());
        format!(
            "`{value}` is not an answer to `{id}` (its answers: {}){hint}",
            model::shown(&answers, ", ", LISTED)
        )
    })?;
    Ok((q.0, answer))
}
