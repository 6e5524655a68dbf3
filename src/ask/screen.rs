//! A prompt's lines on the terminal: written, counted in the rows they take at the
//! terminal's width, and cleared again. A line the terminal wraps takes several rows;
//! counting only the lines would leave the top of a redrawn prompt on the screen.

use std::io;

use dialoguer::console::{self, Key, Term};
use unicode_width::UnicodeWidthStr;

/// Writes a prompt's lines and keeps count of the rows they take, to clear exactly those.
pub struct Screen<'t> {
    term: &'t Term,
    /// Rows written above the cursor's row since the last clear.
    above: usize,
}

impl<'t> Screen<'t> {
    pub fn new(term: &'t Term) -> Self {
        Screen { term, above: 0 }
    }

    /// The terminal's rows and columns, at least one of each.
    pub fn size(&self) -> (usize, usize) {
        let (rows, columns) = self.term.size();
        (usize::from(rows).max(1), usize::from(columns).max(1))
    }

    /// Writes `text` and ends the line.
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.term.write_line(text)?;
        self.above += rows(text, self.size().1);
        Ok(())
    }

    /// Writes `text` and leaves the cursor after it, on its last row.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.term.write_str(text)?;
        self.above += rows(text, self.size().1) - 1;
        Ok(())
    }

    /// Clears what was written since the last clear; the cursor ends where it began.
    pub fn clear(&mut self) -> io::Result<()> {
        self.term.clear_line()?;
        self.term.clear_last_lines(self.above)?;
        self.above = 0;
        Ok(())
    }

    pub fn hide_cursor(&self) -> io::Result<()> {
        self.term.hide_cursor()
    }

    pub fn read_key(&self) -> io::Result<Key> {
        self.term.read_key()
    }
}

/// The rows `text` takes on a terminal `columns` wide: every line at least one, and one
/// more for each time it reaches past the edge. Escape sequences take no room.
pub fn rows(text: &str, columns: usize) -> usize {
    let columns = columns.max(1);
    text.split('\n')
        .map(|line| width(line).div_ceil(columns).max(1))
        .sum()
}

/// Breaks `line` at spaces to fit `columns`, its continuation lines indented by `indent`.
/// Words stay whole, hyphenated ones too: an answer's id must read as typed. A word too
/// wide for the terminal is left for it to wrap, and [`rows`] counts what it makes of it.
pub fn wrap(line: &str, columns: usize, indent: usize) -> String {
    let indent = " ".repeat(indent);
    let options = textwrap::Options::new(columns.max(1))
        .subsequent_indent(&indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(line, options).join("\n")
}

/// The columns `text` takes, without its escape sequences.
pub fn width(text: &str) -> usize {
    console::strip_ansi_codes(text).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_fits_takes_one_row_even_when_it_fills_it() {
        assert_eq!(rows("", 20), 1);
        assert_eq!(rows("short", 20), 1);
        assert_eq!(rows(&"x".repeat(20), 20), 1);
    }

    #[test]
    fn a_line_past_the_edge_takes_a_row_for_each_time_it_wraps() {
        assert_eq!(rows(&"x".repeat(21), 20), 2);
        assert_eq!(rows(&"x".repeat(40), 20), 2);
        assert_eq!(rows(&"x".repeat(41), 20), 3);
    }

    #[test]
    fn rows_are_counted_by_display_width_not_bytes_or_escapes() {
        // Ten wide characters fill twenty columns; thirty bytes of "é" are fifteen.
        assert_eq!(rows(&"語".repeat(10), 20), 1);
        assert_eq!(rows(&"語".repeat(11), 20), 2);
        assert_eq!(rows(&"é".repeat(15), 20), 1);
        assert_eq!(rows("\x1b[2mdimmed\x1b[0m", 6), 1);
    }

    #[test]
    fn every_line_of_a_text_counts() {
        assert_eq!(rows("one\ntwo", 20), 2);
        assert_eq!(rows(&format!("one\n{}", "x".repeat(25)), 20), 3);
    }

    #[test]
    fn items_wrap_between_words_under_their_text() {
        let item = "> The endpoint requires content and the request has none (missing)";
        let wrapped = wrap(item, 20, 2);
        assert_eq!(
            wrapped,
            "> The endpoint\n  requires content\n  and the request\n  has none (missing)"
        );
        assert!(wrapped.lines().all(|line| width(line) <= 20), "{wrapped}");
        assert_eq!(rows(&wrapped, 20), 4);
    }

    #[test]
    fn an_unmarked_item_keeps_its_leading_blanks() {
        let wrapped = wrap("  It parses and is valid by itself (valid)", 20, 2);
        assert_eq!(wrapped, "  It parses and is\n  valid by itself\n  (valid)");
    }

    #[test]
    fn a_word_too_long_for_the_terminal_stays_whole_and_its_rows_count() {
        let wrapped = wrap("  Modified (if-unmodified-since)", 20, 2);
        assert_eq!(wrapped, "  Modified\n  (if-unmodified-since)");
        assert_eq!(rows(&wrapped, 20), 3);
    }

    #[test]
    fn an_item_that_fits_is_left_as_it_is() {
        let item = "> If-Match (the entity tag no longer matches) (if-match)";
        assert_eq!(wrap(item, 80, 2), item);
    }
}
