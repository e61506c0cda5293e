#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cli_test.sh CASE SMDPP TESTDATA WORKDIR EUICC_SIM: one end-to-end case of the CLI.
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4 sim=${5:-}
rm -rf "$work" && mkdir -p "$work"
profile=$testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der

expect_rc() {  # expect_rc RC CMD...: runs CMD, fails unless it exits with RC
  local want=$1 rc=0
  shift
  "$@" >"$work/out" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: '$*' exited $rc, expected $want"; cat "$work/out"; exit 1
  fi
}

case $case_name in
  pki_init_then_demo_installs_on_both_curves)
    "$smdpp" pki init --out "$work/pki" --eid 89049032123451234512345678901235
    for c in nist brp; do
      for f in ci eum dpauth dppb tls euicc-89049032123451234512345678901235; do
        [ -s "$work/pki/$c/$f.der" ] || { echo "missing $c/$f.der"; exit 1; }
        [ "$(stat -c %a "$work/pki/$c/$f.key.pem")" = 600 ] || { echo "$c/$f.key.pem not 0600"; exit 1; }
      done
    done
    "$smdpp" demo --pki "$work/pki" --profile "$profile" | tee "$work/out"
    [ "$(grep -c 'profile identical' "$work/out")" -eq 4 ]
    ;;
  pki_issue_under_sgp26_ci_then_chain_verifies_in_demo)
    # A new EUM, eUICC and DP certificates under the published SGP.26 test CI.
    ci=$testdata/certs/CertificateIssuer
    "$smdpp" pki issue --ci-cert "$ci/CERT_CI_ECDSA_NIST.der" --ci-key "$ci/SK_CI_ECDSA_NIST.pem" \
      --out "$work/pki/nist"
    "$smdpp" demo --pki "$work/pki" --profile "$profile" | tee "$work/out"
    [ "$(grep -c 'profile identical' "$work/out")" -eq 2 ]
    # The DP certificates chain to the SGP.26 CI for OpenSSL too.
    openssl verify -CAfile "$ci/CERT_CI_ECDSA_NIST.pem" \
      <(openssl x509 -inform der -in "$work/pki/nist/dppb.der") >/dev/null
    ;;
  pki_refuses_to_overwrite_without_force)
    "$smdpp" pki init --out "$work/pki" --curves nist
    expect_rc 1 "$smdpp" pki init --out "$work/pki" --curves nist
    "$smdpp" pki init --out "$work/pki" --curves nist --force
    ;;
  usage_errors_exit_2)
    expect_rc 2 "$smdpp"
    expect_rc 2 "$smdpp" nonsense
    expect_rc 2 "$smdpp" pki
    expect_rc 2 "$smdpp" pki init
    expect_rc 2 "$smdpp" pki init --out "$work/x" --curves p384
    expect_rc 2 "$smdpp" demo --bogus
    expect_rc 2 "$smdpp" demo --iccid 12
    expect_rc 1 "$smdpp" demo --pki "$work/none" --profile "$profile"
    expect_rc 1 "$smdpp" demo --pki "$work/none" --profile "$work/no-such-profile"
    expect_rc 0 "$smdpp" --help
    ;;
  serve_then_euicc_sim_downloads_and_sigterm_stops)
    # The README's flow: PKI, a registered profile, the server, a download, SIGTERM.
    cd "$work"
    "$smdpp" pki init --out var/pki >/dev/null
    "$smdpp" profile add --package "$profile" --confirmation-code 2468 | tee out
    ac=$(sed -n 's/^activation code: //p' out)
    [[ $ac == 1\$testsmdpplus1.example.com\$*\$\$1 ]] || { echo "bad activation code '$ac'"; exit 1; }
    "$smdpp" serve --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0 >serve.out 2>serve.log &
    pid=$!
    for _ in $(seq 50); do grep -q 'ES9+ on' serve.out && break; sleep 0.1; done
    port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
    [ -n "$port" ] || { cat serve.out serve.log; exit 1; }
    expect_rc 1 "$sim" download "$ac" --connect "127.0.0.1:$port"  # no confirmation code
    "$sim" download "$ac" --connect "127.0.0.1:$port" --confirmation-code 2468 --curve brp \
      --state var/sim-brp | tee out
    grep -q '^installed ICCID ' out
    "$sim" list --state var/sim-brp | grep -q 'pending notifications: 0'
    "$smdpp" profile list | grep -q ' Installed '
    kill -TERM "$pid"
    wait "$pid"  # exit status 0 after a graceful stop
    grep -q '"event":"es9.call","function":"handleNotification"' serve.log
    ! grep -q 2468 serve.log  # the confirmation code never reaches the log
    ;;
  profile_and_serve_refuse_bad_input)
    cd "$work"
    expect_rc 1 "$smdpp" profile add --package "$work/no-such-file"
    echo "not DER" >junk.der
    expect_rc 1 "$smdpp" profile add --package junk.der
    expect_rc 1 "$smdpp" profile add --package "$profile" --eid 1234
    expect_rc 1 "$smdpp" profile add --package "$profile" --iccid 8900000000000000001
    expect_rc 0 "$smdpp" profile add --package "$profile" --no-qr
    expect_rc 1 "$smdpp" profile add --package "$profile" --no-qr  # the ICCID exists
    expect_rc 2 "$smdpp" profile add
    expect_rc 2 "$smdpp" profile
    expect_rc 1 "$smdpp" serve --pki "$work/none" --admin-listen off
    grep -q 'no PKI' out
    expect_rc 2 "$smdpp" serve --binding magic
    ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS: $case_name"
