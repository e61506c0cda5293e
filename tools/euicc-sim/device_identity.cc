// SPDX-License-Identifier: Apache-2.0
// Loading the simulated eUICC's identity (SGP.22 §4.5.2). See device_identity.h.
#include "device_identity.h"

#include <algorithm>
#include <filesystem>

#include "pki/certificate.h"
#include "pki/eid.h"

namespace smdp::lpa {
namespace {

std::string identity_errc_name(IdentityErrc e) {
  switch (e) {
    case IdentityErrc::not_found:
      return "identity file not found";
    case IdentityErrc::invalid_file:
      return "identity file invalid";
    case IdentityErrc::key_mismatch:
      return "eUICC private key does not match its certificate";
    case IdentityErrc::no_eid:
      return "eUICC certificate carries no valid EID";
    case IdentityErrc::eid_mismatch:
      return "eUICC certificate is for another EID";
  }
  return "unknown identity error";
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(IdentityErrc, "smdp.lpa.identity", identity_errc_name)

namespace fs = std::filesystem;

Result<IdentityFiles> pki_dir_identity(const std::string& dir, std::string_view curve,
                                       std::string_view eid) {
  std::error_code ec;
  const fs::path base = fs::absolute(fs::path(dir) / std::string(curve), ec);
  if (ec || !fs::is_directory(base, ec)) return fail(IdentityErrc::not_found, base.string());
  std::string chosen;
  if (!eid.empty()) {
    chosen = "euicc-" + std::string(eid);
  } else {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(base, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("euicc-") && name.ends_with(".der"))
        names.push_back(name.substr(0, name.size() - 4));
    }
    if (names.empty()) return fail(IdentityErrc::not_found, (base / "euicc-*.der").string());
    std::ranges::sort(names);
    chosen = names.front();
  }
  IdentityFiles files{(base / (chosen + ".der")).string(),
                      (base / (chosen + ".key.pem")).string(),
                      (base / "eum.der").string(),
                      {(base / "ci.der").string()}};
  for (const auto* p : {&files.euicc_cert, &files.euicc_key, &files.eum_cert, &files.ci_certs[0]}) {
    if (!fs::exists(*p, ec)) return fail(IdentityErrc::not_found, *p);
  }
  return files;
}

Result<euicc::CardConfig> load_identity(const IdentityFiles& files) {
  auto read_cert = [](const std::string& path) -> Result<pki::Certificate> {
    std::error_code ec;
    if (!fs::exists(path, ec)) return fail(IdentityErrc::not_found, path);
    auto cert = pki::Certificate::from_file(path);
    if (!cert) return fail(IdentityErrc::invalid_file, path + ": " + cert.error().message());
    return cert;
  };
  auto euicc = read_cert(files.euicc_cert);
  if (!euicc) return std::unexpected(euicc.error());
  auto eum = read_cert(files.eum_cert);
  if (!eum) return std::unexpected(eum.error());
  if (files.ci_certs.empty()) return fail(IdentityErrc::not_found, "no CI certificate given");
  std::vector<Bytes> cis;
  for (const auto& path : files.ci_certs) {
    auto ci = read_cert(path);
    if (!ci) return std::unexpected(ci.error());
    cis.push_back(ci->der());
  }
  std::error_code ec;
  if (!fs::exists(files.euicc_key, ec)) return fail(IdentityErrc::not_found, files.euicc_key);
  auto key = crypto::EcPrivateKey::from_pem_file(files.euicc_key);
  if (!key) return fail(IdentityErrc::invalid_file, files.euicc_key + ": " + key.error().message());
  if (key->public_key().point() != euicc->public_key().point() || key->curve() != euicc->curve())
    return fail(IdentityErrc::key_mismatch, files.euicc_key);
  const auto& eid = euicc->eid();
  if (!eid || !pki::is_eid(*eid)) return fail(IdentityErrc::no_eid, files.euicc_cert);
  return euicc::CardConfig{.eid = *eid,
                           .euicc_certificate = euicc->der(),
                           .eum_certificate = eum->der(),
                           .ci_certificates = std::move(cis),
                           .euicc_private_key = std::move(*key)};
}

}  // namespace smdp::lpa
