//! Finding and parsing rule files: the embedded pack, `--rules` files and folders.

pub mod raw;

use std::fs;
use std::io::Read;
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
    builtin!("90-contrasts.toml"),
];

macro_rules! profile {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../rules/profiles/", $name, ".toml")),
        )
    };
}

/// The profiles: overlays on the built-in pack, one per API guide. `rfc` changes nothing.
pub const PROFILES: &[(&str, &str)] = &[
    profile!("rfc"),
    profile!("zalando"),
    profile!("azure"),
    profile!("google"),
    profile!("github"),
    profile!("kubernetes"),
    profile!("jsonapi"),
];

/// The profile used when neither `--profile` nor the house rules name one.
pub const DEFAULT_PROFILE: &str = "rfc";

/// The file name searched for in the current folder and every folder above it.
pub const HOUSE_RULES: &str = ".httpadvise.toml";

/// Larger rule files are refused before they are read: no real pack comes near it, and it
/// keeps a stray multi-gigabyte file from being loaded into memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Where the rules of one run come from.
#[derive(Clone, Debug, Default)]
pub struct RuleSources {
    pub builtin: bool,
    /// `--profile`; when `None`, the house rules' `profile`, else [`DEFAULT_PROFILE`].
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

/// What a file was loaded as; later layers may override earlier ones.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Layer {
    Builtin,
    Profile(String),
    House(String),
    Rules(String),
}

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Layer::Builtin => write!(f, "the built-in rules"),
            Layer::Profile(name) => write!(f, "profile `{name}`"),
            Layer::House(path) => write!(f, "house rules ({path})"),
            Layer::Rules(path) => write!(f, "rules file {path}"),
        }
    }
}

/// One parsed rule file and the layer it belongs to.
#[derive(Debug)]
pub struct ParsedFile {
    pub file: FileId,
    pub layer: usize,
    pub raw: RawFile,
}

/// The parsed files of a pack, in load order, and every problem met while reading them.
#[derive(Debug, Default)]
pub struct Parsed {
    pub sources: Sources,
    /// Every layer named by the files, in load order; `ParsedFile::layer` indexes it.
    pub layers: Vec<Layer>,
    pub files: Vec<ParsedFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every rule file, carrying on past bad ones so all problems are seen.
/// Layers load in order: built-in, profile, house rules, `--rules` files.
pub fn parse(from: &RuleSources) -> Parsed {
    let mut parsed = Parsed::default();
    // The house rules are read first because they may name the profile, which loads before them.
    let house = from
        .config
        .as_deref()
        .and_then(|path| parsed.read_house(path));
    if from.builtin {
        for (name, text) in BUILTIN {
            parsed.add_text(name.to_string(), text.to_string(), Layer::Builtin);
        }
    }
    parsed.add_profile(from, house.as_ref());
    if let Some((file, raw, layer)) = house {
        parsed.push(file, raw, layer);
    }
    for path in &from.paths {
        parsed.add_path(path);
    }
    parsed.check_profile_keys();
    parsed
}

impl Parsed {
    /// Parses one text as a rule file named `name`, in `layer`.
    pub fn add_text(&mut self, name: String, text: String, layer: Layer) {
        if let Some((file, raw)) = self.parse_text(name, text) {
            self.push(file, raw, layer);
        }
    }

    fn parse_text(&mut self, name: String, text: String) -> Option<(FileId, RawFile)> {
        let file = self.sources.add(name, text);
        match toml::from_str::<RawFile>(&self.sources.file(file).text) {
            Ok(raw) => Some((file, raw)),
            Err(error) => {
                self.diagnostics.push(toml_error(file, &error));
                None
            }
        }
    }

    /// Adds a parsed file; layers are numbered in load order, so layer 0 is the base.
    fn push(&mut self, file: FileId, raw: RawFile, layer: Layer) {
        let layer = self.layer_index(layer);
        self.files.push(ParsedFile { file, layer, raw });
    }

    fn layer_index(&mut self, layer: Layer) -> usize {
        match self.layers.iter().position(|l| *l == layer) {
            Some(i) => i,
            None => {
                self.layers.push(layer);
                self.layers.len() - 1
            }
        }
    }

    fn read_house(&mut self, path: &Path) -> Option<(FileId, RawFile, Layer)> {
        let name = path.display().to_string();
        match read_rule_file(path) {
            Ok(text) => self
                .parse_text(name.clone(), text)
                .map(|(f, raw)| (f, raw, Layer::House(name))),
            Err(reason) => {
                self.read_error(path, reason);
                None
            }
        }
    }

    /// Loads the profile `--profile` names, or else the house rules, or else the default.
    fn add_profile(&mut self, from: &RuleSources, house: Option<&(FileId, RawFile, Layer)>) {
        if !from.builtin {
            return;
        }
        let from_house = house.and_then(|(file, raw, _)| raw.profile.as_ref().map(|p| (*file, p)));
        let name = match (&from.profile, from_house) {
            (Some(name), _) => name.clone(),
            (None, Some((_, name))) => name.get_ref().clone(),
            (None, None) => DEFAULT_PROFILE.to_string(),
        };
        match PROFILES.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => {
                let file = format!("builtin:rules/profiles/{name}.toml");
                self.add_text(file, text.to_string(), Layer::Profile(name));
            }
            // An unknown `--profile` is clap's to report; one named by the house rules is ours.
            None => {
                if let (None, Some((file, spanned))) = (&from.profile, from_house) {
                    let suggestion =
                        crate::suggest::nearest(&name, PROFILES.iter().map(|(n, _)| *n));
                    let kind = Kind::UnknownProfile { name, suggestion };
                    self.diagnostics.push(Diagnostic::at(
                        kind,
                        Span {
                            file,
                            range: spanned.span(),
                        },
                    ));
                }
            }
        }
    }

    /// `profile = "…"` means something only in the house rules file.
    fn check_profile_keys(&mut self) {
        for parsed in &self.files {
            let house = matches!(self.layers[parsed.layer], Layer::House(_));
            if let (false, Some(profile)) = (house, &parsed.raw.profile) {
                let span = Span {
                    file: parsed.file,
                    range: profile.span(),
                };
                self.diagnostics
                    .push(Diagnostic::at(Kind::ProfileOutsideHouseRules, span));
            }
        }
    }

    fn add_path(&mut self, path: &Path) {
        match toml_files(path, "rule") {
            Ok(files) => {
                for file in files {
                    self.add_file(&file);
                }
            }
            Err(reason) => self.read_error(path, reason),
        }
    }

    fn add_file(&mut self, file: &TomlFile) {
        let name = file.shown.display().to_string();
        match read_rule_file(&file.read) {
            Ok(text) => self.add_text(name.clone(), text, Layer::Rules(name)),
            Err(reason) => self.read_error(&file.shown, reason),
        }
    }

    fn read_error(&mut self, path: &Path, reason: String) {
        let path = path.display().to_string();
        self.diagnostics
            .push(Diagnostic::whole_pack(Kind::Read { path, reason }));
    }
}

/// A TOML file to read: the path it is reported by (as the user gave it) and the resolved
/// path it is read from.
pub(crate) struct TomlFile {
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
pub(crate) fn toml_files(path: &Path, kind: &str) -> Result<Vec<TomlFile>, String> {
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

fn read_rule_file(path: &Path) -> Result<String, String> {
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
pub fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
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

/// serde's own messages mark a well-formed file whose keys or values do not fit the format.
const SCHEMA_MESSAGES: &[&str] = &[
    "unknown field",
    "missing field",
    "invalid type",
    "unknown variant",
    "invalid value",
    "invalid length",
    "duplicate field",
    // toml's own word for a value of the wrong type where a choice (`kind`) goes.
    "wanted ",
];

/// serde names the Rust type it wanted; a rule author wrote TOML, so say it in TOML's words.
const TOML_WORDS: &[(&str, &str)] = &[
    ("expected i64", "expected an integer"),
    ("expected u16", "expected an integer"),
    ("expected u32", "expected an integer"),
    ("expected u64", "expected an integer"),
    ("expected usize", "expected an integer"),
    ("expected a sequence", "expected an array"),
    ("expected a map", "expected a table"),
    ("invalid type: sequence", "invalid type: array"),
    ("invalid type: map", "invalid type: table"),
    ("wanted string or table", "expected a string or a table"),
];

/// "; did you mean `prompt`?" for serde's "unknown field `promt`, expected one of `id`,
/// `prompt`, …", as misspelt ids get; empty for any other message.
fn key_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return String::new();
    };
    let Some((key, expected)) = rest.split_once('`') else {
        return String::new();
    };
    let known = expected.split('`').skip(1).step_by(2);
    crate::suggest::nearest(key, known).map_or(String::new(), |s| format!("; did you mean `{s}`?"))
}

/// `message` with serde's Rust names put in TOML's words; a struct's name is a table.
fn in_toml_words(message: &str) -> String {
    let mut message = TOML_WORDS
        .iter()
        .fold(message.to_string(), |m, (rust, toml)| m.replace(rust, toml));
    if let Some(at) = message.find("expected struct ") {
        let name = at + "expected struct ".len();
        let end = message[name..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(message.len(), |e| name + e);
        message.replace_range(at..end, "expected a table");
    }
    message
}

fn toml_error(file: FileId, error: &toml::de::Error) -> Diagnostic {
    let original = error.message().trim_end();
    let message = in_toml_words(original) + &key_suggestion(original);
    let kind = if SCHEMA_MESSAGES.iter().any(|m| original.starts_with(m)) {
        Kind::Schema { message }
    } else {
        Kind::Syntax { message }
    };
    let range = error.span().unwrap_or(0..0);
    Diagnostic::at(kind, Span { file, range })
}
