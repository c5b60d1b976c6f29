//! One file per route, and the skeleton they share (`laden`).

pub mod accounts;
pub mod audit;
pub mod catalogus;
pub mod component;
pub mod gemeenten;
pub mod inloggen;
pub mod laden;
pub mod landelijk;
pub mod landschap;
pub mod niet_gevonden;
pub mod opgave;
pub mod overstapplan;
pub mod plan;
pub mod referentiecomponenten;
pub mod routekaart;
pub mod scenarios;
pub mod start;
pub mod uitnodiging;
