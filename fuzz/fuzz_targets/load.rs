//! Fuzz target `load`: any bytes as a rule file, loaded alone; see `httpadvise_fuzz::load`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    httpadvise_fuzz::load(data);
});
