// SPDX-License-Identifier: Apache-2.0
// The crypto floor: CPU time of the OpenSSL operations one download cannot avoid on
// the SM-DP+ side, measured in this process with the project's own crypto calls.
// Per download (SGP.22 §3.1.2-§3.1.3, §3.5):
//   TLS handshake (one per download): 1 ECDSA P-256 sign (CERT.DP.TLS is P-256 on both
//     curves) + 1 X25519 key generation + 1 X25519 derivation (the group OpenSSL's
//     client offers first)
//   initiateAuthentication: 1 sign (serverSignature1)
//   authenticateClient: 2 verifications (CERT.EUICC by PK.EUM, euiccSignature1),
//     1 sign (smdpSignature2); CERT.EUM by the CI is NOT in the floor: the same EUM
//     certificate recurs, so a verified one can be remembered
//   getBoundProfilePackage: 1 verification (euiccSignature2), 1 otPK.DP.ECKA key
//     generation, 1 ECDH, the X9.63 KDF, 1 sign (smdpSign), and SCP03t (AES-CBC + CMAC)
//     of what is encrypted per session: the whole profile package with session keys,
//     only ConfigureISDP, StoreMetadata and ReplaceSessionKeys with a PPK
//   handleNotification: 1 verification (euiccSignPIR)
// The ES9+ signatures use the eUICC's curve; the TLS ones are fixed.
#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace bench {

struct CryptoFloor {
  std::string curve;                    // "nist" or "brp"
  std::map<std::string, double> op_us;  // microseconds per single operation
  double tls_us = 0;                    // the handshake's share
  double es9_session_keys_us = 0;       // the ES9+ share, session-key binding
  double es9_ppk_us = 0;                // the ES9+ share, PPK binding
  double total_us(bool ppk) const { return tls_us + (ppk ? es9_ppk_us : es9_session_keys_us); }
};

// `package_bytes`: size of the profile package the server binds.
CryptoFloor measure_crypto_floor(const std::string& curve, std::size_t package_bytes,
                                 unsigned iterations);

}  // namespace bench
