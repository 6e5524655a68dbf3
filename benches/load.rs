//! Criterion benchmarks of the work one run does: decoding the compiled default pack, and
//! loading it from its TOML as a run with `--rules` or house rules does; walking it for one
//! set of answers; and loading generated packs of growing size, which must grow linearly.
//! `cargo bench --bench load`; BENCHMARKS.md has the numbers.

use std::ffi::OsString;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use httpadvise::cli;
use httpadvise::engine::session::{self, Mode};
use httpadvise::pack;
use httpadvise_rules::{generate, Files, RuleSources};

/// The one-shot question the start-up script times as well.
const ONE_SHOT: &[&str] = &["httpadvise", "--precondition", "--payload-valid"];

fn default_pack(c: &mut Criterion) {
    let mut group = c.benchmark_group("builtin");
    let reserved = cli::reserved_flags();
    let sources = RuleSources::builtin();
    group.bench_function("compiled", |b| {
        b.iter(|| pack::compiled().expect("decodes"))
    });
    // What decoding on first use saves: the same, with every outcome and status read.
    group.bench_function("compiled-all-read", |b| {
        b.iter(|| {
            let tree = pack::compiled().expect("decodes");
            let outcomes: usize = tree.outcomes.iter().map(|o| o.summary.len()).sum();
            let statuses: usize = tree.statuses.values().map(|s| s.name.len()).sum();
            black_box((tree, outcomes + statuses))
        })
    });
    group.bench_function("toml", |b| {
        b.iter(|| {
            httpadvise_rules::load(black_box(&sources), &Files::default(), &reserved)
                .expect("loads")
        })
    });
    let tree = pack::compiled().expect("decodes");
    let args: Vec<OsString> = ONE_SHOT.iter().map(OsString::from).collect();
    let invocation = cli::parse(&tree, args).expect("parses");
    group.bench_function("walk", |b| {
        b.iter(|| {
            session::consult(&tree, black_box(&invocation.answers), Mode::OneShot, None)
                .expect("reaches an outcome")
        })
    });
    group.finish();
}

/// Chains of 1,000 and 10,000 nodes, and one question of 1,000 and 10,000 choices:
/// loaded and validated. Ten times the size should take about ten times as long.
fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated");
    group.sample_size(10);
    for size in [1_000, 10_000] {
        group.throughput(Throughput::Elements(size as u64));
        for (shape, text) in [
            ("chain", generate::chain(size)),
            ("wide", generate::wide(size)),
        ] {
            group.bench_with_input(BenchmarkId::new(shape, size), &text, |b, text| {
                b.iter(|| httpadvise_rules::load_text("gen.toml", text, &[]).expect("loads"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, default_pack, generated);
criterion_main!(benches);
