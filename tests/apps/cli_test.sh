#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cli_test.sh CASE SMDPP TESTDATA WORKDIR EUICC_SIM: one end-to-end case of the CLI.
set -euo pipefail
case_name=$1 smdpp=$2 testdata=$3 work=$4 sim=${5:-}
rm -rf "$work" && mkdir -p "$work"
profile=$testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der
# shellcheck source=assert.sh
source "$(dirname "$0")/assert.sh"

inventory_with_type() {  # inventory_with_type N: keys, template gtp7, type gtp, N profiles
  local gen
  gen=$(cd "$(dirname "$0")/../../scripts" && pwd)/gen_subscriptions.sh
  "$smdpp" keys init >/dev/null
  "$smdpp" template add --name gtp7 --package "$profile" >/dev/null
  "$smdpp" type add --name gtp --template gtp7 --variables iccid,imsi,ki,opc,pin1,puk1 >/dev/null
  "$gen" "$1" >subs.csv
  "$smdpp" inventory import --type gtp --csv subs.csv --no-progress >/dev/null
}

png_width() {  # the IHDR width (big-endian, bytes 16-19) of a PNG file
  [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "$1: not PNG" >&2; return 1; }
  od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}

svg_side() {  # N of the SVG's viewBox="0 0 N N", after checking it is well-formed SVG
  if command -v xmllint >/dev/null; then xmllint --noout "$1"; fi
  grep -q '<svg xmlns="http://www.w3.org/2000/svg" version="1.1"' "$1"
  [ "$(grep -o '<path ' "$1" | wc -l)" -eq 1 ] || { echo "$1: not one path" >&2; return 1; }
  sed -n 's/.*viewBox="0 0 \([0-9]*\) \1".*/\1/p' "$1"
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
    "$smdpp" serve --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0 --es2-listen off >serve.out 2>serve.log &
    pid=$!
    for _ in $(seq 50); do grep -q 'ES9+ on' serve.out && break; sleep 0.1; done
    port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
    [ -n "$port" ] || { cat serve.out serve.log; exit 1; }
    # No confirmation code: postponed, over the ASN.1 binding (SGP.22 §6.6) this time.
    expect_rc 1 "$sim" download "$ac" --connect "127.0.0.1:$port" --es9-binding asn1
    grep -q 'confirmation code' "$work/out"
    # As scanned from the QR code (SGP.22 §4.1 "LPA:" prefix): the LPA accepts both forms.
    "$sim" download "LPA:$ac" --connect "127.0.0.1:$port" --confirmation-code 2468 --curve brp \
      --state var/sim-brp | tee out
    grep -q '^installed ICCID ' out
    "$sim" list --state var/sim-brp | grep -q 'pending notifications: 0'
    "$smdpp" profile list | grep -q ' Installed '
    kill -TERM "$pid"
    wait "$pid"  # exit status 0 after a graceful stop
    grep -q '"event":"es9.call","function":"handleNotification"' serve.log
    grep -q '"function":"cancelSession","transactionId":"[0-9a-fA-F]*","status":"Executed-Success"' serve.log
    refute grep -q 2468 serve.log  # the confirmation code never reaches the log
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
    # A TLS profile list OpenSSL rejects stops the start with a message naming it.
    "$smdpp" pki init --out var/pki >/dev/null
    expect_rc 1 "$smdpp" serve --listen 127.0.0.1:0 --admin-listen off --es2-listen off \
      --tls-groups P-999
    grep -q "groups 'P-999'" out
    ;;
  operator_flow_template_type_import_order_download)
    # The README's operator flow: template, type, CSV import, order, download, export.
    gen=$(cd "$(dirname "$0")/../../scripts" && pwd)/gen_subscriptions.sh
    cd "$work"
    "$smdpp" pki init --out var/pki >/dev/null
    "$smdpp" keys init
    [ "$(stat -c %a var/keys/subscriptions.key)" = 600 ] || { echo "data key not 0600"; exit 1; }
    "$smdpp" template validate --package "$profile" | grep -q '0 problem(s)'
    "$smdpp" template add --name gtp7 --package "$profile"
    "$smdpp" type add --name gtp --template gtp7 --variables iccid,imsi,ki,opc,pin1,puk1 \
      --service-provider "CLI MNO" --profile-name "CLI test" --low-stock 5
    "$gen" 200 >subs.csv
    sed -n 2p subs.csv >>subs.csv                                              # duplicate row
    echo "89499900000000000010,001019999999999,$(printf 'AB%.0s' {1..16}),$(printf 'CD%.0s' {1..16}),1234,12345678" >>subs.csv  # bad Luhn
    expect_rc 1 "$smdpp" inventory import --type gtp --csv subs.csv --no-progress
    grep -q 'imported 200 of 202 rows' out || { cat out; exit 1; }
    [ "$(wc -l <subs.csv.rejected.csv)" -ge 2 ] || { cat subs.csv.rejected.csv; exit 1; }
    refute grep -qi 'ABABABAB' subs.csv.rejected.csv  # reasons never carry a secret
    "$smdpp" inventory show | grep -q 'gtp:.*Available=200'
    "$smdpp" order add --type gtp --no-qr | tee out
    ac=$(sed -n 's/^activation code: //p' out)
    iccid=$(sed -n 's/^ICCID \([0-9]*\) .*/\1/p' out)
    [ "$iccid" = "$(sed -n 2p subs.csv | cut -d, -f1)" ] || { echo "not the first row: $iccid"; exit 1; }
    "$smdpp" serve --listen 127.0.0.1:0 --admin-listen off --es2-listen off >serve.out 2>serve.log &
    pid=$!
    for _ in $(seq 50); do grep -q 'ES9+ on' serve.out && break; sleep 0.1; done
    port=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
    "$sim" download "$ac" --connect "127.0.0.1:$port" --state var/sim | tee out
    grep -q "^installed ICCID $iccid" out
    kill -TERM "$pid"
    wait "$pid"
    "$smdpp" profile list >list.out  # (grep -q on a pipe would SIGPIPE the long list)
    grep -q "^$iccid  Installed" list.out
    "$smdpp" inventory export --iccid "$iccid" --out exported.der
    [ "$(stat -c %a exported.der)" = 600 ] || { echo "export not 0600"; exit 1; }
    ki=$(sed -n 2p subs.csv | cut -d, -f3)
    od -An -v -tx1 exported.der | tr -d ' \n' | grep -qi "$ki"  # the export carries the Ki ...
    refute grep -qi "$ki" serve.log out                     # ... the logs never do
    "$smdpp" template validate --package exported.der | grep -q '0 problem(s)'
    ;;
  operator_commands_refuse_bad_input)
    cd "$work"
    echo "not DER" >junk.der
    expect_rc 1 "$smdpp" template validate --package junk.der
    expect_rc 1 "$smdpp" template add --name bad --package junk.der
    expect_rc 1 "$smdpp" template add --name 'bad name' --package "$profile"
    expect_rc 0 "$smdpp" template add --name gtp7 --package "$profile"
    expect_rc 1 "$smdpp" template add --name gtp7 --package "$profile"  # exists
    expect_rc 1 "$smdpp" type add --name t --template missing
    expect_rc 1 "$smdpp" type add --name t --template gtp7 --variables iccid,colour
    expect_rc 1 "$smdpp" type add --name t --template gtp7 --class gold
    expect_rc 0 "$smdpp" type add --name t --template gtp7 --variables iccid,imsi
    printf 'iccid,imsi\n89499900000000000009,001010000000000\n' >ok.csv
    expect_rc 1 "$smdpp" inventory import --type t --csv ok.csv --no-progress
    grep -q 'smdpp keys init' out
    expect_rc 0 "$smdpp" keys init
    expect_rc 1 "$smdpp" inventory import --type nope --csv ok.csv --no-progress
    printf 'iccid,ki\n' >wrong-header.csv
    expect_rc 1 "$smdpp" inventory import --type t --csv wrong-header.csv --no-progress
    expect_rc 0 "$smdpp" inventory import --type t --csv ok.csv --no-progress
    expect_rc 1 "$smdpp" order add --type nope
    expect_rc 2 "$smdpp" order add --type t --iccid 89499900000000000009
    expect_rc 1 "$smdpp" order add --type t --eid 123
    expect_rc 1 "$smdpp" order cancel --iccid 8949990000000000999
    expect_rc 0 "$smdpp" order add --type t --no-qr
    expect_rc 1 "$smdpp" order add --type t --no-qr  # out of stock
    grep -q 'no profile of the type is available' out
    expect_rc 0 "$smdpp" order cancel --iccid 89499900000000000009 --final unavailable
    expect_rc 1 "$smdpp" inventory export --iccid 8949990000000000999 --out x.der
    ;;
  order_code_exports_text_png_svg_and_batch)
    cd "$work"
    inventory_with_type 4
    first=$(sed -n 2p subs.csv | cut -d, -f1) second=$(sed -n 3p subs.csv | cut -d, -f1)
    third=$(sed -n 4p subs.csv | cut -d, -f1)
    "$smdpp" order add --type gtp --no-qr >/dev/null                                    # Released
    "$smdpp" order add --type gtp --no-qr --no-release --confirmation-code 2468 >/dev/null  # Confirmed
    "$smdpp" order add --type gtp --no-qr >/dev/null
    "$smdpp" order cancel --iccid "$third" >/dev/null  # no longer an open order
    # Text: "ICCID<TAB>activation code", the code order add printed.
    "$smdpp" order code --iccid "$first" >one.txt
    [ "$(wc -l <one.txt)" -eq 1 ] || { cat one.txt; exit 1; }
    ac1=$(cut -f2 one.txt)
    [[ $(cut -f1 one.txt) == "$first" && $ac1 =~ ^1\$testsmdpplus1\.example\.com\$[0-9A-Z-]+$ ]] ||
      { echo "bad line: $(cat one.txt)"; exit 1; }
    "$smdpp" order code --iccid "$second" >two.txt
    ac2=$(cut -f2 two.txt)
    [[ $ac2 == 1\$testsmdpplus1.example.com\$*\$\$1 ]] || { echo "no \$\$1 flag: $ac2"; exit 1; }
    # PNG: a scanner reads back exactly the text code.
    "$smdpp" order code --iccid "$first" --format png --out one.png | cmp - one.txt
    # SGP.22 §4.1: the QR code carries "LPA:" before the code (the text form has none).
    [ "$(zbarimg --raw -q one.png)" = "LPA:$ac1" ] || { echo "PNG decodes to $(zbarimg --raw -q one.png)"; exit 1; }
    "$smdpp" order code --iccid "$second" --format png --module-size 3 --out two-small.png >/dev/null
    [ "$(zbarimg --raw -q two-small.png)" = "LPA:$ac2" ]
    # SVG: well-formed, one path, viewBox = the PNG's size in modules (8 px per module).
    "$smdpp" order code --iccid "$first" --format svg --out one.svg >/dev/null
    side=$(svg_side one.svg)
    [ -n "$side" ] && [ $(( (side - 8 - 17) % 4 )) -eq 0 ] || { echo "viewBox side '$side'"; exit 1; }
    [ "$(png_width one.png)" -eq $((side * 8)) ] || { echo "PNG $(png_width one.png) px, SVG $side modules"; exit 1; }
    [ $(( $(png_width two-small.png) % 3 )) -eq 0 ]
    [ "$(stat -c %a one.png)" = 600 ] || { echo "code file not 0600"; exit 1; }
    # Batch: the Confirmed and Released orders of the type, not the cancelled one.
    "$smdpp" order code --type gtp >batch.txt
    printf '%s\t%s\n%s\t%s\n' "$first" "$ac1" "$second" "$ac2" | cmp - batch.txt
    # Text with --out: the same lines in the (0600) file, nothing on stdout.
    [ -z "$("$smdpp" order code --type gtp --out batch-out.txt 2>/dev/null)" ]
    cmp batch.txt batch-out.txt && [ "$(stat -c %a batch-out.txt)" = 600 ]
    [ -z "$("$smdpp" order code --iccid "$first" --out one-out.txt)" ] && cmp one.txt one-out.txt
    "$smdpp" order code --type gtp --format png --out batch >/dev/null
    [ "$(ls batch | sort | tr '\n' ' ')" = "$first.png $second.png index.csv " ] || { ls batch; exit 1; }
    printf 'iccid,activation_code\n%s,%s\n%s,%s\n' "$first" "$ac1" "$second" "$ac2" | cmp - batch/index.csv
    tail -n +2 batch/index.csv | while IFS=, read -r iccid ac; do
      [ "$(zbarimg --raw -q "batch/$iccid.png")" = "LPA:$ac" ] || { echo "batch/$iccid.png"; exit 1; }
    done
    "$smdpp" order code --type gtp --format svg --out batch-svg >/dev/null
    for f in "$first" "$second"; do [ -n "$(svg_side "batch-svg/$f.svg")" ]; done
    cmp batch/index.csv batch-svg/index.csv
    [ -z "$(find . -name '*.tmp*')" ] || { echo "temporary files left"; find . -name '*.tmp*'; exit 1; }
    ;;
  order_code_refuses_profiles_without_an_open_order)
    cd "$work"
    inventory_with_type 3
    first=$(sed -n 2p subs.csv | cut -d, -f1) second=$(sed -n 3p subs.csv | cut -d, -f1)
    third=$(sed -n 4p subs.csv | cut -d, -f1)
    "$smdpp" order add --type gtp --no-qr >/dev/null
    "$smdpp" order add --type gtp --no-qr --eid 89049032123451234512345678901235 --no-matching-id >/dev/null
    echo old >keep.png
    expect_rc 1 "$smdpp" order code --iccid 8949990000000000999 --format png --out keep.png
    grep -q 'no profile with ICCID 8949990000000000999' out
    expect_rc 1 "$smdpp" order code --iccid "$third" --format png --out keep.png  # Available: no order
    grep -q "ICCID $third (Available) has no order with a matchingId" out
    expect_rc 1 "$smdpp" order code --iccid "$second" --format svg --out keep.png  # found by EID
    grep -q "ICCID $second (Released) has no order with a matchingId" out
    # An operator's matchingId outside the activation-code alphabet (SGP.22 §4.1) is
    # accepted for the order, but no activation code is printed for it.
    "$smdpp" order add --iccid "$third" --matching-id crm_order.7 --no-qr >added.txt
    grep -q 'matchingId crm_order.7 (no activation code' added.txt || { cat added.txt; exit 1; }
    expect_rc 1 "$smdpp" order code --iccid "$third"
    grep -q "matchingId 'crm_order.7' has characters an activation code cannot carry" out
    [ "$(cat keep.png)" = old ] || { echo "refused export touched the file"; exit 1; }
    expect_rc 1 "$smdpp" order code --iccid "$first" --format png --out no-such-dir/x.png
    grep -q 'cannot write' out
    [ ! -e no-such-dir ] && [ -z "$(find . -name '*.tmp*')" ]
    expect_rc 1 "$smdpp" order code --type nope
    grep -q 'no profile type nope' out
    expect_rc 1 "$smdpp" order code --iccid "$first" --address 'not an address$'
    expect_rc 2 "$smdpp" order code
    expect_rc 2 "$smdpp" order code --iccid "$first" --type gtp
    expect_rc 2 "$smdpp" order code --iccid "$first" --format png
    expect_rc 2 "$smdpp" order code --iccid "$first" --format gif --out x.gif
    expect_rc 2 "$smdpp" order code --iccid "$first" --format png --out x.png --module-size 0
    expect_rc 0 "$smdpp" order code --type gtp --format png --out batch  # only the open order
    [ "$(ls batch | sort | tr '\n' ' ')" = "$first.png index.csv " ] || { ls batch; exit 1; }
    ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "PASS: $case_name"
