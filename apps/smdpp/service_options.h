// SPDX-License-Identifier: Apache-2.0
// Options shared by the commands that work on a running SM-DP+'s data (serve, profile):
// where the data lives and what our address is. Each option can also come from the
// environment (SMDPP_<NAME>) or a config file (--config, TOML/INI) through CLI11.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/run.h"

namespace smdpp {

struct DataOptions {
  std::string data_dir = "var";
  std::string database;  // a SQLite file or a postgresql:// URL; default <data_dir>/smdpp.db
  std::string smdp_address = "testsmdpplus1.example.com";

  std::string database_path() const { return database.empty() ? data_dir + "/smdpp.db" : database; }
};

inline void add_data_options(CLI::App& app, DataOptions& o) {
  app.add_option("--data-dir", o.data_dir, "data directory (database, PKI)")
      ->envname("SMDPP_DATA_DIR")
      ->capture_default_str();
  app.add_option("--database", o.database,
                 "SQLite file, or PostgreSQL URL postgresql://... (default <data-dir>/smdpp.db)")
      ->envname("SMDPP_DATABASE");
  app.add_option("--address", o.smdp_address, "our SM-DP+ address (FQDN)")
      ->envname("SMDPP_ADDRESS")
      ->capture_default_str();
}

}  // namespace smdpp
