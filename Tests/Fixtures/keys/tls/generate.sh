#!/bin/sh
# TEST-ONLY TLS material for Tests/SchoolIDCryptoTests/TLS*.swift. Never used by `serve`.
# Regenerate with: cd Tests/Fixtures/keys/tls && sh generate.sh   (OpenSSL 3 CLI)
#
# `openssl ca` is used (not `req -x509`) because it can backdate notBefore: a machine
# whose clock runs behind must not see the certificates as "not yet valid".
set -eu
start=20000101000000Z   # notBefore
end=21250101000000Z     # notAfter: the tests must not start failing when a fixture expires
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/index.txt"
cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
organizationName = optional
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
sign() { # sign OUT CSR EXTENSIONS [ca-options…]
    out=$1 csr=$2 ext=$3; shift 3
    openssl rand -hex 16 > "$work/serial"
    openssl ca -batch -config "$work/ca.cnf" -notext -startdate "$start" -enddate "$end" \
        -extensions "$ext" -in "$csr" -out "$out" "$@"
}
selfsigned_ca() { # selfsigned_ca NAME "COMMON NAME"
    key "$1.key"
    openssl req -new -key "$1.key" -subj "/O=SchoolID tests/CN=$2" -out "$work/$1.csr"
    sign "$1.pem" "$work/$1.csr" ca_ext -selfsign -keyfile "$1.key"
}

# The test CA that the client tests trust.
selfsigned_ca ca "SchoolID Test CA (NOT FOR PRODUCTION)"
# A second CA that did not sign the server certificate (the "untrusted" case).
selfsigned_ca other-ca "SchoolID Other Test CA (NOT FOR PRODUCTION)"

# The server certificate for localhost and 127.0.0.1, signed by the test CA.
key server.key
openssl req -new -key server.key -subj "/O=SchoolID tests/CN=localhost" -out "$work/server.csr"
sign server.pem "$work/server.csr" server_ext -cert ca.pem -keyfile ca.key
# The chain file a server loads: leaf first, then the CA.
cat server.pem ca.pem > server-chain.pem
# The server key encrypted (password "test"): a server context must refuse it, not prompt.
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:test -in server.key -out server-encrypted.key
chmod 600 ca.key other-ca.key server.key server-encrypted.key
