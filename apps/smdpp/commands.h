// SPDX-License-Identifier: Apache-2.0
// The command table of the smdpp binary. Each command lives in its own *_command.cc
// and registers itself in commands.cc.
#pragma once

#include <span>

namespace smdpp {

struct Command {
  const char* name;
  const char* summary;
  // argv[0] is the command name. Returns the process exit code (0 ok, 2 usage error,
  // 1 failure).
  int (*run)(int argc, char** argv);
};

std::span<const Command> commands();

int pki_main(int argc, char** argv);        // pki_command.cc
int demo_main(int argc, char** argv);       // demo_command.cc
int serve_main(int argc, char** argv);      // serve_command.cc
int profile_main(int argc, char** argv);    // profile_command.cc
int template_main(int argc, char** argv);   // catalogue_command.cc
int type_main(int argc, char** argv);       // catalogue_command.cc
int inventory_main(int argc, char** argv);  // inventory_command.cc
int keys_main(int argc, char** argv);       // inventory_command.cc
int order_main(int argc, char** argv);      // order_command.cc
int operator_main(int argc, char** argv);   // operator_command.cc
int outbox_main(int argc, char** argv);     // operator_command.cc
int db_main(int argc, char** argv);         // db_command.cc

}  // namespace smdpp
