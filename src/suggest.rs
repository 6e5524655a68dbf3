//! "Did you mean …?": the nearest of a set of names to a misspelt one.

/// The candidate most like `name`, if any is close enough to be worth suggesting.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_a_close_name_and_nothing_for_a_distant_one() {
        let names = ["precondition", "payload", "conflict"];
        assert_eq!(
            nearest("precondtion", names).as_deref(),
            Some("precondition")
        );
        assert_eq!(nearest("zzz", names), None);
    }
}
