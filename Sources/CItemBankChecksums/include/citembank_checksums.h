#ifndef CITEMBANK_CHECKSUMS_H
#define CITEMBANK_CHECKSUMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli) of `length` bytes, continuing from `crc` (pass 0 to start). Uses the SSE4.2
/// `crc32` instruction when the CPU has it, a slicing-by-8 table otherwise. Same result either way.
uint32_t citembank_crc32c(uint32_t crc, const void *bytes, size_t length);

/// Whether `length` bytes are well-formed UTF-8 (Unicode 15, table 3-7: no overlongs, no surrogates,
/// nothing above U+10FFFF).
bool citembank_utf8_valid(const uint8_t *bytes, size_t length);

/// CRC-32C computed with the table only (for tests: it must equal citembank_crc32c).
uint32_t citembank_crc32c_portable(uint32_t crc, const void *bytes, size_t length);

/// Whether the CPU has SSE4.2 (the hardware CRC-32C path).
bool citembank_crc32c_hardware(void);

#endif
