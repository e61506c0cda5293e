// SPDX-License-Identifier: Apache-2.0
// ES9+.AuthenticateClient certificate checks (SGP.22 §5.6.3, §4.5.2.1).
#include "pki/euicc_chain.h"

#include <algorithm>

#include "pki/eid.h"

namespace smdp::pki {
namespace {

std::unexpected<Error> refuse(ChainErrc e, const Error& cause) { return fail(e, cause.message()); }

// Steps 4/7: validity, mapped to the certificate's own "invalid" / "expired" codes.
Result<void> check_validity(const Certificate& c, TimePoint now, ChainErrc invalid,
                            ChainErrc expired) {
  switch (c.validity_at(now)) {
    case Validity::valid:
      return {};
    case Validity::not_yet_valid:
      return fail(invalid, "not yet valid: " + c.subject());
    case Validity::expired:
      return fail(expired, "expired: " + c.subject());
  }
  return fail(invalid, "validity");
}

// Step 5.
Result<void> check_eum_role(const Certificate& eum) {
  if (!eum.is_ca()) return fail(ChainErrc::eum_invalid, "EUM is not a CA");
  if (!eum.allows(KeyUsage::key_cert_sign))
    return fail(ChainErrc::eum_invalid, "EUM without keyCertSign");
  if (!eum.has_policy(Role::eum)) return fail(ChainErrc::eum_invalid, "EUM without id-rspRole-eum");
  if (eum.permitted_eid_prefixes().empty())
    return fail(ChainErrc::eum_invalid, "EUM without EID name constraint");
  if (eum.has_unhandled_critical_extension())
    return fail(ChainErrc::eum_invalid, "EUM unknown critical extension");
  return {};
}

// Step 8. Returns the EID.
Result<std::string> check_euicc_role(const Certificate& euicc) {
  if (!euicc.allows(KeyUsage::digital_signature)) {
    return fail(ChainErrc::euicc_invalid, "eUICC without digitalSignature");
  }
  if (!euicc.has_policy(Role::euicc))
    return fail(ChainErrc::euicc_invalid, "eUICC without id-rspRole-euicc");
  const std::optional<std::string>& eid = euicc.eid();
  if (!eid || !is_eid(*eid)) return fail(ChainErrc::euicc_invalid, "no 32-digit EID");
  if (euicc.has_unhandled_critical_extension()) {
    return fail(ChainErrc::euicc_invalid, "eUICC unknown critical extension");
  }
  return *eid;
}

// Steps 2-3: the CI that issued the EUM. `known_good`: an EUM of the cache, whose
// issuer and signature were verified under these CIs already.
Result<const Certificate*> eum_issuer(const CiSet& cis, const Certificate& eum,
                                      const EuiccChainCheck& check, bool known_good) {
  const auto& aki = eum.authority_key_identifier();
  if (!aki) return fail(ChainErrc::eum_invalid, "EUM without authorityKeyIdentifier");
  if (check.selected_ci_ski && *aki != *check.selected_ci_ski) {
    return fail(ChainErrc::ci_unknown, "EUM chains to CI " + to_hex(*aki) + ", not the selected " +
                                           to_hex(*check.selected_ci_ski));
  }
  if (known_good) {
    if (const Certificate* ci = cis.find(*aki)) return ci;
  }
  auto ci = cis.issuer_of(eum);
  if (ci) return ci;
  const Error& e = ci.error();
  if (e.code == Errc::unknown_ci) return refuse(ChainErrc::ci_unknown, e);
  if (e.code == Errc::wrong_curve) return refuse(ChainErrc::eum_wrong_curve, e);
  return refuse(ChainErrc::eum_invalid, e);
}

}  // namespace

Result<VerifiedEuicc> verify_euicc_chain(const CiSet& cis, ByteView eum_der, ByteView euicc_der,
                                         const EuiccChainCheck& check) {
  const std::shared_ptr<const Certificate> known =
      check.eum_cache != nullptr ? check.eum_cache->find(eum_der) : nullptr;
  std::optional<Certificate> parsed;
  const Certificate* eum = known.get();
  if (eum == nullptr) {
    auto cert = Certificate::from_der(eum_der);
    if (!cert) return refuse(ChainErrc::eum_malformed, cert.error());
    eum = &parsed.emplace(std::move(*cert));
  }
  auto euicc = Certificate::from_der(euicc_der);
  if (!euicc) return refuse(ChainErrc::euicc_malformed, euicc.error());

  auto ci = eum_issuer(cis, *eum, check, known != nullptr);
  if (!ci) return std::unexpected(ci.error());
  if (auto v = check_validity(*eum, check.now, ChainErrc::eum_invalid, ChainErrc::eum_expired);
      !v) {
    return std::unexpected(v.error());
  }
  if (!known) {
    if (auto r = check_eum_role(*eum); !r) return std::unexpected(r.error());
    if (check.eum_cache != nullptr) check.eum_cache->remember(*eum);
  }

  if (auto issued = euicc->verify_issued_by(*eum); !issued)
    return refuse(ChainErrc::euicc_invalid, issued.error());
  if (euicc->curve() != (*ci)->curve()) {
    return fail(ChainErrc::euicc_wrong_curve,
                std::string(crypto::curve_name(euicc->curve())) + " eUICC key");
  }
  if (auto v =
          check_validity(*euicc, check.now, ChainErrc::euicc_invalid, ChainErrc::euicc_expired);
      !v) {
    return std::unexpected(v.error());
  }
  auto checked_eid = check_euicc_role(*euicc);
  if (!checked_eid) return std::unexpected(checked_eid.error());

  const std::string eid = std::move(*checked_eid);
  const auto& prefixes = eum->permitted_eid_prefixes();
  if (std::ranges::none_of(prefixes, [&](const std::string& p) { return eid.starts_with(p); })) {
    return fail(ChainErrc::eid_outside_eum_range, "EID " + eid);
  }
  if (check.expected_eid && eid != *check.expected_eid) {
    return fail(ChainErrc::eid_mismatch, "EID " + eid + ", expected " + *check.expected_eid);
  }
  return VerifiedEuicc{*eum, std::move(*euicc), *ci, eid};
}

}  // namespace smdp::pki
