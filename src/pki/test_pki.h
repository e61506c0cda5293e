// SPDX-License-Identifier: Apache-2.0
// A test PKI in the SGP.22 §4.5.2 profiles, shaped like the GSMA SGP.26 one:
// CI -> EUM -> eUICC(s), and CI -> DPauth, DPpb, DPtls, one tree per curve. Used by
// `smdpp pki` and by tests; fresh keys come from the injected Rng.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "crypto/ec.h"
#include "crypto/rng.h"
#include "pki/certificate_set.h"
#include "pki/issuer.h"

namespace smdp::pki {

// Names and lifetimes. Every certificate starts one day before `now` (clock skew).
// Lifetimes: CI 35 years, EUM 34, DPauth/DPpb 10, DPtls 2, eUICC until 9999-12-31
// (RFC 5280's "no expiry"; SGP.26's own eUICC runs to 7496).
struct TestPkiParams {
  TimePoint now{};
  std::string eum_organization = "smdpp Test EUM";  // EUM/eUICC O, and the name constraint's
  std::string eid_prefix = "89049032";              // EUM permitted EID prefix (SGP.26's)
  std::string dp_organization = "smdpp";
  std::string dp_address = "testsmdpplus1.example.com";          // DPtls SAN dNSName and CN
  std::string dp_oid = "2.999.10";                               // SM-DP+ OID: DP* SAN registeredID
  std::string crl_uri = "http://ci.test.example.com/CRL-A.crl";  // empty: no CRL DP
};

// The SGP.26 test EID, within the default prefix.
inline constexpr std::string_view kSgp26Eid = "89049032123451234512345678901235";

// A new key on `curve` and a self-signed CI.
Result<Credential> issue_ci(crypto::Curve curve, const TestPkiParams& p, crypto::Rng& rng);
// A new key on the CI's curve and an EUM constrained to p.eid_prefix.
Result<Credential> issue_eum(const Credential& ci, const TestPkiParams& p, crypto::Rng& rng);
// A new key on the EUM's curve and an eUICC certificate for `eid` (32 digits).
Result<Credential> issue_euicc(const Credential& eum, std::string_view eid, const TestPkiParams& p,
                               crypto::Rng& rng);
// A new key on the CI's curve and a DPauth, DPpb or DPtls certificate.
Result<Credential> issue_dp(Role role, const Credential& ci, const TestPkiParams& p,
                            crypto::Rng& rng);

// The template issue_* use for `role` (subject, validity, SAN, CRL DP); `eid` only for
// the eUICC. Exposed so tests can issue variants (another key, another curve).
CertificateTemplate test_template(Role role, const TestPkiParams& p, std::string_view eid = {});

struct TestPki {
  Credential ci;
  Credential eum;
  std::vector<Credential> euiccs;  // in the order of the EIDs given
  Credential dpauth;
  Credential dppb;
  Credential tls;
};

// A complete tree on one curve. Every EID must be 32 digits within p.eid_prefix.
Result<TestPki> create_test_pki(crypto::Curve curve, std::span<const std::string> eids,
                                const TestPkiParams& p, crypto::Rng& rng);

}  // namespace smdp::pki
