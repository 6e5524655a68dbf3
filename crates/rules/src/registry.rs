//! The IANA HTTP Status Code Registry: every registered code's name and defining document,
//! and a one-line meaning, so `explain` and `compare` can speak of any code, with or
//! without a route of the rules to it. The names and references are the registry's
//! (https://www.iana.org/assignments/http-status-codes/); a reference with a section is
//! the registry's own, one without names the document only, as the registry does.

/// One registered code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registered {
    pub code: u16,
    pub name: &'static str,
    /// The defining document, as the registry names it: "RFC 9110".
    pub document: &'static str,
    /// The section the registry names, if it names one.
    pub section: Option<&'static str>,
    pub url: &'static str,
    pub meaning: &'static str,
}

/// The code's registry entry, if the code is registered.
pub fn registered(code: u16) -> Option<&'static Registered> {
    REGISTRY.iter().find(|r| r.code == code)
}

macro_rules! rfc9110 {
    ($code:literal, $name:literal, $section:literal, $meaning:literal) => {
        Registered {
            code: $code,
            name: $name,
            document: "RFC 9110",
            section: Some($section),
            url: concat!("https://www.rfc-editor.org/rfc/rfc9110#section-", $section),
            meaning: $meaning,
        }
    };
}

macro_rules! other {
    ($code:literal, $name:literal, $document:literal, $url:literal, $meaning:literal) => {
        Registered {
            code: $code,
            name: $name,
            document: $document,
            section: None,
            url: $url,
            meaning: $meaning,
        }
    };
}

/// Every registered code, in order.
pub(crate) const REGISTRY: &[Registered] = &[
    rfc9110!(100, "Continue", "15.2.1", "The server has the request's header and the client may send its content."),
    rfc9110!(101, "Switching Protocols", "15.2.2", "The server agrees to the client's Upgrade request and switches to another protocol on this connection."),
    other!(102, "Processing", "RFC 2518", "https://www.rfc-editor.org/rfc/rfc2518", "A WebDAV interim response: the server is still working on a long request."),
    other!(103, "Early Hints", "RFC 8297", "https://www.rfc-editor.org/rfc/rfc8297", "An interim response with header fields (often Link preloads) the final response will likely carry."),
    other!(104, "Upload Resumption Supported", "draft-ietf-httpbis-resumable-upload-05", "https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-resumable-upload-05", "A temporary registration (made 2024-11-13, extended to 2026-11-13) for resumable uploads: an interim response saying the server can resume this upload."),
    rfc9110!(200, "OK", "15.3.1", "The request succeeded."),
    rfc9110!(201, "Created", "15.3.2", "The request succeeded and created at least one new resource."),
    rfc9110!(202, "Accepted", "15.3.3", "The request was accepted for processing, which has not finished."),
    rfc9110!(203, "Non-Authoritative Information", "15.3.4", "A transforming proxy changed the origin server's 200 response."),
    rfc9110!(204, "No Content", "15.3.5", "The request succeeded and the response carries no content."),
    rfc9110!(205, "Reset Content", "15.3.6", "The request succeeded and the client should reset the document view it sent it from."),
    rfc9110!(206, "Partial Content", "15.3.7", "The response carries the parts of the representation that a Range request asked for."),
    other!(207, "Multi-Status", "RFC 4918", "https://www.rfc-editor.org/rfc/rfc4918", "A WebDAV response carrying a status for each of several resources."),
    other!(208, "Already Reported", "RFC 5842", "https://www.rfc-editor.org/rfc/rfc5842", "A WebDAV binding member already listed in this multi-status response."),
    other!(226, "IM Used", "RFC 3229", "https://www.rfc-editor.org/rfc/rfc3229", "The response is the result of instance manipulations (delta encoding) applied to the current instance."),
    rfc9110!(300, "Multiple Choices", "15.4.1", "The target has several representations, and the client may pick one."),
    rfc9110!(301, "Moved Permanently", "15.4.2", "The target has a new permanent URI, given in Location."),
    rfc9110!(302, "Found", "15.4.3", "The target is at another URI for now, given in Location."),
    rfc9110!(303, "See Other", "15.4.4", "The answer is at another resource, named in Location, to be retrieved with GET."),
    rfc9110!(304, "Not Modified", "15.4.5", "A conditional GET or HEAD found the client's stored copy still current."),
    rfc9110!(305, "Use Proxy", "15.4.6", "Deprecated: it once asked the client to go through a proxy."),
    rfc9110!(306, "(Unused)", "15.4.7", "Reserved: once used, no longer defined."),
    rfc9110!(307, "Temporary Redirect", "15.4.8", "The target is at another URI for now; the client repeats the request there without changing its method."),
    rfc9110!(308, "Permanent Redirect", "15.4.9", "The target has a new permanent URI; the client repeats the request there without changing its method."),
    rfc9110!(400, "Bad Request", "15.5.1", "The server will not process a request it sees as a client error, such as malformed syntax."),
    rfc9110!(401, "Unauthorized", "15.5.2", "The request lacks valid authentication credentials; the response carries a WWW-Authenticate challenge."),
    rfc9110!(402, "Payment Required", "15.5.3", "Reserved for future use."),
    rfc9110!(403, "Forbidden", "15.5.4", "The server understood the request and refuses to fulfil it."),
    rfc9110!(404, "Not Found", "15.5.5", "The server has no current representation of the target, or will not say that one exists."),
    rfc9110!(405, "Method Not Allowed", "15.5.6", "The target does not support the request's method; Allow lists those it does."),
    rfc9110!(406, "Not Acceptable", "15.5.7", "No representation of the target is acceptable under the request's negotiation header fields."),
    rfc9110!(407, "Proxy Authentication Required", "15.5.8", "The client must authenticate with a proxy first."),
    rfc9110!(408, "Request Timeout", "15.5.9", "The server did not receive a complete request in time."),
    rfc9110!(409, "Conflict", "15.5.10", "The request conflicts with the current state of the target resource."),
    rfc9110!(410, "Gone", "15.5.11", "The target is no longer available, and this is likely permanent."),
    rfc9110!(411, "Length Required", "15.5.12", "The server refuses a request without a Content-Length."),
    rfc9110!(412, "Precondition Failed", "15.5.13", "A condition in the request's header fields evaluated to false."),
    rfc9110!(413, "Content Too Large", "15.5.14", "The request content is larger than the server will process."),
    rfc9110!(414, "URI Too Long", "15.5.15", "The target URI is longer than the server will interpret."),
    rfc9110!(415, "Unsupported Media Type", "15.5.16", "The content is in a format the target does not support for this method."),
    rfc9110!(416, "Range Not Satisfiable", "15.5.17", "None of the ranges the request asked for overlap the representation."),
    rfc9110!(417, "Expectation Failed", "15.5.18", "The server cannot meet the request's Expect header field."),
    rfc9110!(418, "(Unused)", "15.5.19", "Reserved: taken by a joke specification and not to be assigned."),
    rfc9110!(421, "Misdirected Request", "15.5.20", "The request reached a server that cannot answer for this target's scheme and authority."),
    rfc9110!(422, "Unprocessable Content", "15.5.21", "The content type and syntax are understood, but the instructions it holds cannot be processed."),
    other!(423, "Locked", "RFC 4918", "https://www.rfc-editor.org/rfc/rfc4918", "A WebDAV status: the resource is locked."),
    other!(424, "Failed Dependency", "RFC 4918", "https://www.rfc-editor.org/rfc/rfc4918", "A WebDAV status: the method failed because another action it depended on failed."),
    other!(425, "Too Early", "RFC 8470", "https://www.rfc-editor.org/rfc/rfc8470", "The server will not risk processing a request sent in TLS early data, which could be replayed."),
    rfc9110!(426, "Upgrade Required", "15.5.22", "The server refuses the request over the current protocol and names another in Upgrade."),
    other!(428, "Precondition Required", "RFC 6585", "https://www.rfc-editor.org/rfc/rfc6585", "The origin server requires the request to be conditional."),
    other!(429, "Too Many Requests", "RFC 6585", "https://www.rfc-editor.org/rfc/rfc6585", "The user has sent too many requests in a given amount of time."),
    other!(431, "Request Header Fields Too Large", "RFC 6585", "https://www.rfc-editor.org/rfc/rfc6585", "The request's header fields are too large to process."),
    other!(451, "Unavailable For Legal Reasons", "RFC 7725", "https://www.rfc-editor.org/rfc/rfc7725", "Access is denied as a consequence of a legal demand."),
    rfc9110!(500, "Internal Server Error", "15.6.1", "The server met an unexpected condition that kept it from fulfilling the request."),
    rfc9110!(501, "Not Implemented", "15.6.2", "The server does not support what the request needs, such as its method."),
    rfc9110!(502, "Bad Gateway", "15.6.3", "A gateway or proxy received an invalid response from the server it called."),
    rfc9110!(503, "Service Unavailable", "15.6.4", "The server cannot handle the request for now: overloaded, or down for maintenance."),
    rfc9110!(504, "Gateway Timeout", "15.6.5", "A gateway or proxy did not receive a timely response from the server it called."),
    rfc9110!(505, "HTTP Version Not Supported", "15.6.6", "The server does not support the request's major version of HTTP."),
    other!(506, "Variant Also Negotiates", "RFC 2295", "https://www.rfc-editor.org/rfc/rfc2295", "Transparent content negotiation loops: the chosen variant negotiates again."),
    other!(507, "Insufficient Storage", "RFC 4918", "https://www.rfc-editor.org/rfc/rfc4918", "A WebDAV status: the server cannot store what the request needs."),
    other!(508, "Loop Detected", "RFC 5842", "https://www.rfc-editor.org/rfc/rfc5842", "A WebDAV status: the server met an infinite loop while processing the request."),
    other!(510, "Not Extended (OBSOLETED)", "RFC 2774", "https://www.rfc-editor.org/rfc/rfc2774", "Obsolete: the request did not meet the policy of an HTTP extension framework, now historic."),
    other!(511, "Network Authentication Required", "RFC 6585", "https://www.rfc-editor.org/rfc/rfc6585", "The client must authenticate to gain network access, as with a captive portal."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_in_order_and_each_code_once() {
        let codes: Vec<u16> = REGISTRY.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(REGISTRY.iter().all(|r| (100..=599).contains(&r.code)));
    }

    #[test]
    fn unassigned_codes_are_not_registered() {
        for code in [105, 209, 299, 419, 420, 427, 430, 452, 509, 599] {
            assert_eq!(registered(code), None, "{code}");
        }
        assert_eq!(registered(418).map(|r| r.name), Some("(Unused)"));
    }
}
