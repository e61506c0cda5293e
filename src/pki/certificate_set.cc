// SPDX-License-Identifier: Apache-2.0
// Loading and checking the SM-DP+ credentials (SGP.22 §4.5.2.1, SM-DP+ certificates).
#include "pki/certificate_set.h"

#include <openssl/x509v3.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "base/file.h"

namespace smdp::pki {
namespace {

// The role checks of one credential and the CI it chains to.
Result<Bytes> check_credential(const CiSet& cis, const Credential& c, Role role, TimePoint now) {
  const std::string what(role_name(role));
  if (!c.cert.has_policy(role)) {
    return fail(Errc::wrong_role,
                what + " certificate without policy " + std::string(policy_oid(role)));
  }
  if (!c.cert.allows(KeyUsage::digital_signature)) {
    return fail(Errc::wrong_role, what + " certificate without digitalSignature");
  }
  if (role == Role::dp_tls && (X509_get_extended_key_usage(c.cert.x509()) & XKU_SSL_SERVER) == 0) {
    return fail(Errc::wrong_role, what + " certificate without serverAuth");
  }
  auto ci = cis.issuer_of(c.cert);
  if (!ci) return std::unexpected(in_context(ci.error(), what));
  switch (c.cert.validity_at(now)) {
    case Validity::valid:
      break;
    case Validity::not_yet_valid:
      return fail(Errc::not_yet_valid, what);
    case Validity::expired:
      return fail(Errc::expired, what);
  }
  const std::optional<Bytes>& ci_ski = (*ci)->subject_key_identifier();
  if (!ci_ski) return fail(Errc::missing_key_identifier, "CI");  // cannot happen: CiSet::add
  return *ci_ski;
}

}  // namespace

Result<Credential> Credential::load(const std::string& cert_path, const std::string& key_path,
                                    const KeyFileOptions& options) {
  auto cert = Certificate::from_file(cert_path);
  if (!cert) return std::unexpected(cert.error());
  if (options.owner_only) {
    const std::string dir = std::filesystem::path(key_path).parent_path().string();
    auto exposed = not_private(key_path);
    if (!exposed) exposed = not_private(dir.empty() ? "." : dir, /*directory=*/true, 022);
    if (exposed)
      return fail(Errc::insecure_key_file,
                  *exposed +
                      ": a private key must be the owner's alone (chmod 600 the file, "
                      "chmod go-w its directory)");
  }
  auto key = crypto::EcPrivateKey::from_pem_file(key_path, options.passphrase);
  if (!key) return std::unexpected(key.error());
  Credential c{std::move(*cert), std::move(*key)};
  if (!c.key_matches())
    return fail(Errc::key_mismatch, key_path + " is not the key of " + cert_path);
  return c;
}

Result<CertificateSet> CertificateSet::load(const CertificateSetConfig& config, TimePoint now) {
  CiSet cis;
  for (const auto& path : config.ci_certs) {
    auto ci = Certificate::from_file(path);
    if (!ci) return std::unexpected(ci.error());
    if (auto added = cis.add(std::move(*ci)); !added)
      return std::unexpected(in_context(added.error(), path));
  }
  CertificateSet set(std::move(cis));
  std::vector<bool> used(config.held_keys.size(), false);
  // The credential of `role`: a held key that matches its certificate, else its key file.
  auto load = [&](Role role, const std::string& cert_path,
                  const std::string& key_path) -> Result<Credential> {
    auto cert = Certificate::from_file(cert_path);
    if (!cert) return std::unexpected(cert.error());
    for (std::size_t k = 0; k < config.held_keys.size(); ++k) {
      const HeldKey& held = config.held_keys[k];
      if (held.role != role || held.key.public_key().point() != cert->public_key().point())
        continue;
      used[k] = true;
      return Credential{std::move(*cert), held.key};
    }
    return Credential::load(cert_path, key_path, config.key_files);
  };
  // Labels for the key-use counts: role and curve, e.g. "dppb-brainpoolP256r1".
  auto labelled = [](Result<Credential> c, std::string_view role) -> Result<Credential> {
    if (c)
      c->key.set_label(std::string(role) + "-" + std::string(crypto::curve_name(c->key.curve())));
    return c;
  };
  for (std::size_t i = 0; i < config.credentials.size(); ++i) {
    const CredentialPaths& paths = config.credentials[i];
    auto dpauth = labelled(load(Role::dp_auth, paths.dpauth_cert, paths.dpauth_key), "dpauth");
    if (!dpauth) return std::unexpected(dpauth.error());
    auto dppb = labelled(load(Role::dp_pb, paths.dppb_cert, paths.dppb_key), "dppb");
    if (!dppb) return std::unexpected(dppb.error());
    std::optional<Credential> tls;
    if (!paths.tls_cert.empty() || !paths.tls_key.empty()) {
      auto loaded = labelled(load(Role::dp_tls, paths.tls_cert, paths.tls_key), "tls");
      if (!loaded) return std::unexpected(loaded.error());
      tls = std::move(*loaded);
    }
    if (auto added = set.add(std::move(*dpauth), std::move(*dppb), std::move(tls), now); !added) {
      return std::unexpected(in_context(added.error(), "credentials[" + std::to_string(i) + "]"));
    }
  }
  for (std::size_t k = 0; k < used.size(); ++k)
    if (!used[k])
      return fail(Errc::key_mismatch, config.held_keys[k].name + " is the key of no " +
                                          std::string(role_name(config.held_keys[k].role)) +
                                          " certificate");
  return set;
}

Result<void> CertificateSet::add(Credential dpauth, Credential dppb, std::optional<Credential> tls,
                                 TimePoint now) {
  for (const Credential* c : {&dpauth, &dppb, tls ? &*tls : nullptr}) {
    if (c && !c->key_matches()) return fail(Errc::key_mismatch, c->cert.subject());
  }
  auto ci_ski = check_credential(cis_, dpauth, Role::dp_auth, now);
  if (!ci_ski) return std::unexpected(ci_ski.error());
  auto pb_ci = check_credential(cis_, dppb, Role::dp_pb, now);
  if (!pb_ci) return std::unexpected(pb_ci.error());
  if (*pb_ci != *ci_ski)
    return fail(Errc::issuer_mismatch, "DPpb and DPauth chain to different CIs");
  if (tls) {
    auto tls_ci = check_credential(cis_, *tls, Role::dp_tls, now);
    if (!tls_ci) return std::unexpected(tls_ci.error());
    if (*tls_ci != *ci_ski)
      return fail(Errc::issuer_mismatch, "DPtls and DPauth chain to different CIs");
  }
  if (group_for(*ci_ski))
    return fail(Errc::duplicate, "second credential group for CI " + to_hex(*ci_ski));
  groups_.push_back(Group{std::move(*ci_ski), std::move(dpauth), std::move(dppb), std::move(tls)});
  return {};
}

std::vector<Bytes> CertificateSet::signing_ci_skis() const {
  std::vector<Bytes> out;
  for (const auto& g : groups_) out.push_back(g.ci_ski);
  return out;
}

const CertificateSet::Group* CertificateSet::group_for(ByteView ci_ski) const {
  auto it = std::ranges::find_if(
      groups_, [&](const Group& g) { return std::ranges::equal(g.ci_ski, ci_ski); });
  return it == groups_.end() ? nullptr : &*it;
}

const Credential* CertificateSet::dpauth_for(ByteView ci_ski) const {
  const Group* g = group_for(ci_ski);
  return g ? &g->dpauth : nullptr;
}

const Credential* CertificateSet::dppb_for(ByteView ci_ski) const {
  const Group* g = group_for(ci_ski);
  return g ? &g->dppb : nullptr;
}

const Credential* CertificateSet::tls_for(ByteView ci_ski) const {
  const Group* g = group_for(ci_ski);
  return g && g->tls ? &*g->tls : nullptr;
}

}  // namespace smdp::pki
