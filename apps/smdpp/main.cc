// SPDX-License-Identifier: Apache-2.0
// smdpp: the SM-DP+ binary. Dispatches to one command per file (*_command.cc).
#include <cstdio>
#include <cstring>
#include <string_view>

#include "commands.h"

int main(int argc, char** argv) {
  const std::string_view cmd = argc > 1 ? argv[1] : "";
  for (const auto& c : smdpp::commands()) {
    if (cmd == c.name) return c.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "usage: smdpp <command> [options]\n\ncommands:\n");
  for (const auto& c : smdpp::commands()) std::fprintf(stderr, "  %-10s %s\n", c.name, c.summary);
  return cmd == "--help" || cmd == "-h" ? 0 : 2;
}
