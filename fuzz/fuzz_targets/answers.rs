//! Fuzz target `answers`: any bytes as an `--answer` value and as a NUL-separated command
//! line, parsed against the built-in pack; see `httpadvise_fuzz::answers`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    httpadvise_fuzz::answers(data);
});
