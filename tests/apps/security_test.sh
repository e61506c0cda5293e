#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# security_test.sh CASE SMDPP TESTDATA WORKDIR EUICC_SIM: secrets at rest and the server's
# own keys (README "Security"), as an operator meets them on the command line.
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4 sim=$5
# shellcheck source=harness.sh
source "$(dirname "$0")/harness.sh"

mode() { stat -c %a "$1"; }
serve_args=(--listen 127.0.0.1:0 --admin-listen off --es2-listen off)
start_serve() {  # `smdpp serve` until it listens; its PID in serve_pid
  "$smdpp" serve "${serve_args[@]}" >serve.out 2>serve.log &
  serve_pid=$!
  pids+=("$serve_pid")
  wait_for 20 grep -q 'ES9+ on' serve.out || { cat serve.out serve.log; exit 1; }
}
stop_serve() { kill -TERM "$serve_pid" && wait "$serve_pid"; }

case $case_name in
  serve_refuses_keys_and_database_others_can_read)
    # What smdpp creates is the owner's alone (umask 077).
    "$smdpp" pki init --out var/pki >/dev/null
    "$smdpp" profile add --package "$profile" --no-qr >/dev/null
    [ "$(mode var/pki/nist/dpauth.key.pem)" = 600 ] || { echo "key not 0600"; exit 1; }
    [ "$(mode var/pki/nist)" = 700 ] || { echo "PKI directory not 0700"; exit 1; }
    [ "$(mode var/smdpp.db)" = 600 ] || { echo "database not 0600"; exit 1; }
    start_serve && stop_serve
    # A key file others can read: refused, naming the file and the fix.
    chmod 644 var/pki/brp/dppb.key.pem
    expect_rc 1 "$smdpp" serve "${serve_args[@]}"
    grep -q 'var/pki/brp/dppb.key.pem has mode 0644' out || { cat out; exit 1; }
    grep -q 'chmod 600' out
    chmod 600 var/pki/brp/dppb.key.pem
    # A key directory others can write (they could swap the key).
    chmod 777 var/pki/nist
    expect_rc 1 "$smdpp" serve "${serve_args[@]}"
    grep -q 'var/pki/nist has mode 0777' out || { cat out; exit 1; }
    chmod 700 var/pki/nist
    # A database others can read.
    chmod 644 var/smdpp.db
    expect_rc 1 "$smdpp" serve "${serve_args[@]}"
    grep -q 'var/smdpp.db has mode 0644' out || { cat out; exit 1; }
    chmod 600 var/smdpp.db
    start_serve && stop_serve
    ;;
  serve_encrypted_key_opens_with_a_passphrase_file_never_a_prompt)
    "$smdpp" pki init --out var/pki >/dev/null
    ac=$("$smdpp" profile add --package "$profile" --no-qr | sed -n 's/^activation code: //p')
    openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:s3cret-phrase \
      -in var/pki/nist/dpauth.key.pem -out var/pki/nist/dpauth.key.enc
    mv var/pki/nist/dpauth.key.enc var/pki/nist/dpauth.key.pem
    grep -q 'BEGIN ENCRYPTED PRIVATE KEY' var/pki/nist/dpauth.key.pem
    # No pass-phrase source: a clear failure, even with a terminal to prompt on (script(1)
    # gives serve one; a prompt would wait there until the timeout).
    expect_rc 1 timeout 20 script -qec "'$smdpp' serve ${serve_args[*]}" /dev/null
    grep -q 'encrypted PEM private key: no pass-phrase given' out || { cat out; exit 1; }
    # A wrong pass-phrase, then the right one.
    (umask 077 && echo wrong >pass.txt)
    expect_rc 1 "$smdpp" serve "${serve_args[@]}" --key-passphrase-file pass.txt
    grep -q 'wrong pass-phrase' out || { cat out; exit 1; }
    (umask 077 && echo s3cret-phrase >pass.txt)
    chmod 644 pass.txt  # a pass-phrase file others can read is refused too
    expect_rc 1 "$smdpp" serve "${serve_args[@]}" --key-passphrase-file pass.txt
    grep -q 'pass.txt has mode 0644' out || { cat out; exit 1; }
    chmod 600 pass.txt
    SMDPP_KEY_PASSPHRASE_FILE=pass.txt start_serve
    port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
    "$sim" download "$ac" --connect "127.0.0.1:$port" | tee out
    grep -q '^installed ICCID ' out
    stop_serve
    refute grep -q s3cret-phrase serve.log serve.out
    ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS $case_name"
