//! Word wrapping for text output: textwrap's first-fit algorithm with the options the
//! renderer used (words split at ASCII spaces, never hyphenated or broken), written as
//! one pass over each line. textwrap's layers of per-word iterators cost a third of a
//! one-shot run; `tests/wrap.rs` holds this to textwrap's output.

use unicode_width::UnicodeWidthChar;

/// `text` wrapped to `width` columns, as (indent, text) lines: `first` indents the first
/// line, `rest` every other.
pub fn wrap<'a>(
    text: &'a str,
    width: usize,
    first: &'a str,
    rest: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let indent = if lines.is_empty() { first } else { rest };
        if line.len() < width && indent.is_empty() {
            lines.push((indent, line.trim_end_matches(' ')));
        } else {
            let widths = [
                width.saturating_sub(display_width(first)),
                width.saturating_sub(display_width(rest)),
            ];
            wrap_line(line, widths, (first, rest), &mut lines);
        }
    }
    lines
}

/// Fills lines word by word; a word that does not fit starts the next line, and a word
/// wider than a whole line gets one of its own. `widths` are the first line's room and
/// every later line's.
fn wrap_line<'a>(
    line: &'a str,
    widths: [usize; 2],
    (first, rest): (&'a str, &'a str),
    lines: &mut Vec<(&'a str, &'a str)>,
) {
    let push = |lines: &mut Vec<(&'a str, &'a str)>, body: &'a str| {
        let indent = if lines.is_empty() { first } else { rest };
        lines.push((indent, body));
    };
    // The current line: where it starts and ends in `line`, its width with the spaces
    // after its last word, and how many words it holds (the spaces that open a line
    // count as a word).
    let (mut start, mut end, mut used, mut held) = (0, 0, 0, 0);
    let mut done = 0;
    for word in words(line) {
        if used + word.width > widths[done.min(1)] && held > 0 {
            push(lines, &line[start..end]);
            done += 1;
            (start, used, held) = (word.start, 0, 0);
        }
        used += word.width + word.spaces;
        end = word.end;
        held += 1;
    }
    if held > 0 {
        push(lines, &line[start..end]);
    } else {
        // A line without a single word: textwrap gives an empty line, unindented.
        lines.push(("", ""));
    }
}

/// A word: its text at `start..end` of the line, how wide it shows, and how many spaces
/// follow it.
struct Word {
    start: usize,
    end: usize,
    width: usize,
    spaces: usize,
}

/// The words of a line. Spaces that open the line make a word of their own with no text.
fn words(line: &str) -> impl Iterator<Item = Word> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && bytes[at] != b' ' {
            at += 1;
        }
        let end = at;
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        Some(Word {
            start,
            end,
            width: display_width(&line[start..end]),
            spaces: at - end,
        })
    })
}

/// Columns `text` takes on a terminal: one per printable ASCII character, else as
/// Unicode says (zero for control characters, two for wide ones), not counting terminal
/// escape sequences.
pub fn display_width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.len();
    }
    let mut chars = text.chars();
    let mut width = 0;
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            skip_escape(&mut chars);
        } else {
            width += c.width().unwrap_or(0);
        }
    }
    width
}

/// Skips what follows an ESC as textwrap does: a CSI sequence (`ESC [` up to a final byte
/// in `@`..=`~`), an OSC one (`ESC ]` up to BEL or `ESC \\`), or else the one next character.
fn skip_escape(chars: &mut std::str::Chars<'_>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            let mut last = ']';
            for c in chars.by_ref() {
                if c == '\x07' || (c == '\\' && last == '\x1b') {
                    break;
                }
                last = c;
            }
        }
        _ => {}
    }
}
