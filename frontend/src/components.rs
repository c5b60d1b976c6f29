//! Reusable pieces of the pages, one component per file.

pub mod kop;
pub mod routekaart_overzicht;
