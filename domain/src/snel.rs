//! Hashing for the hot loops and for fingerprints.
//!
//! The maps of the hot loops (short text keys: ids of a few to forty bytes) use
//! rustc-hash's `FxHasher`, which hashes a word at a time. The standard SipHash guards
//! against hash flooding by hostile keys, which matters little for maps built from a
//! gemeente's own data or the catalogue and showed up as a sixth of the time of an
//! overstapplan in the benchmark.
//!
//! Fingerprints that are stored ([`crate::scenario::basisversie`]) use FNV-1a, whose value
//! is fixed by its definition and so never changes with a crate's version.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use rustc_hash::FxBuildHasher;

/// FNV-1a, 64 bits: for stored fingerprints only.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A `HashMap` with `FxHasher`.
pub(crate) type SnelleMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// A `HashSet` with `FxHasher`.
pub(crate) type SnelleSet<K> = HashSet<K, FxBuildHasher>;
