//! What several test files share: comparing output with a committed snapshot file.

use std::path::Path;

/// Compares `actual` with `tests/snapshots/NAME`; with `UPDATE_SNAPSHOTS` set, rewrites
/// the file instead, for a change made on purpose (review the diff).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("creates the folder");
        std::fs::write(&path, actual).expect("writes the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    if let Some((n, (want, got))) = expected
        .lines()
        .zip(actual.lines())
        .enumerate()
        .find(|(_, (w, g))| w != g)
    {
        panic!("{} line {}:\n  expected: {want}\n  got:      {got}\n(UPDATE_SNAPSHOTS=1 accepts the new output)", path.display(), n + 1);
    }
    assert_eq!(
        expected.lines().count(),
        actual.lines().count(),
        "{}: line count",
        path.display()
    );
}
