//! One file per route.

pub mod gemeenten;
pub mod niet_gevonden;
pub mod routekaart;
