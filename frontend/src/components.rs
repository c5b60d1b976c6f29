//! Reusable pieces of the pages, one component per file.

pub mod aanmelden;
pub mod beeld;
pub mod belastinggrafiek;
pub mod besparingsgrafiek;
pub mod bestandsimport;
pub mod cohorten;
pub mod gantt;
pub mod heatmap;
pub mod kop;
pub mod landelijk_effect;
pub mod melding;
pub mod opgave_bewerken;
pub mod routekaart_overzicht;
pub mod tabel;
pub mod uitstaptijdlijn;
pub mod vast;
pub mod wat_als;
pub mod zichtbaarheid;
