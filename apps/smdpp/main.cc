// SPDX-License-Identifier: Apache-2.0
// smdpp: the SM-DP+ binary. Dispatches to one command per file (*_command.cc).
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <string_view>

#include "commands.h"

int main(int argc, char** argv) {
  // What smdpp creates (the database and its WAL, the data and key directories, key and
  // activation code files) is the owner's alone unless a command says otherwise (the
  // certificates of `pki init` are 0644).
  ::umask(077);
  const std::string_view cmd = argc > 1 ? argv[1] : "";
  for (const auto& c : smdpp::commands()) {
    if (cmd == c.name) return c.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "usage: smdpp <command> [options]\n\ncommands:\n");
  for (const auto& c : smdpp::commands()) std::fprintf(stderr, "  %-10s %s\n", c.name, c.summary);
  return cmd == "--help" || cmd == "-h" ? 0 : 2;
}
