#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cli_test.sh CASE SMDPP TESTDATA WORKDIR: one end-to-end case of the smdpp CLI.
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4
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
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS: $case_name"
