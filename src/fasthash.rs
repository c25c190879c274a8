//! FNV-1a, a fast hash for fixed word lists: the keys are short and come from the program, not
//! from input that could choose them, and the default SipHash costs more than the rest of a
//! look-up in these sets.

use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The `BuildHasher` of [`Fnv`] for `HashMap`/`HashSet`.
pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;
