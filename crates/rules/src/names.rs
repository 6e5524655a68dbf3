//! What counts as a name in a rule file: ids become flags, anchors, DOT and Mermaid node
//! names and shell words, so they are plain, short and the same in every output.

/// Ids are at most this long.
pub(crate) const LONGEST_ID: usize = 64;

/// `[a-z0-9][a-z0-9-]*`, at most [`LONGEST_ID`] characters.
pub(crate) fn is_id(id: &str) -> bool {
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
    url.split_once("://").is_some_and(|(scheme, rest)| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        matches!(scheme.to_ascii_lowercase().as_str(), "https" | "http") && !host.is_empty()
    })
}

/// Whether `name` is an extension member name as RFC 9457 §4 advises: "their names SHOULD
/// start with a letter ... and SHOULD comprise characters from ALPHA, DIGIT ... and "_" ...,
/// and they SHOULD be three characters or longer".
pub(crate) fn is_member_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_follow_rfc_9457_section_4() {
        for good in ["current_etag", "errors", "maxBytes", "a1_"] {
            assert!(is_member_name(good), "{good}");
        }
        for bad in ["current-etag", "id", "_x1", "1st", "a b", "é_x"] {
            assert!(!is_member_name(bad), "{bad}");
        }
    }

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
            "https:",
            "https://",
            "http:///path",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
