#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes N demo subscriptions as the CSV `smdpp inventory import` reads, to stdout:
#   iccid,imsi,ki,opc,pin1,puk1
# ICCIDs 8949990<12-digit index><Luhn>, IMSIs 00101<10-digit index> (test network
# 001/01), Ki and OPc derived from the index (demo values, not secrets). Usage:
#   scripts/gen_subscriptions.sh N [FIRST_INDEX] > subscriptions.csv
set -euo pipefail
n=${1:?usage: gen_subscriptions.sh N [FIRST_INDEX]}
first=${2:-0}
awk -v n="$n" -v first="$first" 'BEGIN {
  print "iccid,imsi,ki,opc,pin1,puk1"
  for (i = first; i < first + n; i++) {
    body = sprintf("8949990%012d", i)
    # Luhn (ITU-T E.118): double every second digit from the right of the body.
    sum = 0
    for (k = length(body); k >= 1; k--) {
      d = substr(body, k, 1) + 0
      if ((length(body) - k) % 2 == 0) { d *= 2; if (d > 9) d -= 9 }
      sum += d
    }
    printf "%s%d,00101%010d,%08X%08X%08X%08X,%08X%08X%08X%08X,1234,12345678\n",
      body, (10 - sum % 10) % 10, i,
      i, i * 7 % 4294967296, i * 13 % 4294967296, 2779096485,
      i * 3 % 4294967296, i, 1431655765, i * 11 % 4294967296
  }
}'
