// SPDX-License-Identifier: Apache-2.0
// `smdpp db`: the database's schema. `migrate` brings it to this build's version (the only
// way a PostgreSQL database is migrated: `serve` refuses one that is not current);
// `status` says whether it is current. Both work on SQLite files too.
#include <iostream>

#include "commands.h"
#include "data_store.h"
#include "service_options.h"

namespace smdpp {
namespace {

std::string_view engine_name(smdp::store::sql::Engine engine) {
  return engine == smdp::store::sql::Engine::sqlite ? "SQLite" : "PostgreSQL";
}

int report(std::string_view command, const DataOptions& d, smdp::store::SchemaMode mode,
           std::string_view done) {
  auto store = open_store(d, mode);
  if (!store) return report_failure(command, store.error());
  std::cout << engine_name((*store)->engine()) << " database " << done << " schema version "
            << (*store)->latest_schema_version() << "\n";
  return 0;
}

}  // namespace

int db_main(int argc, char** argv) {
  CLI::App app("The database schema: migrate it to this build's version, or check it.", "smdpp db");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  CLI::App* migrate_cmd = app.add_subcommand("migrate", "apply the schema steps not yet applied");
  CLI::App* status_cmd =
      app.add_subcommand("status", "exit 0 when the schema is this build's, 1 otherwise");
  for (CLI::App* c : {migrate_cmd, status_cmd}) c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (migrate_cmd->parsed())
      return report("db migrate", d, smdp::store::SchemaMode::migrate, "at");
    return report("db status", d, smdp::store::SchemaMode::require_current, "is current:");
  });
}

}  // namespace smdpp
