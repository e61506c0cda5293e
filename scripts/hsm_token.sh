#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# hsm_token.sh DIR PKI: a SoftHSM2 token in DIR holding the SM-DP+ private keys of the
# PKI that `smdpp pki init --out PKI` made (SK.DPauth, SK.DPpb and the TLS key of each
# curve), which are then deleted from PKI: the key ceremony of README "Security", with
# SoftHSM2 standing in for an HSM.
# Writes DIR/softhsm2.conf and DIR/tokens/ (the token, label smdpp), DIR/pin (the user
# PIN, random, mode 0600), DIR/env (`export SOFTHSM2_CONF=...`, to source before `smdpp
# serve`) and DIR/serve.args (serve's options, one per line: --pkcs11-module,
# --pkcs11-pin-file and one --dpauth-key/--dppb-key/--tls-key URI per key).
set -euo pipefail
dir=$1 pki=$2
module=/usr/lib/softhsm/libsofthsm2.so
command -v softhsm2-util >/dev/null || { echo "hsm_token.sh: softhsm2 is not installed" >&2; exit 1; }
[ -f "$module" ] || { echo "hsm_token.sh: no $module" >&2; exit 1; }
mkdir -p "$dir/tokens"
chmod 700 "$dir"
dir=$(cd "$dir" && pwd)
cat >"$dir/softhsm2.conf" <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
CONF
export SOFTHSM2_CONF=$dir/softhsm2.conf
echo "export SOFTHSM2_CONF=$dir/softhsm2.conf" >"$dir/env"
(umask 077 && od -An -N8 -tx1 /dev/urandom | tr -d ' \n' >"$dir/pin")
softhsm2-util --init-token --free --label smdpp --pin "$(cat "$dir/pin")" \
  --so-pin "$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" >/dev/null
{
  echo --pkcs11-module
  echo "$module"
  echo --pkcs11-pin-file
  echo "$dir/pin"
} >"$dir/serve.args"
id=0
for curve in nist brp; do
  for role in dpauth dppb tls; do
    key=$pki/$curve/$role.key.pem
    [ -f "$key" ] || continue
    id=$((id + 1))
    softhsm2-util --import "$key" --token smdpp --label "$role-$curve" --id "$(printf %02x "$id")" \
      --pin "$(cat "$dir/pin")" >/dev/null
    shred -u "$key" 2>/dev/null || rm -f "$key"
    printf -- '--%s-key\npkcs11:token=smdpp;object=%s-%s;type=private\n' "$role" "$role" "$curve" \
      >>"$dir/serve.args"
  done
done
echo "hsm_token.sh: $id keys in the token (SOFTHSM2_CONF=$dir/softhsm2.conf); serve options in $dir/serve.args"
