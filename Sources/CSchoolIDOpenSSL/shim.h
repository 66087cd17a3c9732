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
#include <openssl/x509v3.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/opensslv.h>

static inline void csid_openssl_free(void *ptr) { OPENSSL_free(ptr); }

/// `BN_num_bytes` is a macro.
static inline int csid_openssl_bn_num_bytes(const BIGNUM *bn) { return BN_num_bytes(bn); }

/// `EVP_PKEY_KEYPAIR` and `EVP_PKEY_PUBLIC_KEY` are compound macros.
static inline int csid_openssl_selection_keypair(void) { return EVP_PKEY_KEYPAIR; }
static inline int csid_openssl_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

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

// MARK: TLS (SSL_CTX / SSL macros)

/// `SSL_CTX_set_min_proto_version` is a macro over `SSL_CTX_ctrl`.
static inline int csid_openssl_ssl_ctx_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

/// `SSL_CTX_set_mode` is a macro over `SSL_CTX_ctrl`; returns the new mode bitmask.
static inline long csid_openssl_ssl_ctx_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

/// `SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER`, what a
/// non-blocking writer needs.
static inline long csid_openssl_ssl_mode_partial_moving_write(void) {
    return (long)(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}

/// `SSL_OP_*` constants are built with the `SSL_OP_BIT` macro.
static inline uint64_t csid_openssl_ssl_op_no_compression(void) { return SSL_OP_NO_COMPRESSION; }
static inline uint64_t csid_openssl_ssl_op_no_renegotiation(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline uint64_t csid_openssl_ssl_op_no_ticket(void) { return SSL_OP_NO_TICKET; }
static inline uint64_t csid_openssl_ssl_op_cipher_server_preference(void) { return SSL_OP_CIPHER_SERVER_PREFERENCE; }

/// `SSL_CTX_set1_groups_list` is a macro over `SSL_CTX_ctrl`.
static inline int csid_openssl_ssl_ctx_set1_groups_list(SSL_CTX *ctx, const char *list) {
    return (int)SSL_CTX_set1_groups_list(ctx, list);
}

/// Makes every PEM read through `ctx` refuse encrypted keys instead of prompting on
/// the terminal (OpenSSL's default password callback would).
static inline void csid_openssl_ssl_ctx_refuse_passwords(SSL_CTX *ctx) {
    SSL_CTX_set_default_passwd_cb(ctx, csid_openssl_no_password);
}

/// `SSL_set_tlsext_host_name` (the SNI extension, RFC 6066 §3) is a macro over `SSL_ctrl`.
static inline int csid_openssl_ssl_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/// Whether an error-queue code is OpenSSL 3's report of a peer that closed TCP without
/// close_notify (`SSL_R_UNEXPECTED_EOF_WHILE_READING`; `ERR_GET_*` differ across versions).
static inline int csid_openssl_err_is_unexpected_eof(unsigned long code) {
    return ERR_GET_LIB(code) == ERR_LIB_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING;
}

#endif
