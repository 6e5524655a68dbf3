//! Finding and parsing rule files: the embedded pack, `--rules` files and folders.

pub mod raw;

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Kind};
use crate::source::{FileId, Sources, Span};
use raw::RawFile;

macro_rules! builtin {
    ($name:literal) => {
        (
            concat!("builtin:rules/", $name),
            include_str!(concat!("../../rules/", $name)),
        )
    };
}

/// The built-in pack, in load order. `tests/rules_invariants.rs` checks this list against
/// the files in `rules/`, so a new file cannot be forgotten here.
pub const BUILTIN: &[(&str, &str)] = &[
    builtin!("00-statuses.toml"),
    builtin!("10-questions.toml"),
    builtin!("20-tree.toml"),
    builtin!("30-before-content.toml"),
    builtin!("40-preconditions.toml"),
    builtin!("50-content.toml"),
    builtin!("60-idempotency.toml"),
    builtin!("70-state.toml"),
    builtin!("80-success.toml"),
];

/// Larger rule files are refused before they are read: no real pack comes near it, and it
/// keeps a stray multi-gigabyte file from being loaded into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where the rules of one run come from.
#[derive(Clone, Debug, Default)]
pub struct RuleSources {
    pub builtin: bool,
    pub paths: Vec<PathBuf>,
}

/// The parsed files of a pack, in load order, and every problem met while reading them.
#[derive(Debug, Default)]
pub struct Parsed {
    pub sources: Sources,
    pub files: Vec<(FileId, RawFile)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every rule file, carrying on past bad ones so all problems are seen.
pub fn parse(from: &RuleSources) -> Parsed {
    let mut parsed = Parsed::default();
    if from.builtin {
        for (name, text) in BUILTIN {
            parsed.add_text(name.to_string(), text.to_string());
        }
    }
    for path in &from.paths {
        parsed.add_path(path);
    }
    parsed
}

impl Parsed {
    /// Parses one text as a rule file named `name`.
    pub fn add_text(&mut self, name: String, text: String) {
        let file = self.sources.add(name, text);
        match toml::from_str::<RawFile>(&self.sources.file(file).text) {
            Ok(raw) => self.files.push((file, raw)),
            Err(error) => self.diagnostics.push(toml_error(file, &error)),
        }
    }

    fn add_path(&mut self, path: &Path) {
        match rule_files(path) {
            Ok(files) => {
                for file in files {
                    self.add_file(&file);
                }
            }
            Err(reason) => self.read_error(path, reason),
        }
    }

    fn add_file(&mut self, path: &Path) {
        match read_rule_file(path) {
            Ok(text) => self.add_text(path.display().to_string(), text),
            Err(reason) => self.read_error(path, reason),
        }
    }

    fn read_error(&mut self, path: &Path, reason: String) {
        let path = path.display().to_string();
        self.diagnostics
            .push(Diagnostic::whole_pack(Kind::Read { path, reason }));
    }
}

/// The rule files a `--rules` path names: the file itself, or a folder's `*.toml` files in
/// name order (not descending into sub-folders, so a link loop cannot trap the walk).
fn rule_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(path).map_err(|e| io_reason(&e))? {
        let entry = entry.map_err(|e| io_reason(&e))?;
        let file = entry.path();
        if file.extension().is_some_and(|e| e == "toml") && file.is_file() {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err("the folder holds no `*.toml` rule files".into());
    }
    files.sort();
    Ok(files)
}

fn read_rule_file(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes, over the limit of {MAX_FILE_BYTES}",
            meta.len()
        ));
    }
    let bytes = fs::read(path).map_err(|e| io_reason(&e))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// serde's own messages mark a well-formed file whose keys or values do not fit the format.
const SCHEMA_MESSAGES: &[&str] = &[
    "unknown field",
    "missing field",
    "invalid type",
    "unknown variant",
    "invalid value",
    "invalid length",
    "duplicate field",
];

fn toml_error(file: FileId, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim_end().to_string();
    let kind = if SCHEMA_MESSAGES.iter().any(|m| message.starts_with(m)) {
        Kind::Schema { message }
    } else {
        Kind::Syntax { message }
    };
    let range = error.span().unwrap_or(0..0);
    Diagnostic::at(kind, Span { file, range })
}
