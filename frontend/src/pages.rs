//! One file per route.

pub mod gemeenten;
pub mod inloggen;
pub mod niet_gevonden;
pub mod routekaart;
