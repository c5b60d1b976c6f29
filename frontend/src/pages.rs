//! One file per route.

pub mod audit;
pub mod gemeenten;
pub mod inloggen;
pub mod niet_gevonden;
pub mod plan;
pub mod routekaart;
