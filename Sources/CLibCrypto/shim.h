#ifndef ATTEST_CLIBCRYPTO_SHIM_H
#define ATTEST_CLIBCRYPTO_SHIM_H

// The system's libcrypto (OpenSSL, Debian's libssl-dev): SHA-256 only. It replaces swift-crypto,
// whose vendored BoringSSL was over half of a fresh build's steps for this one hash.
//
// OpenSSL 3 marks the SHA256_Init/Update/Final functions deprecated in favour of EVP, and its
// one-shot SHA256() looks the algorithm up in the provider tables at every call: for a 2 KB article
// that lookup cost three times the hash itself (callgrind, 90,000 instructions a call against
// about 30,000). The direct functions are still part of OpenSSL 3's API; the deprecation is silenced
// for this header only.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <openssl/sha.h>

/// SHA-256 of `length` bytes at `data` into the 32 bytes at `digest`.
static inline void attest_sha256(const unsigned char *data, size_t length, unsigned char *digest) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, data, length);
    SHA256_Final(digest, &context);
}

#endif
