// SPDX-License-Identifier: Apache-2.0
// Issuance of eSIM PKI certificates in the SGP.22 §4.5.2.1 profiles, for test PKIs
// (the `smdpp pki` command) and tests. The extensions and their criticality follow
// the role, mirroring the SGP.26 test certificates:
//   CI     SKI; basicConstraints cA (critical); policy id-rspRole-ci (critical);
//          keyUsage keyCertSign+cRLSign (critical); SAN registeredID; CRL DP
//   EUM    AKI; SKI; keyUsage keyCertSign (critical); policy eum (critical); SAN
//          registeredID; basicConstraints cA pathLen 0 (critical); CRL DP;
//          nameConstraints permitted directoryName {O, serialNumber=EID prefix} (critical)
//   eUICC  AKI; SKI; keyUsage digitalSignature (critical); policy euicc (critical)
//   DPauth AKI; SKI; SAN registeredID; keyUsage digitalSignature (critical);
//   DPpb   policy dp-auth / dp-pb (critical); CRL DP
//   DPtls  keyUsage digitalSignature (critical); extKeyUsage serverAuth+clientAuth
//          (critical); policy dp-tls (not critical); SKI; AKI; SAN dNSName +
//          registeredID; CRL DP
// Signature ecdsa-with-SHA256, X.509 v3, a random positive 16-octet serial number.
#pragma once

#include <string>
#include <vector>

#include "crypto/ec.h"
#include "crypto/rng.h"
#include "pki/certificate.h"
#include "pki/roles.h"

namespace smdp::pki {

// One subject attribute by OpenSSL short name: "C", "O", "OU", "CN", "serialNumber".
struct NameAttribute {
  std::string type;
  std::string value;
};

struct CertificateTemplate {
  Role role = Role::euicc;
  std::vector<NameAttribute> subject;  // in order, one attribute per RDN
  TimePoint not_before{};
  TimePoint not_after{};              // up to 9999-12-31T23:59:59Z
  std::string registered_id;          // SAN registeredID (SGP.26: CI 2.999.1, EUM 2.999.5,
                                      // SM-DP+ 2.999.10); empty: none. Ignored for eUICC.
  std::string dns_name;               // DPtls: SAN dNSName (required)
  std::vector<std::string> crl_uris;  // one distribution point each; ignored for eUICC
  std::string eid_prefix;             // EUM: the permitted EID prefix (required); the
                                      // constraint's O is the subject's O (required)
};

// Issues a certificate for `subject_key` signed with `issuer_key`. `issuer` is the
// issuer's certificate (its subject becomes our issuer name, its SKI our AKI); null
// issues a self-signed CI, and then `issuer_key` must be the subject key's pair.
// The result is parsed back through Certificate::from_der.
// Errors: invalid_argument (template incomplete or not for this issuer),
// issuance_failed (OpenSSL refused an extension or the signature).
Result<Certificate> issue_certificate(const CertificateTemplate& t,
                                      const crypto::EcPublicKey& subject_key,
                                      const Certificate* issuer,
                                      const crypto::EcPrivateKey& issuer_key, crypto::Rng& rng);

}  // namespace smdp::pki
