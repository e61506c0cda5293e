#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mno_certs.sh DIR [CLIENT_CN]: demo/test certificates of an operator (MNO), with openssl,
# as an MNO brings its own: in DIR (created), FOR TESTS ONLY (keys unencrypted):
#   ca.pem ca.key.pem          the MNO's CA (P-256)
#   client.pem client.key.pem  its ES2+ client certificate, CN=CLIENT_CN
#                              (default es2.demo-mno.example), extendedKeyUsage clientAuth
#   server.pem server.key.pem  its callback endpoint's TLS certificate, CN and
#                              subjectAltName DNS:localhost, extendedKeyUsage serverAuth
# Existing files are kept.
set -euo pipefail
dir=$1
cn=${2:-es2.demo-mno.example}
mkdir -p "$dir"
cd "$dir"
[ -f ca.pem ] && exit 0
umask 077
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca.key.pem -out ca.pem -days 3650 -subj "/CN=Demo MNO CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  2>/dev/null
leaf() {  # name subject extensions
  openssl req "${ec[@]}" -keyout "$1.key.pem" -out "$1.csr" -subj "$2" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key.pem -set_serial "0x$(openssl rand -hex 8)" \
    -days 825 -out "$1.pem" -extfile <(printf '%b' "$3") 2>/dev/null
  rm -f "$1.csr"
}
leaf client "/CN=$cn" "keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n"
leaf server "/CN=localhost" \
  "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n"
chmod 644 ./*.pem
chmod 600 ./*.key.pem
