// SPDX-License-Identifier: Apache-2.0
// `smdpp demo`: ES8+ end to end on one machine, until the ES9+ server exists. For each
// curve of a PKI made by `smdpp pki init`: load our certificate set, verify the demo
// eUICC's chain as AuthenticateClient does (SGP.22 §5.6.3), bind a profile for it in
// session-key and PPK mode (§2.5.5), install it with the card-side loader, and check the
// installed package is the original byte for byte.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "asn1/bpp.h"
#include "asn1/store_metadata.h"
#include "base/file.h"
#include "binding/bound_profile_package.h"
#include "commands.h"
#include "crypto/rng.h"
#include "euicc/bpp_loader.h"
#include "pki/certificate_set.h"
#include "pki/euicc_chain.h"
#include "service_options.h"

namespace smdpp {
namespace {

namespace fs = std::filesystem;
using namespace smdp;
using Clock = std::chrono::steady_clock;

// The TS.48 v7 test profile of the repository's test data (run from the repository root).
constexpr const char* kDefaultProfile =
    "testdata/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI.der";

struct Options {
  std::string pki = "var/pki";
  std::string profile = kDefaultProfile;
  std::string iccid = "89000123456789012341";
};

// ICCID digits as coded in EF.ICCID (the 5A value): nibble-swapped BCD, F-padded to 20.
std::optional<Bytes> iccid_to_ef(std::string digits) {
  if (digits.size() < 18 || digits.size() > 20) return std::nullopt;
  digits.resize(20, 'F');
  std::string swapped;
  for (std::size_t i = 0; i < 20; i += 2) swapped += {digits[i + 1], digits[i]};
  return from_hex(swapped);
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int fail_with(const std::string& what) {
  std::fprintf(stderr, "demo: %s\n", what.c_str());
  return 1;
}

int run_curve(const fs::path& dir, const Options& opt, const Bytes& profile) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto p = [&](const char* name) { return (dir / name).string(); };
  auto set = pki::CertificateSet::load({{p("ci.der")},
                                        {{p("dpauth.der"), p("dpauth.key.pem"), p("dppb.der"),
                                          p("dppb.key.pem"), p("tls.der"), p("tls.key.pem")}}},
                                       now);
  if (!set) return fail_with(set.error().message());
  const Bytes ci_ski = set->signing_ci_skis().at(0);

  fs::path euicc_cert;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().starts_with("euicc-") && e.path().extension() == ".der")
      euicc_cert = e.path();
  }
  if (euicc_cert.empty()) return fail_with("no euicc-<EID>.der in " + dir.string());
  auto card = pki::Credential::load(euicc_cert.string(),
                                    fs::path(euicc_cert).replace_extension(".key.pem").string());
  auto eum = read_file((dir / "eum.der").string());
  if (!card || !eum) return fail_with("cannot load the demo eUICC or EUM of " + dir.string());

  // What AuthenticateClient checks of the eUICC (SGP.22 §5.6.3).
  auto verified =
      pki::verify_euicc_chain(set->cis(), *eum, card->cert.der(), {now, ci_ski, std::nullopt});
  if (!verified) return fail_with("eUICC chain: " + verified.error().message());
  const Bytes eid = *from_hex(verified->eid);

  asn1::StoreMetadataRequest metadata;
  metadata.iccid = *iccid_to_ef(opt.iccid);
  metadata.service_provider_name = "smdpp demo";
  metadata.profile_name = "TS.48 test profile";
  const Bytes store_metadata = metadata.encode();
  const Bytes configure_isdp = asn1::ConfigureIsdpRequest{}.encode();
  const ByteView host_id = as_bytes("SMDPP001");

  const auto& dppb = set->dppb_for(ci_ski)->key;
  std::printf("%s: eUICC %s verified (CI -> EUM -> eUICC)\n", dir.filename().c_str(),
              verified->eid.c_str());
  auto ppp = binding::protect_profile_package(profile, crypto::system_rng());
  if (!ppp) return fail_with(ppp.error().message());
  for (bool ppk : {false, true}) {
    const Bytes tid = crypto::system_rng().bytes(16);
    auto otsk = crypto::EcPrivateKey::generate(
        dppb.curve(), crypto::system_rng());  // the card's, at PrepareDownload
    if (!otsk) return fail_with(otsk.error().message());
    const binding::BindingInput in{
        tid, eid, otsk->public_key().point(), host_id, configure_isdp, store_metadata};
    auto t0 = Clock::now();
    auto bound = ppk ? binding::bind_protected_profile_package(in, dppb, crypto::system_rng(), *ppp)
                     : binding::bind_profile_package(in, dppb, crypto::system_rng(), profile);
    const double bind_ms = ms_since(t0);
    if (!bound) return fail_with(bound.error().message());
    t0 = Clock::now();
    auto installed = euicc::load_bound_profile_package(
        bound->bound_profile_package, {tid, eid, *otsk, set->dppb_for(ci_ski)->cert.public_key()});
    const double load_ms = ms_since(t0);
    if (!installed) return fail_with("eUICC refused the BPP: " + installed.error().detail);
    const bool same =
        installed->profile_package == profile && installed->store_metadata == store_metadata;
    std::printf(
        "  %-11s BPP %6zu bytes, %3zu segments, bound in %6.2f ms, installed in %6.2f ms: %s\n",
        ppk ? "PPK mode" : "session keys", bound->bound_profile_package.size(),
        installed->segment_count, bind_ms, load_ms, same ? "profile identical" : "PROFILE DIFFERS");
    if (!same) return 1;
  }
  return 0;
}

// Every curve of the PKI, one after the other.
int run(const Options& opt) {
  auto profile = read_file(opt.profile);
  if (!profile) return fail_with("cannot read profile " + opt.profile);
  std::printf("profile %s (%zu bytes)\n", fs::path(opt.profile).filename().c_str(),
              profile->size());
  int curves = 0;
  for (const char* curve : {"nist", "brp"}) {
    if (!fs::exists(fs::path(opt.pki) / curve / "ci.der")) continue;
    ++curves;
    if (int rc = run_curve(fs::path(opt.pki) / curve, opt, *profile); rc != 0) return rc;
  }
  if (curves == 0)
    return fail_with("no PKI in " + opt.pki + " (run: smdpp pki init --out " + opt.pki + ")");
  std::puts("demo: every profile installed identical to the original");
  return 0;
}

}  // namespace

int demo_main(int argc, char** argv) {
  CLI::App app(
      "Binds a profile for the demo eUICC of a `smdpp pki init` PKI, per curve, in session-key "
      "and PPK mode, installs it with the card-side loader and checks it arrives identical.",
      "smdpp demo");
  app.set_config("--config", "", "read options from a TOML/INI file");
  Options opt;
  app.add_option("--pki", opt.pki, "a PKI from `smdpp pki init`")
      ->envname("SMDPP_PKI")
      ->capture_default_str();
  app.add_option("--profile", opt.profile,
                 "an unprotected profile package, SAIP DER (default: TS.48 v7 from testdata/, "
                 "relative to the repository root)");
  app.add_option("--iccid", opt.iccid, "ICCID for the profile metadata")
      ->check(CLI::Validator(
          [](std::string& iccid) {
            return iccid_to_ef(iccid) ? std::string() : std::string("ICCID must be 18-20 digits");
          },
          "DIGITS"))
      ->capture_default_str();
  return smdp::cli::run(app, argc, argv, [&] { return run(opt); });
}

}  // namespace smdpp
