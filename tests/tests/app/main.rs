//! The whole app, tested from outside: each test starts the real server on port 0 with a
//! fresh database (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` names a server)
//! and talks to it over HTTP, or drives headless Chromium against it.

mod accounts;
mod api;
mod browser;
mod catalogus;
mod grenzen;
mod helpers;
mod landelijk;
mod landschap;
mod migraties;
mod opslag;
mod routekaart;
mod toegang;
