//! Test-only crate: see `tests/app/main.rs`; the library itself is empty.
