// SPDX-License-Identifier: Apache-2.0
#include "data_store.h"

#include <filesystem>
#include <iostream>

namespace smdpp {

smdp::Result<std::unique_ptr<smdp::store::SqlStore>> open_store(const DataOptions& d,
                                                                smdp::store::SchemaMode mode) {
  if (!smdp::store::is_postgresql_url(d.database_path())) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(d.database_path()).parent_path(), ec);
  }
  return smdp::store::SqlStore::open(d.database_path(), mode);
}

int report_failure(std::string_view command, const smdp::Error& error) {
  return report_failure(command, error.message());
}

int report_failure(std::string_view command, std::string_view message) {
  std::cerr << "smdpp " << command << ": " << message << "\n";
  return 1;
}

}  // namespace smdpp
