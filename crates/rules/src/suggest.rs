//! "Did you mean …?": the nearest of a set of names to a misspelt one.

/// Names longer than this are never compared. Comparing two names takes time in the
/// product of their lengths, so two runaway ids, tens of kilobytes each, would stall
/// loading for minutes, and no real id comes near this length.
const LONGEST: usize = 64;

/// The candidate most like `name`, if any is close enough to be worth suggesting: a few
/// edits away (a swapped pair of letters counts as one), or sharing most of its start.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let length = name.chars().count();
    if length > LONGEST {
        return None;
    }
    let allowed = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| c.chars().count() <= LONGEST)
        .map(|c| {
            (
                strsim::damerau_levenshtein(name, c),
                strsim::jaro_winkler(name, c),
                c,
            )
        })
        .filter(|(edits, likeness, _)| *edits <= allowed || *likeness > 0.9)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, c)| c.to_string())
}

/// The tail a message gets when a name was probably misspelt: "; did you mean `x`?", or
/// nothing.
pub fn hint(suggestion: Option<&str>) -> String {
    suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?"))
}

/// The [`hint`] for `name` among `candidates`.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    hint(nearest(name, candidates).as_deref())
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, nearest};

    #[test]
    fn suggests_a_close_name_and_nothing_for_a_distant_one() {
        let names = ["precondition", "payload", "conflict"];
        assert_eq!(
            nearest("precondtion", names).as_deref(),
            Some("precondition")
        );
        assert_eq!(nearest("paylod", names).as_deref(), Some("payload"));
        assert_eq!(nearest("zzz", names), None);
        assert_eq!(did_you_mean("paylod", names), "; did you mean `payload`?");
        assert_eq!(did_you_mean("zzz", names), "");
    }
}
