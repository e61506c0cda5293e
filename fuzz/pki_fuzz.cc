// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the eUICC certificate chain verifier (pki/euicc_chain.h) under the
// SGP.26 test CIs (NIST and brainpool), and the strict certificate parser below it.
//
// Input: one flags byte (bit 0: require the NIST CI as euiccCiPKIdToBeUsed; bit 1:
// require the SGP.26 test EID), a 2-byte big-endian length n, n bytes of CERT.EUM.ECDSA,
// the rest CERT.EUICC.ECDSA.
// Invariants:
// - a certificate that parses re-encodes to its input (der() is the received DER);
// - the verifier returns a result or a ChainErrc error, never both or neither, and
//   the same one with a verified-EUM cache (pki/eum_cache.h), when filling it and when
//   served from it;
// - an accepted chain: both certificates parse and are the input bytes, the CI is one
//   of the set (the selected one if given), the EID is 32 digits (equal to the
//   expected one if given), the EUM is a CA the CI issued, the eUICC is issued by it;
// - a malformed EUM is reported as eum_malformed (and only then), a well-formed EUM with
//   a malformed eUICC as euicc_malformed.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "pki/chain_errors.h"
#include "pki/ci_set.h"
#include "pki/euicc_chain.h"

namespace {

using smdp::Bytes;
using smdp::ByteView;
using smdp::fuzz::same;
namespace pki = smdp::pki;

const char kTestEid[] = "89049032123451234512345678901235";

const pki::CiSet& cis() {
  static const pki::CiSet set = [] {
    pki::CiSet s;
    for (const char* name : {"CERT_CI_ECDSA_NIST.der", "CERT_CI_ECDSA_BRP.der"}) {
      auto ci = pki::Certificate::from_file(std::string(SMDPP_TESTDATA_DIR) +
                                            "/certs/CertificateIssuer/" + name);
      FUZZ_CHECK(ci.has_value());
      FUZZ_CHECK(s.add(std::move(*ci)).has_value());
    }
    return s;
  }();
  return set;
}

bool parses_to_itself(ByteView der) {
  auto cert = pki::Certificate::from_der(der);
  if (cert) FUZZ_CHECK(same(cert->der(), der));
  return cert.has_value();
}

bool is_code(const smdp::Error& e, pki::ChainErrc c) { return e.code == c; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::uint8_t flags = data[0];
  const std::size_t eum_size = std::min<std::size_t>(size - 3, std::size_t{data[1]} << 8 | data[2]);
  const ByteView eum = smdp::fuzz::input(data + 3, eum_size);
  const ByteView euicc = smdp::fuzz::input(data + 3 + eum_size, size - 3 - eum_size);

  const pki::CiSet& set = cis();
  pki::EuiccChainCheck check;
  check.now = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
  const auto& nist_ski = set.all().front().subject_key_identifier();
  if ((flags & 1) != 0 && nist_ski) check.selected_ci_ski = *nist_ski;
  if ((flags & 2) != 0) check.expected_eid = kTestEid;

  const bool eum_parses = parses_to_itself(eum);
  const bool euicc_parses = parses_to_itself(euicc);

  auto verified = pki::verify_euicc_chain(set, eum, euicc, check);
  // The same chain through a verified-EUM cache: once to fill it, once served from it.
  pki::VerifiedEumCache cache;
  pki::EuiccChainCheck cached_check = check;
  cached_check.eum_cache = &cache;
  auto filling = pki::verify_euicc_chain(set, eum, euicc, cached_check);
  auto again = pki::verify_euicc_chain(set, eum, euicc, cached_check);
  FUZZ_CHECK(verified.has_value() == filling.has_value());
  FUZZ_CHECK(verified.has_value() == again.has_value());
  if (!verified) {
    FUZZ_CHECK(verified.error().code.category() == pki::ChainErrc_category());
    FUZZ_CHECK(verified.error().code == filling.error().code);
    FUZZ_CHECK(verified.error().code == again.error().code);
    if (!eum_parses) FUZZ_CHECK(is_code(verified.error(), pki::ChainErrc::eum_malformed));
    if (is_code(verified.error(), pki::ChainErrc::eum_malformed)) FUZZ_CHECK(!eum_parses);
    // Step 1 of verify_euicc_chain parses both certificates before any other check.
    if (eum_parses && !euicc_parses)
      FUZZ_CHECK(is_code(verified.error(), pki::ChainErrc::euicc_malformed));
    return 0;
  }
  const pki::VerifiedEuicc& v = *verified;
  FUZZ_CHECK(eum_parses && euicc_parses);
  FUZZ_CHECK(same(v.eum.der(), eum) && same(v.euicc.der(), euicc));
  FUZZ_CHECK(v.ci != nullptr);
  const auto& ci_ski = v.ci->subject_key_identifier();
  FUZZ_CHECK(ci_ski.has_value());
  const Bytes& ski = *ci_ski;
  FUZZ_CHECK(set.find(ski) == v.ci);
  if (check.selected_ci_ski) FUZZ_CHECK(same(ski, *check.selected_ci_ski));
  FUZZ_CHECK(v.eid.size() == 32 &&
             std::all_of(v.eid.begin(), v.eid.end(), [](char c) { return c >= '0' && c <= '9'; }));
  if (check.expected_eid) FUZZ_CHECK(v.eid == *check.expected_eid);
  FUZZ_CHECK(v.eum.is_ca());
  FUZZ_CHECK(v.eum.verify_issued_by(*v.ci).has_value());
  FUZZ_CHECK(v.euicc.verify_issued_by(v.eum).has_value());
  return 0;
}
