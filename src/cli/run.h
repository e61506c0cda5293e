// SPDX-License-Identifier: Apache-2.0
// The command-line convention of every program of the project (smdpp, euicc-sim,
// mno-sim, the benchmarks), on CLI11: parse, then run the command's body. CLI11's own
// exits become the exit codes: 0 after --help or --version, 2 for a usage error (the
// message and the usage are printed by CLI11).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <utility>

namespace smdp::cli {

// Parses argv (argv[0] is the program or command name) into `app`; returns body() when
// the arguments parse, else 0 or 2 as above.
// Parses argv into `app`; nullopt when the arguments parse, else the exit code above.
inline std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

template <class F>
int run(CLI::App& app, int argc, char** argv, F&& body) {
  if (auto exit_code = parse(app, argc, argv)) return *exit_code;
  return std::forward<F>(body)();
}

}  // namespace smdp::cli
