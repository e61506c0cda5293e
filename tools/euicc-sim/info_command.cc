// SPDX-License-Identifier: Apache-2.0
// `euicc-sim info`: the simulated eUICC's EID and certificates (SGP.22 §4.5.2).
#include <cstdio>

#include "cli_common.h"
#include "pki/certificate.h"

namespace euicc_sim {
namespace {

void print_cert(const char* role, const smdp::Bytes& der, const std::string& path) {
  auto c = smdp::pki::Certificate::from_der(der);
  if (!c) {
    std::printf("%s: %s (unparseable: %s)\n", role, path.c_str(), c.error().message().c_str());
    return;
  }
  std::printf("%s: %s\n  subject %s\n  issuer  %s\n  curve   %s\n", role, path.c_str(),
              c->subject().c_str(), c->issuer().c_str(),
              std::string(smdp::crypto::curve_name(c->curve())).c_str());
  if (const auto& ski = c->subject_key_identifier())
    std::printf("  SKI     %s\n", smdp::to_hex(*ski).c_str());
}

int info(const Options& o) {
  auto device = open_device(o);
  if (!device) {
    std::fprintf(stderr, "euicc-sim info: %s\n", device.error().c_str());
    return 1;
  }
  const auto& files = device->identity.files;
  auto config = smdp::lpa::load_identity(files);
  std::printf("EID %s\nstate %s\n", device->identity.eid.c_str(), o.state_dir.c_str());
  if (config) {
    print_cert("eUICC", config->euicc_certificate, files.euicc_cert);
    print_cert("EUM", config->eum_certificate, files.eum_cert);
    for (std::size_t i = 0; i < config->ci_certificates.size(); ++i)
      print_cert("CI", config->ci_certificates[i], files.ci_certs[i]);
  }
  return 0;
}

}  // namespace

int info_main(int argc, char** argv) {
  CLI::App app("The simulated eUICC's EID and certificates.", "euicc-sim info");
  Options o;
  add_common_options(app, o);
  return smdp::cli::run(app, argc, argv, [&] { return info(o); });
}

}  // namespace euicc_sim
