// SPDX-License-Identifier: Apache-2.0
// `euicc-sim notify`: sends the pending notifications (SGP.22 §3.5,
// ES9+.HandleNotification) and removes those the SM-DP+ acknowledged with HTTP 204.
#include <cstdio>

#include "cli_common.h"
#include "lpa.h"

namespace euicc_sim {
namespace {

int notify(const Options& o) {
  auto device = open_device(o);
  if (!device) {
    std::fprintf(stderr, "euicc-sim notify: %s\n", device.error().c_str());
    return 1;
  }
  auto client = make_client(o, *device);
  if (!client) {
    std::fprintf(stderr, "euicc-sim notify: %s\n", client.error().c_str());
    return 1;
  }
  const auto outcomes = smdp::lpa::send_pending_notifications(*device->card, *client);
  int failures = 0;
  for (const auto& n : outcomes) {
    if (n.sent) {
      std::printf("notification #%llu to %s: accepted\n",
                  static_cast<unsigned long long>(n.seq_number), n.address.c_str());
    } else {
      ++failures;
      std::printf("notification #%llu to %s: left pending (%s)\n",
                  static_cast<unsigned long long>(n.seq_number), n.address.c_str(),
                  n.error ? n.error->message().c_str() : "not removed");
    }
  }
  if (outcomes.empty()) std::printf("no pending notification\n");
  if (auto saved = save_device(o, *device); !saved) {
    std::fprintf(stderr, "euicc-sim notify: saving the state: %s\n", saved.error().c_str());
    return 1;
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int notify_main(int argc, char** argv) {
  CLI::App app(
      "Sends the pending notifications (ES9+ HandleNotification); those the SM-DP+ acknowledges "
      "with HTTP 204 are removed.",
      "euicc-sim notify");
  Options o;
  add_common_options(app, o);
  return smdp::cli::run(app, argc, argv, [&] { return notify(o); });
}

}  // namespace euicc_sim
