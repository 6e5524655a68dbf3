//! The renderer's word wrapping gives, line for line, what textwrap gives with the options
//! the renderer used before it wrapped by itself: on every text of the built-in pack and
//! on the awkward cases, at every width from 1 to 120, with and without indents.

use httpadvise::rules::RuleSources;

fn textwrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

fn ours(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    httpadvise::wrap::wrap(text, width, first, rest)
        .into_iter()
        .map(|(indent, line)| format!("{indent}{line}"))
        .collect()
}

/// Every text the renderer may wrap from the built-in pack, split into paragraphs.
fn pack_texts() -> Vec<String> {
    let sources = RuleSources::builtin();
    let tree = httpadvise::load(&sources).expect("loads").tree;
    let mut texts: Vec<&str> = Vec::new();
    let flags: Vec<String> = tree
        .questions
        .iter()
        .map(|q| q.flags().join(", "))
        .collect();
    for q in &tree.questions {
        texts.extend([&*q.prompt, &*q.help]);
        texts.extend(q.answers.iter().map(|a| &*a.label));
    }
    texts.extend(flags.iter().map(String::as_str));
    for o in &tree.outcomes {
        texts.extend([&*o.summary, &*o.explanation, &*o.next_step]);
        texts.extend(o.why_not.iter().map(|w| &*w.reason));
        texts.extend(o.headers.iter().map(|h| &*h.why));
        texts.extend(o.problem.iter().filter_map(|p| p.members.as_deref()));
    }
    texts.extend(tree.statuses.values().map(|s| &*s.meaning));
    texts
        .iter()
        .flat_map(|t| t.split("\n\n").map(str::to_string))
        .collect()
}

const AWKWARD: &[&str] = &[
    "",
    " ",
    "   ",
    "word",
    "  leading spaces then words",
    "   averyveryverylongwordthatfitsnowhere and more",
    "trailing spaces   ",
    "two  spaces   between    words and a If-Unmodified-Since header",
    "a\nnew line inside\n\nand an empty one",
    "wide 漢字 characters and é accents → arrows",
    "tab\tinside and a\u{1b}[1mbold\u{1b}[0m word, a \u{1b}]8;;link\u{7}link and \u{1b}x",
];

#[test]
fn wrapping_matches_textwrap() {
    let mut texts = pack_texts();
    texts.extend(AWKWARD.iter().map(|t| t.to_string()));
    let indents = [("", ""), ("  ", "  "), ("  1. ", "     "), ("    ", "  ")];
    for text in &texts {
        for width in 1..=120 {
            for (first, rest) in indents {
                assert_eq!(
                    ours(text, width, first, rest),
                    textwrap(text, width, first, rest),
                    "{text:?} at width {width} after {first:?}/{rest:?}"
                );
            }
        }
    }
}
