//! A 64-bit checksum of the cache's records: two CRC-32C lanes, one over the even and one over
//! the odd 8-byte words of the payload (the bytes after the last whole word go to the first).
//!
//! The cache checks every record it reads against its checksum, so that a damaged record is
//! a miss rather than a plausible wrong result. blake3 did that at about 650 MB/s on records of
//! a few KB (a rebuild reads three times the input's bytes of records); CRC-32C runs in the
//! processor (SSE 4.2) at over 10 GB/s, and two independent lanes of 32 bits leave a random
//! corruption a chance of 2^-64 to go unnoticed. The checksum guards against damage, not
//! against someone forging records: the cache is the user's own folder.

/// The checksum of `data` (see the module's documentation).
pub fn checksum64(data: &[u8]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("sse4.2") {
            // SAFETY: the processor has SSE 4.2, checked just above.
            return unsafe { lanes_sse42(data) };
        }
    }
    lanes_portable(data)
}

/// Both lanes as one integer: the first lane in the high half.
fn join(a: u32, b: u32) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse4.2")]
unsafe fn lanes_sse42(data: &[u8]) -> u64 {
    use std::arch::x86_64::{_mm_crc32_u8, _mm_crc32_u64};
    let (mut a, mut b) = (u64::from(u32::MAX), u64::from(u32::MAX));
    let mut pairs = data.chunks_exact(16);
    for p in &mut pairs {
        let (x, y) = p.split_at(8);
        a = _mm_crc32_u64(a, word(x));
        b = _mm_crc32_u64(b, word(y));
    }
    let mut rest = pairs.remainder();
    if rest.len() >= 8 {
        let (x, tail) = rest.split_at(8);
        a = _mm_crc32_u64(a, word(x));
        rest = tail;
    }
    // the lane is below 2^32 after every step
    let mut a = a as u32;
    for &byte in rest {
        a = _mm_crc32_u8(a, byte);
    }
    join(!a, !(b as u32))
}

/// Eight bytes as the little-endian word the CRC instruction reads (they are always eight).
#[inline(always)]
fn word(x: &[u8]) -> u64 {
    x.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w))
}

/// The same lanes a byte at a time from a table, for processors without SSE 4.2.
fn lanes_portable(data: &[u8]) -> u64 {
    let (mut a, mut b) = (u32::MAX, u32::MAX);
    let mut pairs = data.chunks_exact(16);
    for p in &mut pairs {
        let (x, y) = p.split_at(8);
        a = crc_bytes(a, x);
        b = crc_bytes(b, y);
    }
    a = crc_bytes(a, pairs.remainder());
    join(!a, !b)
}

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) of `bytes`, continuing from `crc`
/// (no pre- or post-inversion here).
fn crc_bytes(mut crc: u32, bytes: &[u8]) -> u32 {
    for &byte in bytes {
        crc = CRC_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8);
    }
    crc
}

const CRC_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0x82F6_3B78
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_computes_crc32c() {
        // the standard check value of CRC-32C
        assert_eq!(!crc_bytes(u32::MAX, b"123456789"), 0xE306_9283);
        assert_eq!(!crc_bytes(u32::MAX, b""), 0);
    }

    #[test]
    fn a_lane_is_the_crc32c_of_its_words() {
        // 40 bytes: words 0, 2, 4 go to the first lane, 1 and 3 to the second
        let data: Vec<u8> = (0..40u8).collect();
        let even: Vec<u8> = [&data[0..8], &data[16..24], &data[32..40]].concat();
        let odd: Vec<u8> = [&data[8..16], &data[24..32]].concat();
        let want = join(!crc_bytes(u32::MAX, &even), !crc_bytes(u32::MAX, &odd));
        assert_eq!(lanes_portable(&data), want);
        assert_eq!(checksum64(&data), want);
    }

    #[test]
    fn the_processor_and_the_table_agree_on_every_length() {
        let data: Vec<u8> = (0..700u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for n in 0..data.len() {
            let part = &data[..n];
            assert_eq!(checksum64(part), lanes_portable(part), "length {n}");
        }
    }

    #[test]
    fn a_changed_byte_or_length_changes_the_checksum() {
        let data = vec![7u8; 300];
        let base = checksum64(&data);
        for i in [0, 7, 8, 15, 16, 299] {
            let mut d = data.clone();
            d[i] ^= 1;
            assert_ne!(checksum64(&d), base, "byte {i}");
        }
        assert_ne!(checksum64(&data[..299]), base);
        // a zero byte more is not the same record either
        let mut longer = data.clone();
        longer.push(0);
        assert_ne!(checksum64(&longer), base);
    }
}
