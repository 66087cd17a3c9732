// Shims for OpenSSL macros and variadic functions, which Swift cannot call.
// Every function here is a thin `static inline csid_openssl_*` wrapper.
#ifndef CSCHOOLID_OPENSSL_SHIM_H
#define CSCHOOLID_OPENSSL_SHIM_H

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
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

#endif
