//! The text of every rule file loaded, and turning byte offsets into file:line:col.

use std::ops::Range;

/// Which loaded file a span belongs to: an index into [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// A place in a rule file: the file and the byte range of the offending text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

/// A rule file as loaded: the name it is reported by, and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// `builtin:rules/NN-name.toml` for the embedded pack, the path as given otherwise.
    pub name: String,
    pub text: String,
    /// Where each line after the first starts: finding a line is a search, not a count
    /// from the start of the file for every place reported.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub(crate) fn new(name: String, text: String) -> Self {
        let line_starts = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        SourceFile {
            name,
            text,
            line_starts,
        }
    }
}

/// Line and column, both counted from 1; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Every rule file of one run, so that diagnostics can quote any of them.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile::new(name.into(), text.into()));
        FileId(self.files.len() - 1)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Where `span` starts, as line and column.
    pub fn line_col(&self, span: &Span) -> LineCol {
        let file = self.file(span.file);
        let text = &file.text;
        let offset = floor_char_boundary(text, span.range.start.min(text.len()));
        // The lines that start at or before the offset, the first one included.
        let line = file.line_starts.partition_point(|start| *start <= offset);
        let line_start = match line {
            0 => 0,
            n => file.line_starts[n - 1],
        };
        LineCol {
            line: line + 1,
            col: text[line_start..offset].chars().count() + 1,
        }
    }

    /// The whole line `span` starts on, without its line ending.
    pub fn line_text(&self, span: &Span) -> &str {
        let text = &self.file(span.file).text;
        let offset = floor_char_boundary(text, span.range.start.min(text.len()));
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        text[start..end].trim_end_matches('\r')
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(sources: &Sources, file: FileId, needle: &str) -> Span {
        let start = sources
            .file(file)
            .text
            .find(needle)
            .expect("needle in text");
        Span {
            file,
            range: start..start + needle.len(),
        }
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let mut sources = Sources::default();
        let file = sources.add("a.toml", "x = 1\né = \"here\"\n");
        let span = span_of(&sources, file, "\"here\"");
        assert_eq!(sources.line_col(&span), LineCol { line: 2, col: 5 });
        assert_eq!(sources.line_text(&span), "é = \"here\"");
    }

    #[test]
    fn a_span_past_the_end_is_clamped() {
        let mut sources = Sources::default();
        let file = sources.add("a.toml", "ab");
        let span = Span {
            file,
            range: 10..12,
        };
        assert_eq!(sources.line_col(&span), LineCol { line: 1, col: 3 });
    }
}
