#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every Debian package the project needs, plus the packages given as arguments
# (scripts/fuzz.sh adds clang's fuzzing runtime). Idempotent: does nothing when all are
# present; otherwise runs apt-get update once and installs what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libssl-dev                    # OpenSSL 3: crypto, X.509, TLS
  libgtest-dev libgmock-dev     # tests
  nlohmann-json3-dev            # JSON (ES9+ binding, test vectors)
  libboost-dev                  # Boost.Beast/Asio: the HTTPS server
  libsqlite3-dev sqlite3        # embedded store (and its CLI for operators)
  libpq-dev                     # PostgreSQL store (libpq)
  postgresql                    # PostgreSQL 15 server: tests start their own cluster
  libnats-dev                   # NATS JetStream client (nats.c): the message bus
  nats-server                   # NATS server: tests start their own
  haproxy                       # the load balancer of scripts/cluster.sh (TCP mode, PROXY v2)
  libengine-pkcs11-openssl      # libp11: private keys in a PKCS#11 token (crypto/pkcs11.h)
  softhsm2                      # a software PKCS#11 token: tests and `run.sh --hsm`
  libcurl4-openssl-dev          # HTTPS client: callbacks, ES12, the software eUICC/LPA
  libqrencode-dev               # activation codes as QR codes
  libpng-dev                    # QR codes as PNG images (smdpp order code)
  zbar-tools                    # zbarimg: tests decode the PNG QR codes
  libcli11-dev                  # command-line options, env variables and config files
  asn1c                         # independent ASN.1 decoder used as a test oracle
  openssl                       # CLI: tests cross-check certificates; MNO demo certificates
  curl                          # the README's ES2+ example requests (and their test)
  clang-tidy-16                 # scripts/tidy.sh (clang 14 cannot parse <expected>)
  clang-format                  # scripts/tidy.sh formatting check
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
