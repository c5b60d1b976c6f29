//! Access control at the edge: who is asking (a session cookie or a bearer token), and the
//! proofs of a right that every write and every non-public read must hand to storage.
//!
//! The rule itself is `domain::toegang::mag`. The only way to get a [`recht`] proof is
//! through it, and the storage methods that write a gemeente's data (or read its
//! non-public data) take such a proof and read the gemeente code from it, so no write path
//! can skip the check or write another gemeente's rows.

mod aanvrager;
pub mod geheim;
pub mod oidc;
pub mod paginastatus;
/// The proofs of a right live with the rules.
pub use domain::toegang::recht;
pub mod sessie;
pub mod uitnodiging;

pub use aanvrager::{Aanvrager, herkenning};

/// The session cookie's name.
pub const SESSIECOOKIE: &str = "grondplan_sessie";

/// The header a browser sends the session's CSRF token in on API writes.
pub const CSRF_HEADER: &str = "x-csrf-token";
