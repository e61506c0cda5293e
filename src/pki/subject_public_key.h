// SPDX-License-Identifier: Apache-2.0
// The subject public key of a certificate this SM-DP+ already verified and stored (the
// eUICC certificate kept in an RSP session after ES9+.AuthenticateClient, SGP.22
// §5.6.3), read from its DER without the full parse of Certificate::from_der: later
// steps of the session (euiccSignature2 in §5.6.2, euiccSignPIR in §5.6.4) need only
// PK.EUICC.ECDSA, and OpenSSL's X.509 decoding costs more than the verification itself.
//
// Walks Certificate -> tbsCertificate -> subjectPublicKeyInfo { id-ecPublicKey,
// namedCurve prime256v1 | brainpoolP256r1 } and the uncompressed point (which must be
// on the curve). It checks nothing else (no signature, validity or extension): use it
// only on bytes that passed Certificate::from_der and the chain check before.
#pragma once

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/ec.h"

namespace smdp::pki {

// Errors: malformed_certificate (not that shape, another key type or curve).
Result<crypto::EcPublicKey> subject_public_key(ByteView certificate_der);

}  // namespace smdp::pki
