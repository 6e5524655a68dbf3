//! Finding and reading rule files from disk: `--rules` files and folders, the house rules,
//! scenario fixtures. Each file is read once per run; what it gave is kept in [`Files`].

use std::fs;
use std::io::Read as _;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::event::{poll, PollFd, PollFlags, Timespec};
use rustix::fs::OFlags;

use crate::builtin::HOUSE_RULES;
use crate::diagnostic::{Diagnostic, Kind};
use crate::source::SourceFile;

/// Larger rule files are refused before they are read: no real pack comes near it (the
/// built-in one is about 100 kB). It also bounds what a file can cost: the `toml` crate's
/// own document of a file made of the smallest values (an array of two million integers)
/// takes about 100 bytes per byte of file, so this keeps any shape well under 1 GB.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

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
    /// The bytes read so far, for [`MAX_LOAD_BYTES`].
    read: u64,
}

/// The rule files of one load together are refused past this size, as one file is past
/// [`MAX_FILE_BYTES`]: a folder of many large files, or a scenario naming one file many
/// times, must not cost many times the limit of one.
pub(crate) const MAX_LOAD_BYTES: u64 = 2 * MAX_FILE_BYTES;

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
            rules: vec![SourceFile::new(name.to_string(), text.to_string())],
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
            Ok(text) if self.read + text.len() as u64 > MAX_LOAD_BYTES => {
                let reason = format!(
                    "the rule files of this run come to more than {MAX_LOAD_BYTES} bytes in all"
                );
                self.unreadable(shown, reason);
                None
            }
            Ok(text) => {
                self.read += text.len() as u64;
                Some(SourceFile::new(shown.display().to_string(), text))
            }
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

/// The house rules that apply in a folder, found by looking in it and every folder above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HouseRules {
    /// None was found.
    None,
    /// The nearest `.httpadvise.toml`, which may be read.
    Found(PathBuf),
    /// The nearest one, which is not read: whoever wrote it may not be whoever runs the
    /// program (a shared folder above the current one, such as the temporary folder).
    Refused { path: PathBuf, why: &'static str },
}

/// The nearest `.httpadvise.toml` in `folder` or above it, and whether it may be read: a
/// link, a file another user owns, or one that others may write is refused, since anyone
/// who can plant or change it there would change the advice of whoever runs the program
/// below it. A file given with `--config` is read whatever it is: the user named it.
pub fn find_house_rules(folder: &Path) -> HouseRules {
    for candidate in folder.ancestors().map(|dir| dir.join(HOUSE_RULES)) {
        let Ok(meta) = fs::symlink_metadata(&candidate) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            return refused(candidate, "it is a link");
        }
        if meta.is_file() {
            return match untrusted(&candidate, &meta) {
                Some(why) => refused(candidate, why),
                None => HouseRules::Found(candidate),
            };
        }
    }
    HouseRules::None
}

fn refused(path: PathBuf, why: &'static str) -> HouseRules {
    HouseRules::Refused { path, why }
}

/// Why a house rules file may not be trusted, if it may not: another user owns it, its
/// mode lets others (its group included) write it, or an access control list may.
fn untrusted(path: &Path, meta: &fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::MetadataExt;
    let uid = rustix::process::getuid().as_raw();
    if meta.uid() != uid {
        Some("another user owns it")
    } else if meta.mode() & 0o022 != 0 {
        // A group of one's own is common, a shared one too: from here they look alike.
        Some("others may write it (its mode lets its group or everyone write)")
    } else if has_acl(path) {
        Some("an access control list may let others write it")
    } else {
        None
    }
}

/// Whether the file carries a POSIX access control list beyond its mode bits; a file
/// without one has no `system.posix_acl_access` attribute at all.
fn has_acl(path: &Path) -> bool {
    rustix::fs::lgetxattr_query(path, "system.posix_acl_access").is_ok_and(|size| size > 0)
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

/// How long a pipe or FIFO may give no data before the read gives up: a generator that
/// `--rules <(…)` names has that long to write each part, and one that never writes
/// cannot hang the program.
pub(crate) const STALL: Duration = Duration::from_secs(10);

/// How long reading one file may take in all: a writer that gives a byte now and then,
/// each within [`STALL`], must not keep the program for days.
pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// The bytes of `path`, at most [`MAX_FILE_BYTES`] of them, or why not. A regular file
/// over the limit is refused before it is read. Every file is opened without waiting (for
/// a FIFO's writer, or for data a device or a `/proc` file may never give) and read as it
/// comes: the limit stops an endless one, [`STALL`] one that stops giving data,
/// [`DEADLINE`] one that gives it too slowly, and a FIFO nobody writes to reads as empty.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file is {} bytes, over the limit of {MAX_FILE_BYTES}",
            meta.len()
        ));
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(|e| io_reason(&e))?;
    read_stream(file, STALL, DEADLINE)
}

/// Reads a stream opened without blocking until it ends, waiting at most `stall` for each
/// part of it, and at most `deadline` in all.
pub(crate) fn read_stream(
    mut file: fs::File,
    stall: Duration,
    deadline: Duration,
) -> Result<Vec<u8>, String> {
    let started = Instant::now();
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 64 * 1024];
    while bytes.len() as u64 <= MAX_FILE_BYTES {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                let left = deadline.saturating_sub(started.elapsed());
                if left.is_zero() || (left < stall && !wait(&file, left)?) {
                    return Err(format!(
                        "it gave its data too slowly: more than {} seconds in all",
                        deadline.as_secs_f32()
                    ));
                }
                if left >= stall && !wait(&file, stall)? {
                    return Err(format!(
                        "it gave no data for {} seconds",
                        stall.as_secs_f32()
                    ));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_reason(&e)),
        }
    }
    over_limit(bytes)
}

/// Waits until `file` has data or its writer leaves, at most `within`: whether either
/// happened in that time (a signal counts, and the read that follows tells).
fn wait(file: &fs::File, within: Duration) -> Result<bool, String> {
    let timeout = Timespec::try_from(within).unwrap_or(Timespec {
        tv_sec: 10,
        tv_nsec: 0,
    });
    let mut fds = [PollFd::new(file, PollFlags::IN)];
    match poll(&mut fds, Some(&timeout)) {
        Ok(0) => Ok(false),
        Ok(_) => Ok(true),
        Err(e) if e == rustix::io::Errno::INTR => Ok(true),
        Err(e) => Err(io_reason(&e.into())),
    }
}

fn over_limit(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A FIFO of its own in the temporary folder.
    fn fifo(name: &str) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("httpadvise-fifo-{}-{name}", std::process::id()));
        let _ = fs::remove_file(&path);
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        path
    }

    #[test]
    fn a_fifo_nobody_writes_to_reads_as_empty_at_once() {
        let path = fifo("empty");
        let read = read_rule_file(&path);
        let _ = fs::remove_file(&path);
        assert_eq!(read, Ok(String::new()));
    }

    /// A pipe whose writing end the test holds, and the path that opens its reading end
    /// anew: the writer is there before any read, so no read can find it gone by chance.
    fn pipe() -> (PathBuf, std::io::PipeWriter, std::io::PipeReader) {
        use std::os::fd::AsRawFd;
        let (reader, writer) = std::io::pipe().expect("a pipe");
        let path = PathBuf::from(format!("/proc/self/fd/{}", reader.as_raw_fd()));
        (path, writer, reader)
    }

    #[test]
    fn a_writer_that_stops_giving_data_is_given_up_on() {
        let (path, _writer, _reader) = pipe();
        let file = fs::OpenOptions::new()
            .read(true)
            .custom_flags(OFlags::NONBLOCK.bits() as i32)
            .open(&path)
            .expect("opens");
        let error =
            read_stream(file, Duration::from_millis(200), DEADLINE).expect_err("no data came");
        assert!(error.contains("gave no data"), "{error}");
    }

    #[test]
    fn a_writer_that_gives_a_byte_now_and_then_meets_the_deadline() {
        use std::io::Write;
        let (path, mut writer, _reader) = pipe();
        let file = fs::OpenOptions::new()
            .read(true)
            .custom_flags(OFlags::NONBLOCK.bits() as i32)
            .open(&path)
            .expect("opens");
        // Each byte comes well within the stall, and the writer never stops by itself.
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = std::sync::Arc::clone(&stop);
        let dripping = std::thread::spawn(move || {
            while !stopping.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = writer.write_all(b"#");
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let read = read_stream(file, Duration::from_secs(5), Duration::from_millis(300));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        dripping.join().expect("the writer ends");
        let error = read.expect_err("the deadline passed");
        assert!(error.contains("too slowly"), "{error}");
    }

    #[test]
    fn what_a_pipe_is_given_is_read_to_its_end() {
        use std::io::Write;
        let (path, mut writer, _reader) = pipe();
        writer.write_all(b"[pack]\n").expect("written");
        let rest = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            writer.write_all(b"start = \"x\"\n").expect("written");
        });
        let read = read_rule_file(&path);
        rest.join().expect("the writer ends");
        assert_eq!(read, Ok("[pack]\nstart = \"x\"\n".to_string()));
    }
}
