#ifndef ATTEST_CLIBCRYPTO_SHIM_H
#define ATTEST_CLIBCRYPTO_SHIM_H

// The system's libcrypto (OpenSSL, Debian's libssl-dev): SHA-256 only. It replaces swift-crypto,
// whose vendored BoringSSL was over half of a fresh build's steps for this one hash.
#include <stddef.h>
#include <openssl/sha.h>

/// SHA-256 of `length` bytes at `data` into the 32 bytes at `digest` (OpenSSL's one-shot `SHA256`,
/// not deprecated in OpenSSL 3).
static inline void attest_sha256(const unsigned char *data, size_t length, unsigned char *digest) {
    SHA256(data, length, digest);
}

#endif
