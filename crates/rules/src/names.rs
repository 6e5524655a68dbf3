//! What counts as a name in a rule file: ids become flags, anchors, DOT and Mermaid node
//! names and shell words, so they are plain, short and the same in every output.

/// Ids are at most this long.
pub const LONGEST_ID: usize = 64;

/// `[a-z0-9][a-z0-9-]*`, at most [`LONGEST_ID`] characters.
pub fn is_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= LONGEST_ID
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// Whether `url` is a web address, which every output may link to.
pub fn is_web_url(url: &str) -> bool {
    url.split_once(':')
        .is_some_and(|(scheme, _)| matches!(scheme.to_ascii_lowercase().as_str(), "https" | "http"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words_of_a_limited_length() {
        for good in ["payload", "if-none-match", "412", "a", "x-1-y"] {
            assert!(is_id(good), "{good}");
        }
        let long = "a".repeat(LONGEST_ID + 1);
        for bad in [
            "",
            "-x",
            "Payload",
            "a b",
            "a_b",
            "$(touch x)",
            "é",
            "a\u{1b}",
            &long,
        ] {
            assert!(!is_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn only_web_addresses_are_urls() {
        assert!(is_web_url("https://www.rfc-editor.org/rfc/rfc9110"));
        assert!(is_web_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "example.org",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
