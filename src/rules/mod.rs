//! Finding and parsing rule files: the embedded pack, `--rules` files and folders.

pub mod raw;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Kind};
use crate::source::{FileId, SourceFile, Sources, Span};
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

/// The rule files of one run that come from disk, read before any file is parsed: the
/// parsed files borrow their strings from these texts, which must stay put meanwhile.
#[derive(Debug, Default)]
pub struct Read {
    builtin: bool,
    /// `--profile`, as [`RuleSources::profile`].
    profile: Option<String>,
    house: Option<SourceFile>,
    /// The `--rules` files, in load order.
    rules: Vec<SourceFile>,
    /// Files that could not be read, in the order they were met.
    diagnostics: Vec<Diagnostic>,
}

/// Reads every rule file a run names from disk, carrying on past those that cannot be read
/// so all problems are seen. The built-in files need no reading: the program holds them.
pub fn read(from: &RuleSources) -> Read {
    let mut read = Read {
        builtin: from.builtin,
        profile: from.profile.clone(),
        ..Read::default()
    };
    read.house = from
        .config
        .as_deref()
        .and_then(|path| read.read(path, path));
    for path in &from.paths {
        read.add_path(path);
    }
    read
}

impl Read {
    /// One text alone, as if it were a `--rules` file named `name`.
    pub fn text(name: String, text: String) -> Read {
        let file = SourceFile {
            name: name.into(),
            text: text.into(),
        };
        Read {
            rules: vec![file],
            ..Read::default()
        }
    }

    /// Parses every file and hands them to `use_files`, which may keep nothing that borrows
    /// from them; returns what it returned, and the files for showing diagnostics.
    pub fn parse<R>(self, use_files: impl FnOnce(&Parsed<'_>) -> R) -> (R, Sources) {
        let parsed = Parsed::new(&self);
        let result = use_files(&parsed);
        let Parsed { builtins, .. } = parsed;
        (result, self.into_sources(builtins))
    }

    /// The files in the order [`Parsed`] numbered them: the house rules, which are parsed
    /// first, then the built-in files, then the `--rules` files.
    fn into_sources(self, builtins: Vec<SourceFile>) -> Sources {
        let mut sources = Sources::default();
        for file in self.house.into_iter().chain(builtins).chain(self.rules) {
            sources.add(file.name, file.text);
        }
        sources
    }

    fn add_path(&mut self, path: &Path) {
        match toml_files(path, "rule") {
            Ok(files) => {
                for file in files {
                    if let Some(file) = self.read(&file.shown, &file.read) {
                        self.rules.push(file);
                    }
                }
            }
            Err(reason) => self.read_error(path, reason),
        }
    }

    /// The file at `read`, named `shown` in diagnostics.
    fn read(&mut self, shown: &Path, read: &Path) -> Option<SourceFile> {
        match read_rule_file(read) {
            Ok(text) => Some(SourceFile {
                name: shown.display().to_string().into(),
                text: text.into(),
            }),
            Err(reason) => {
                self.read_error(shown, reason);
                None
            }
        }
    }

    fn read_error(&mut self, path: &Path, reason: String) {
        let path = path.display().to_string();
        self.diagnostics
            .push(Diagnostic::whole_pack(Kind::Read { path, reason }));
    }
}

/// One parsed rule file and the layer it belongs to.
#[derive(Debug)]
pub struct ParsedFile<'t> {
    pub file: FileId,
    pub layer: usize,
    pub raw: RawFile<'t>,
}

/// The parsed files of a pack, in load order, and every problem met reading and parsing
/// them. Their strings borrow from the texts, `'t`.
#[derive(Debug, Default)]
pub struct Parsed<'t> {
    /// Every file's text by [`FileId`], parsed or not.
    pub texts: Vec<&'t str>,
    /// Every layer named by the files, in load order; `ParsedFile::layer` indexes it.
    pub layers: Vec<Layer>,
    pub files: Vec<ParsedFile<'t>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The built-in files among them, for [`Read::into_sources`].
    builtins: Vec<SourceFile>,
}

impl<'t> Parsed<'t> {
    /// Layers load in order: built-in, profile, house rules, `--rules` files. The house
    /// rules are parsed first, as they may name the profile, which loads before them.
    fn new(read: &'t Read) -> Self {
        let mut parsed = Parsed {
            diagnostics: read.diagnostics.clone(),
            ..Parsed::default()
        };
        let house = read.house.as_ref().and_then(|file| parsed.parse(file));
        if read.builtin {
            for (name, text) in BUILTIN {
                parsed.add_builtin(Cow::Borrowed(name), text, Layer::Builtin);
            }
        }
        parsed.add_profile(read, house.as_ref());
        if let (Some((file, raw)), Some(house)) = (house, &read.house) {
            parsed.push(file, raw, Layer::House(house.name.to_string()));
        }
        for file in &read.rules {
            if let Some((id, raw)) = parsed.parse(file) {
                parsed.push(id, raw, Layer::Rules(file.name.to_string()));
            }
        }
        parsed.check_profile_keys();
        parsed
    }

    fn add_builtin(&mut self, name: Cow<'static, str>, text: &'static str, layer: Layer) {
        self.builtins.push(SourceFile {
            name,
            text: Cow::Borrowed(text),
        });
        if let Some((file, raw)) = self.parse_text(text) {
            self.push(file, raw, layer);
        }
    }

    fn parse(&mut self, file: &'t SourceFile) -> Option<(FileId, RawFile<'t>)> {
        self.parse_text(&file.text)
    }

    /// Numbers the text as the next file, and parses it.
    fn parse_text(&mut self, text: &'t str) -> Option<(FileId, RawFile<'t>)> {
        let file = FileId(self.texts.len());
        self.texts.push(text);
        match toml::from_str::<RawFile>(text) {
            Ok(raw) => Some((file, raw)),
            Err(error) => {
                self.diagnostics.push(toml_error(file, &error));
                None
            }
        }
    }

    /// Adds a parsed file; layers are numbered in load order, so layer 0 is the base.
    fn push(&mut self, file: FileId, raw: RawFile<'t>, layer: Layer) {
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

    /// Loads the profile `--profile` names, or else the house rules, or else the default.
    fn add_profile(&mut self, read: &Read, house: Option<&(FileId, RawFile<'t>)>) {
        if !read.builtin {
            return;
        }
        let from_house = house.and_then(|(file, raw)| raw.profile.as_ref().map(|p| (*file, p)));
        let name = match (&read.profile, from_house) {
            (Some(name), _) => name.clone(),
            (None, Some((_, name))) => name.get_ref().to_string(),
            (None, None) => DEFAULT_PROFILE.to_string(),
        };
        match PROFILES.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => {
                let file = format!("builtin:rules/profiles/{name}.toml");
                self.add_builtin(file.into(), text, Layer::Profile(name));
            }
            // An unknown `--profile` is clap's to report; one named by the house rules is ours.
            None => {
                if let (None, Some((file, spanned))) = (&read.profile, from_house) {
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

/// The text of a rule file (or fixture), or why it cannot be read.
pub(crate) fn read_rule_file(path: &Path) -> Result<String, String> {
    let regular = fs::metadata(path).is_ok_and(|meta| meta.is_file());
    if regular {
        return read_text(path);
    }
    // A pipe gives its text once, and some commands load their sources a second time
    // (`rules check`, `rules test`, `--compare-profiles`): keep what it gave.
    static PIPES: Mutex<BTreeMap<PathBuf, Result<String, String>>> = Mutex::new(BTreeMap::new());
    let mut pipes = PIPES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    pipes
        .entry(path.to_path_buf())
        .or_insert_with(|| read_text(path))
        .clone()
}

fn read_text(path: &Path) -> Result<String, String> {
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
