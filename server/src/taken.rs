//! The use cases: what someone does with Grondplan, one module each, named for what it
//! does. A REST handler or a server function translates HTTP into a call here and the
//! answer back; a use case reads and writes through the storage ([`crate::db`], which only
//! runs SQL and maps rows) and leaves the rules to `domain`. The layering is checked by
//! `tests/tests/bouwregels.rs`; docs/architecture.md maps every use case to its file.

pub mod paginas;
pub mod publiccode_importeren;
