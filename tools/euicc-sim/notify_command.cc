// SPDX-License-Identifier: Apache-2.0
// `euicc-sim notify`: sends the pending notifications (SGP.22 §3.5,
// ES9+.HandleNotification) and removes those the SM-DP+ acknowledged with HTTP 204.
#include <cstdio>

#include "cli_common.h"
#include "lpa.h"

namespace euicc_sim {

int notify_main(int argc, char** argv) {
  auto o = parse_options(argc, argv);
  if (!o || !o->positional.empty()) {
    std::fprintf(stderr, "euicc-sim notify: %s\n", o ? "unexpected argument" : o.error().c_str());
    return 2;
  }
  if (o->help) {
    std::fputs("usage: euicc-sim notify [options]\n\n", stdout);
    std::fputs(kCommonHelp, stdout);
    return 0;
  }
  auto device = open_device(*o);
  if (!device) {
    std::fprintf(stderr, "euicc-sim notify: %s\n", device.error().c_str());
    return 1;
  }
  auto client = make_client(*o, *device);
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
  if (auto saved = save_device(*o, *device); !saved) {
    std::fprintf(stderr, "euicc-sim notify: saving the state: %s\n", saved.error().c_str());
    return 1;
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace euicc_sim
