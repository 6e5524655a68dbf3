//! Criterion benchmarks of the work one run does: loading the default pack (the built-in
//! files and the `rfc` profile, as a run without `--rules` or house rules loads them),
//! walking it for one set of answers, and loading generated packs of growing size, with
//! the TOML parse alone and the parse into our structs beside them: the floors a loader
//! built on them pays. `cargo bench --bench load`; BENCHMARKS.md has the numbers.

use std::ffi::OsString;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use httpadvise::rules::raw::RawFile;
use httpadvise::rules::RuleSources;
use httpadvise::session::{self, Mode};
use httpadvise::{cli, generate};

/// The one-shot question the start-up script times as well.
const ONE_SHOT: &[&str] = &["httpadvise", "--precondition", "--payload-valid"];

fn default_pack(c: &mut Criterion) {
    let mut group = c.benchmark_group("builtin");
    let sources = RuleSources::builtin();
    group.bench_function("load", |b| {
        b.iter(|| httpadvise::load(black_box(&sources)).expect("loads"))
    });
    group.bench_function("load-toml", |b| {
        b.iter(|| httpadvise::load_toml(black_box(&sources)).expect("loads"))
    });
    let pack = httpadvise::load(&sources).expect("loads");
    let args: Vec<OsString> = ONE_SHOT.iter().map(OsString::from).collect();
    let invocation = cli::parse(&pack.tree, args).expect("parses");
    group.bench_function("walk", |b| {
        b.iter(|| {
            session::consult(
                &pack.tree,
                black_box(&invocation.answers),
                Mode::OneShot,
                None,
            )
            .expect("reaches an outcome")
        })
    });
    group.finish();
}

/// Chains of 1,000, 10,000 and 100,000 nodes: loaded and validated; parsed into our
/// structs without validation; parsed into the TOML crate's own document only.
fn chains(c: &mut Criterion) {
    let mut group = c.benchmark_group("chain");
    group.sample_size(10);
    for nodes in [1_000, 10_000, 100_000] {
        let text = generate::chain(nodes);
        group.throughput(Throughput::Elements(nodes as u64));
        group.bench_with_input(BenchmarkId::new("load", nodes), &text, |b, text| {
            b.iter(|| httpadvise::load_str("chain.toml", text).expect("loads"))
        });
        group.bench_with_input(BenchmarkId::new("deserialize", nodes), &text, |b, text| {
            b.iter(|| toml::from_str::<RawFile>(text).expect("parses"))
        });
        group.bench_with_input(BenchmarkId::new("toml-parse", nodes), &text, |b, text| {
            b.iter(|| toml::de::DeTable::parse(text).expect("parses"))
        });
    }
    group.finish();
}

/// One question of 1,000 and 10,000 choices: where a check per choice that scanned the
/// others would show as quadratic.
fn wide(c: &mut Criterion) {
    let mut group = c.benchmark_group("wide");
    group.sample_size(10);
    for choices in [1_000, 10_000] {
        let text = generate::wide(choices);
        group.throughput(Throughput::Elements(choices as u64));
        group.bench_with_input(BenchmarkId::new("load", choices), &text, |b, text| {
            b.iter(|| httpadvise::load_str("wide.toml", text).expect("loads"))
        });
    }
    group.finish();
}

criterion_group!(benches, default_pack, chains, wide);
criterion_main!(benches);
