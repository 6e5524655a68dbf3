//! Finding and reading rule files from disk: `--rules` files and folders, the house rules,
//! scenario fixtures. Each file is read once per run; what it gave is kept in [`Files`].

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

pub use crate::builtin::HOUSE_RULES;
use crate::diagnostic::{Diagnostic, Kind};
use crate::source::SourceFile;

/// Larger rule files are refused before they are read: no real pack comes near it, and it
/// keeps a stray multi-gigabyte file from being loaded into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where the rules of one run come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSources {
    pub builtin: bool,
    /// `--profile`; when `None`, the house rules' `profile`, else the default profile.
    pub profile: Option<String>,
    /// The house rules file, already found (or given with `--config`).
    pub config: Option<PathBuf>,
    /// `--rules` files and folders, loaded last.
    pub paths: Vec<PathBuf>,
}

impl RuleSources {
    /// The built-in pack and nothing else.
    pub fn builtin() -> Self {
        RuleSources {
            builtin: true,
            ..RuleSources::default()
        }
    }
}

/// The rule files of one run that come from disk, as read: a pipe gives its text once, so
/// whatever loads the rules again (another profile, `rules check`) loads these texts.
#[derive(Clone, Debug, Default)]
pub struct Files {
    pub house: Option<SourceFile>,
    /// The `--rules` files, in load order.
    pub rules: Vec<SourceFile>,
    /// Files that could not be read, in the order they were met.
    pub problems: Vec<Diagnostic>,
}

impl Files {
    /// Reads every file `from` names, carrying on past those that cannot be read so that
    /// all problems are seen. The built-in files need no reading: the program holds them.
    pub fn read(from: &RuleSources) -> Files {
        let mut files = Files::default();
        files.house = from
            .config
            .as_deref()
            .and_then(|path| files.file(path, path));
        for path in &from.paths {
            files.add_path(path);
        }
        files
    }

    /// One text alone, as if it were a `--rules` file named `name`.
    pub fn text(name: &str, text: &str) -> Files {
        Files {
            rules: vec![SourceFile {
                name: name.to_string(),
                text: text.to_string(),
            }],
            ..Files::default()
        }
    }

    /// Reads the rule files of `path` (a file, or a folder's `*.toml` files) after the others.
    pub fn add_path(&mut self, path: &Path) {
        match toml_files(path, "rule") {
            Ok(found) => {
                for file in found {
                    if let Some(file) = self.file(&file.shown, &file.read) {
                        self.rules.push(file);
                    }
                }
            }
            Err(reason) => self.unreadable(path, reason),
        }
    }

    /// The file at `read`, named `shown` in diagnostics.
    fn file(&mut self, shown: &Path, read: &Path) -> Option<SourceFile> {
        match read_rule_file(read) {
            Ok(text) => Some(SourceFile {
                name: shown.display().to_string(),
                text,
            }),
            Err(reason) => {
                self.unreadable(shown, reason);
                None
            }
        }
    }

    fn unreadable(&mut self, path: &Path, reason: String) {
        let path = path.display().to_string();
        self.problems
            .push(Diagnostic::whole_pack(Kind::Read { path, reason }));
    }
}

/// A TOML file to read: the path it is reported by (as the user gave it) and the resolved
/// path it is read from.
#[derive(Clone, Debug)]
pub struct TomlFile {
    pub shown: PathBuf,
    pub read: PathBuf,
}

/// A path that opens but does not resolve: a pipe, as `/dev/stdin` or `<(command)` gives,
/// links to a name like `pipe:[1234]` that is no path. It is read as given; anything else
/// that does not resolve (a link loop, a missing file) is the error resolving gave.
fn opened_as_given(path: &Path, error: &std::io::Error) -> Result<Vec<TomlFile>, String> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_dir() => Ok(vec![TomlFile {
            shown: path.to_path_buf(),
            read: path.to_path_buf(),
        }]),
        _ => Err(io_reason(error)),
    }
}

/// The files a path names, as `--rules`, `rules check` and `rules test` take it: the file
/// itself, or a folder's `*.toml` files in name order. Paths are resolved first, so a link
/// loop is an error rather than a trap; a folder's files must resolve inside it, so a link
/// cannot make the tool read elsewhere. `kind` names the files in the error an empty folder
/// gives ("rule", "scenario").
pub fn toml_files(path: &Path, kind: &str) -> Result<Vec<TomlFile>, String> {
    let resolved = match fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(error) => return opened_as_given(path, &error),
    };
    if !resolved.is_dir() {
        return Ok(vec![TomlFile {
            shown: path.to_path_buf(),
            read: resolved,
        }]);
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(&resolved).map_err(|e| io_reason(&e))? {
        let name = entry.map_err(|e| io_reason(&e))?.file_name();
        let shown = path.join(&name);
        if Path::new(&name).extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let read = fs::canonicalize(resolved.join(&name))
            .map_err(|e| format!("{}: {}", shown.display(), io_reason(&e)))?;
        if !read.starts_with(&resolved) {
            return Err(format!("{} links outside the folder", shown.display()));
        }
        if read.is_file() {
            files.push(TomlFile { shown, read });
        }
    }
    if files.is_empty() {
        return Err(format!("the folder holds no `*.toml` {kind} files"));
    }
    files.sort_by(|a, b| a.shown.cmp(&b.shown));
    Ok(files)
}

/// The house rules that apply in `folder`: the nearest `.httpadvise.toml` in it or above it.
pub fn find_house_rules(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .map(|dir| dir.join(HOUSE_RULES))
        .find(|candidate| candidate.is_file())
}

/// The text of a rule file (or fixture), or why it cannot be read.
pub fn read_rule_file(path: &Path) -> Result<String, String> {
    let bytes = read_limited(path)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The bytes of `path`, at most [`MAX_FILE_BYTES`] of them, or why not. A regular file
/// over the limit is refused before it is read; a device or a pipe (`/dev/zero`,
/// `<(command)`) has no size to check, so the limit also stops the reading itself.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes, over the limit of {MAX_FILE_BYTES}",
            meta.len()
        ));
    }
    let file = fs::File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    match bytes.len() as u64 > MAX_FILE_BYTES {
        true => Err(format!(
            "it gave more than the limit of {MAX_FILE_BYTES} bytes"
        )),
        false => Ok(bytes),
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}
