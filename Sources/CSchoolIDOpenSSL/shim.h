// Shims for OpenSSL macros and variadic functions, which Swift cannot call.
// Every function here is a thin `static inline csid_openssl_*` wrapper.
#ifndef CSCHOOLID_OPENSSL_SHIM_H
#define CSCHOOLID_OPENSSL_SHIM_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/opensslv.h>

static inline void csid_openssl_free(void *ptr) { OPENSSL_free(ptr); }

/// `BN_num_bytes` is a macro.
static inline int csid_openssl_bn_num_bytes(const BIGNUM *bn) { return BN_num_bytes(bn); }

/// A PEM password callback that refuses, so that reading an encrypted PEM never
/// prompts on the terminal (OpenSSL's default callback would).
static inline int csid_openssl_no_password(char *buf, int size, int rwflag, void *u) {
    (void)buf; (void)size; (void)rwflag; (void)u;
    return -1;
}

/// `PEM_read_bio_PrivateKey` without any password callback.
static inline EVP_PKEY *csid_openssl_pem_read_private_key(BIO *bio) {
    return PEM_read_bio_PrivateKey(bio, NULL, csid_openssl_no_password, NULL);
}

/// `PEM_read_bio_PUBKEY` without any password callback.
static inline EVP_PKEY *csid_openssl_pem_read_public_key(BIO *bio) {
    return PEM_read_bio_PUBKEY(bio, NULL, csid_openssl_no_password, NULL);
}

#endif
