// SPDX-License-Identifier: Apache-2.0
// `euicc-sim list`: the installed profiles and the pending notifications (SGP.22
// §5.7.9 ListNotification) of the simulated eUICC.
#include <cstdio>

#include "cli_common.h"
#include "lpa.h"

namespace euicc_sim {
namespace {

int list(const Options& o) {
  auto device = open_device(o);
  if (!device) {
    std::fprintf(stderr, "euicc-sim list: %s\n", device.error().c_str());
    return 1;
  }
  std::printf("eUICC %s\n", device->identity.eid.c_str());
  const auto& profiles = device->card->installed_profiles();
  std::printf("profiles: %zu\n", profiles.size());
  for (const auto& p : profiles) {
    std::printf("  ICCID %s%s, %zu bytes\n", p.iccid.c_str(), p.used_ppk ? " (PPK)" : "",
                p.profile_package.size());
  }
  const auto pending = smdp::lpa::describe_pending_notifications(*device->card);
  std::printf("pending notifications: %zu\n", pending.size());
  for (const auto& n : pending) {
    std::printf("  #%llu %s to %s%s%s\n", static_cast<unsigned long long>(n.seq_number),
                n.kind.c_str(), n.address.c_str(), n.iccid.empty() ? "" : ", ICCID ",
                n.iccid.c_str());
  }
  return 0;
}

}  // namespace

int list_main(int argc, char** argv) {
  CLI::App app("The installed profiles and the pending notifications of the simulated eUICC.",
               "euicc-sim list");
  Options o;
  add_common_options(app, o);
  return smdp::cli::run(app, argc, argv, [&] { return list(o); });
}

}  // namespace euicc_sim
