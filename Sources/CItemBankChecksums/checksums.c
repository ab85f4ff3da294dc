#include "citembank_checksums.h"

#include <string.h>

static uint32_t table[8][256];
static int table_ready = 0;

static void build_table(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        table[0][byte] = crc;
    }
    for (uint32_t byte = 0; byte < 256; byte++) {
        for (int slice = 1; slice < 8; slice++) {
            uint32_t previous = table[slice - 1][byte];
            table[slice][byte] = (previous >> 8) ^ table[0][previous & 0xFF];
        }
    }
    __atomic_store_n(&table_ready, 1, __ATOMIC_RELEASE);
}

static uint32_t crc32c_software(uint32_t crc, const uint8_t *p, size_t n) {
    if (!__atomic_load_n(&table_ready, __ATOMIC_ACQUIRE)) build_table();
    while (n >= 8) {
        uint32_t low;
        memcpy(&low, p, 4);
        low ^= crc;
        crc = table[7][low & 0xFF] ^ table[6][(low >> 8) & 0xFF] ^ table[5][(low >> 16) & 0xFF] ^
              table[4][low >> 24] ^ table[3][p[4]] ^ table[2][p[5]] ^ table[1][p[6]] ^ table[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n--) crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xFF];
    return crc;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

__attribute__((target("sse4.2"))) static uint32_t crc32c_hardware(uint32_t crc, const uint8_t *p, size_t n) {
    uint64_t value = crc;
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        value = _mm_crc32_u64(value, word);
        p += 8;
        n -= 8;
    }
    uint32_t c = (uint32_t)value;
    while (n--) c = _mm_crc32_u8(c, *p++);
    return c;
}

bool citembank_crc32c_hardware(void) { return __builtin_cpu_supports("sse4.2"); }
#else
bool citembank_crc32c_hardware(void) { return false; }
#endif

uint32_t citembank_crc32c(uint32_t crc, const void *bytes, size_t length) {
    const uint8_t *p = (const uint8_t *)bytes;
    crc = ~crc;
#if defined(__x86_64__)
    if (citembank_crc32c_hardware()) return ~crc32c_hardware(crc, p, length);
#endif
    return ~crc32c_software(crc, p, length);
}

bool citembank_utf8_valid(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        // ASCII fast path: 32, then 8 bytes at a time.
        while (i + 32 <= n) {
            uint64_t a, b, c, d;
            memcpy(&a, p + i, 8);
            memcpy(&b, p + i + 8, 8);
            memcpy(&c, p + i + 16, 8);
            memcpy(&d, p + i + 24, 8);
            if (((a | b | c | d) & 0x8080808080808080ull) != 0) break;
            i += 32;
        }
        while (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ull) != 0) break;
            i += 8;
        }
        if (i >= n) break;
        uint8_t b = p[i];
        if (b < 0x80) {
            i += 1;
        } else if (b >= 0xC2 && b <= 0xDF) {
            if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return false;
            i += 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            if (i + 2 >= n) return false;
            uint8_t b1 = p[i + 1];
            if ((b1 & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) return false;
            if (b == 0xE0 && b1 < 0xA0) return false;  // overlong
            if (b == 0xED && b1 > 0x9F) return false;  // surrogates
            i += 3;
        } else if (b >= 0xF0 && b <= 0xF4) {
            if (i + 3 >= n) return false;
            uint8_t b1 = p[i + 1];
            if ((b1 & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return false;
            if (b == 0xF0 && b1 < 0x90) return false;  // overlong
            if (b == 0xF4 && b1 > 0x8F) return false;  // above U+10FFFF
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

uint32_t citembank_crc32c_portable(uint32_t crc, const void *bytes, size_t length) {
    return ~crc32c_software(~crc, (const uint8_t *)bytes, length);
}
