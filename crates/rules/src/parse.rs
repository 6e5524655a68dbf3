//! Parsing the files of a pack into raw structs, each with its layer, in load order: the
//! built-in files, the profile, the house rules, the `--rules` files.

use toml::Spanned;

use crate::builtin::{self, BUILTIN, DEFAULT_PROFILE};
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::Layer;
use crate::raw::RawFile;
use crate::read::{Files, RuleSources};
use crate::source::{FileId, Sources, Span};

/// One parsed rule file and the layer it belongs to.
#[derive(Debug)]
pub(crate) struct ParsedFile {
    pub file: FileId,
    pub layer: usize,
    pub raw: RawFile,
}

/// The parsed files of a pack, in load order, and every problem met reading and parsing
/// them.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Every file's name and text by [`FileId`], parsed or not.
    pub sources: Sources,
    /// Every layer named by the files, in load order; `ParsedFile::layer` indexes it.
    pub layers: Vec<Layer>,
    pub files: Vec<ParsedFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The house rules, not the command line, named the profile that loaded.
    pub profile_by_house: bool,
}

impl Parsed {
    /// Layers load in order: built-in, profile, house rules, `--rules` files. The house
    /// rules are parsed first, as they may name the profile, which loads before them.
    pub fn new(from: &RuleSources, files: &Files) -> Self {
        let mut parsed = Parsed {
            diagnostics: files.problems.clone(),
            ..Parsed::default()
        };
        let house = files
            .house
            .as_ref()
            .and_then(|f| parsed.parse(&f.name, &f.text));
        if from.builtin {
            for (name, text) in BUILTIN {
                parsed.add(name, text, Layer::Builtin);
            }
            parsed.add_profile(from, house.as_ref());
        }
        if let (Some((file, raw)), Some(house)) = (house, &files.house) {
            parsed.push(file, raw, Layer::House(house.name.clone()));
        }
        for file in &files.rules {
            parsed.add(&file.name, &file.text, Layer::Rules(file.name.clone()));
        }
        parsed.check_layer_keys();
        parsed
    }

    fn add(&mut self, name: &str, text: &str, layer: Layer) {
        if let Some((file, raw)) = self.parse(name, text) {
            self.push(file, raw, layer);
        }
    }

    /// Numbers the text as the next file, and parses it.
    fn parse(&mut self, name: &str, text: &str) -> Option<(FileId, RawFile)> {
        let file = self.sources.add(name, text);
        match toml::from_str::<RawFile>(text) {
            Ok(raw) => Some((file, raw)),
            Err(error) => {
                self.diagnostics.push(toml_error(file, &error));
                None
            }
        }
    }

    /// Adds a parsed file; layers are numbered in load order, so layer 0 is the base.
    fn push(&mut self, file: FileId, raw: RawFile, layer: Layer) {
        let layer = match self.layers.iter().position(|l| *l == layer) {
            Some(i) => i,
            None => {
                self.layers.push(layer);
                self.layers.len() - 1
            }
        };
        self.files.push(ParsedFile { file, layer, raw });
    }

    /// Loads the profile `--profile` names, or else the house rules, or else the default.
    fn add_profile(&mut self, from: &RuleSources, house: Option<&(FileId, RawFile)>) {
        let from_house = house.and_then(|(file, raw)| raw.profile.as_ref().map(|p| (*file, p)));
        let name = match (&from.profile, from_house) {
            (Some(name), _) => name.clone(),
            (None, Some((_, name))) => name.get_ref().clone(),
            (None, None) => DEFAULT_PROFILE.to_string(),
        };
        match builtin::profile(&name) {
            Some(text) => {
                self.profile_by_house = from.profile.is_none() && from_house.is_some();
                self.add(&builtin::profile_file(&name), text, Layer::Profile(name));
            }
            // An unknown `--profile` is the command line's to report; one named by the
            // house rules is ours.
            None => {
                if let (None, Some((file, spanned))) = (&from.profile, from_house) {
                    self.unknown_profile(name, file, spanned);
                }
            }
        }
    }

    fn unknown_profile(&mut self, name: String, file: FileId, at: &Spanned<String>) {
        let suggestion = crate::suggest::nearest(&name, builtin::profile_names());
        let kind = Kind::UnknownProfile { name, suggestion };
        let span = Span {
            file,
            range: at.span(),
        };
        self.diagnostics.push(Diagnostic::at(kind, span));
    }

    /// `profile = "…"` means something only in the house rules file, `[guide]` only in a
    /// profile's, whose name must be a name.
    fn check_layer_keys(&mut self) {
        for parsed in &self.files {
            let layer = &self.layers[parsed.layer];
            let at = |range| Span {
                file: parsed.file,
                range,
            };
            if let (false, Some(profile)) = (matches!(layer, Layer::House(_)), &parsed.raw.profile)
            {
                let span = at(profile.span());
                self.diagnostics
                    .push(Diagnostic::at(Kind::ProfileOutsideHouseRules, span));
            }
            let Some(guide) = &parsed.raw.guide else {
                continue;
            };
            if !matches!(layer, Layer::Profile(_)) {
                let span = at(guide.span());
                self.diagnostics
                    .push(Diagnostic::at(Kind::GuideOutsideProfile, span));
            } else if !crate::names::is_id(guide.get_ref().name.get_ref()) {
                let kind = Kind::BadId {
                    table: "profile",
                    id: guide.get_ref().name.get_ref().clone(),
                };
                let span = at(guide.get_ref().name.span());
                self.diagnostics.push(Diagnostic::at(kind, span));
            }
        }
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
    crate::suggest::did_you_mean(key, known)
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

/// A TOML or schema error of `file`, at the place toml reports.
pub(crate) fn toml_error(file: FileId, error: &toml::de::Error) -> Diagnostic {
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
