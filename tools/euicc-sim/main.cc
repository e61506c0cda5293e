// SPDX-License-Identifier: Apache-2.0
// euicc-sim: a software eUICC with an LPA (SGP.22 §3.1.3 download, §3.5 notifications),
// as demo device and test peer of the SM-DP+. One command per *_command.cc.
#include <cstdio>
#include <string_view>

#include "cli_common.h"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

constexpr Command kCommands[] = {
    {"download", "download and install a profile from an activation code",
     euicc_sim::download_main},
    {"list", "installed profiles and pending notifications", euicc_sim::list_main},
    {"notify", "send the pending notifications now", euicc_sim::notify_main},
    {"info", "EID and certificates of the simulated eUICC", euicc_sim::info_main},
};

}  // namespace

int main(int argc, char** argv) {
  const std::string_view cmd = argc > 1 ? argv[1] : "";
  for (const auto& c : kCommands) {
    if (cmd == c.name) return c.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "usage: euicc-sim <command> [options]\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(stderr, "  %-9s %s\n", c.name, c.summary);
  std::fprintf(stderr, "\n'euicc-sim <command> --help' for the options\n");
  return cmd == "--help" || cmd == "-h" ? 0 : 2;
}
