// SPDX-License-Identifier: Apache-2.0
// SGP.26-shaped test PKI (SGP.22 §4.5.2.1 profiles).
#include "pki/test_pki.h"

#include "pki/eid.h"

namespace smdp::pki {
namespace {

constexpr std::chrono::days kYear{365};

Result<Credential> issue_with_new_key(const CertificateTemplate& t, crypto::Curve curve,
                                      const Credential* issuer, crypto::Rng& rng) {
  auto key = crypto::EcPrivateKey::generate(curve, rng);
  if (!key) return std::unexpected(key.error());
  const crypto::EcPrivateKey& signer = issuer ? issuer->key : *key;
  auto cert =
      issue_certificate(t, key->public_key(), issuer ? &issuer->cert : nullptr, signer, rng);
  if (!cert) return std::unexpected(cert.error());
  return Credential{std::move(*cert), std::move(*key)};
}

}  // namespace

CertificateTemplate test_template(Role role, const TestPkiParams& p, std::string_view eid) {
  CertificateTemplate t;
  t.role = role;
  t.not_before = p.now - std::chrono::days{1};
  if (!p.crl_uri.empty() && role != Role::euicc) t.crl_uris = {p.crl_uri};
  switch (role) {
    case Role::ci:
      t.subject = {{"C", "XX"}, {"O", "smdpp test PKI"}, {"CN", "smdpp Test CI"}};
      t.not_after = p.now + 35 * kYear;
      t.registered_id = "2.999.1";
      break;
    case Role::eum:
      t.subject = {{"C", "XX"}, {"O", p.eum_organization}, {"CN", "smdpp Test EUM"}};
      t.not_after = p.now + 34 * kYear;
      t.registered_id = "2.999.5";
      t.eid_prefix = p.eid_prefix;
      break;
    case Role::euicc:
      t.subject = {{"C", "XX"},
                   {"O", p.eum_organization},
                   {"serialNumber", std::string(eid)},
                   {"CN", "smdpp Test eUICC"}};
      t.not_after = std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} +
                    std::chrono::hours{23} + std::chrono::minutes{59} + std::chrono::seconds{59};
      break;
    case Role::dp_auth:
    case Role::dp_pb:
      t.subject = {{"O", p.dp_organization}, {"CN", "smdpp SM-DP+"}};
      t.not_after = p.now + 10 * kYear;
      t.registered_id = p.dp_oid;
      break;
    case Role::dp_tls:
      t.subject = {{"O", p.dp_organization}, {"CN", p.dp_address}};
      t.not_after = p.now + 2 * kYear;
      t.registered_id = p.dp_oid;
      t.dns_name = p.dp_address;
      break;
  }
  return t;
}

Result<Credential> issue_ci(crypto::Curve curve, const TestPkiParams& p, crypto::Rng& rng) {
  return issue_with_new_key(test_template(Role::ci, p), curve, nullptr, rng);
}

Result<Credential> issue_eum(const Credential& ci, const TestPkiParams& p, crypto::Rng& rng) {
  return issue_with_new_key(test_template(Role::eum, p), ci.cert.curve(), &ci, rng);
}

Result<Credential> issue_euicc(const Credential& eum, std::string_view eid, const TestPkiParams& p,
                               crypto::Rng& rng) {
  return issue_with_new_key(test_template(Role::euicc, p, eid), eum.cert.curve(), &eum, rng);
}

Result<Credential> issue_dp(Role role, const Credential& ci, const TestPkiParams& p,
                            crypto::Rng& rng) {
  if (role != Role::dp_auth && role != Role::dp_pb && role != Role::dp_tls) {
    return fail(Errc::invalid_argument, "issue_dp: not an SM-DP+ role");
  }
  return issue_with_new_key(test_template(role, p), ci.cert.curve(), &ci, rng);
}

Result<TestPki> create_test_pki(crypto::Curve curve, std::span<const std::string> eids,
                                const TestPkiParams& p, crypto::Rng& rng) {
  for (const auto& eid : eids) {
    if (!is_eid(eid) || !eid.starts_with(p.eid_prefix)) {
      return fail(Errc::invalid_argument,
                  "EID " + eid + " is not 32 digits within prefix " + p.eid_prefix);
    }
  }
  auto ci = issue_ci(curve, p, rng);
  if (!ci) return std::unexpected(ci.error());
  auto eum = issue_eum(*ci, p, rng);
  if (!eum) return std::unexpected(eum.error());
  std::vector<Credential> euiccs;
  for (const auto& eid : eids) {
    auto euicc = issue_euicc(*eum, eid, p, rng);
    if (!euicc) return std::unexpected(euicc.error());
    euiccs.push_back(std::move(*euicc));
  }
  auto dpauth = issue_dp(Role::dp_auth, *ci, p, rng);
  if (!dpauth) return std::unexpected(dpauth.error());
  auto dppb = issue_dp(Role::dp_pb, *ci, p, rng);
  if (!dppb) return std::unexpected(dppb.error());
  auto tls = issue_dp(Role::dp_tls, *ci, p, rng);
  if (!tls) return std::unexpected(tls.error());
  return TestPki{std::move(*ci),     std::move(*eum),  std::move(euiccs),
                 std::move(*dpauth), std::move(*dppb), std::move(*tls)};
}

}  // namespace smdp::pki
