//! Fuzz target `fixture`: any bytes as a `rules test` scenario fixture, run against the
//! built-in pack; see `httpadvise_fuzz::fixture`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    httpadvise_fuzz::fixture(data);
});
