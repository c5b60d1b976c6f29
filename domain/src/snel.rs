//! A fast hasher for the short text keys of the hot loops (ids of a few to forty bytes):
//! FNV-1a. The standard SipHash guards against hash flooding by hostile keys, which
//! matters little for maps built from a gemeente's own data and showed up as a sixth of
//! the time of an overstapplan in the benchmark.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
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

/// A `HashMap` with [`Fnv`].
pub(crate) type SnelleMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A `HashSet` with [`Fnv`].
pub(crate) type SnelleSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;
