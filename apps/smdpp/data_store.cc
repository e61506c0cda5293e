// SPDX-License-Identifier: Apache-2.0
#include "data_store.h"

#include <filesystem>
#include <iostream>

namespace smdpp {

smdp::Result<std::unique_ptr<smdp::store::SqliteStore>> open_store(const DataOptions& d) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(d.database_path()).parent_path(), ec);
  return smdp::store::SqliteStore::open(d.database_path());
}

int report_failure(std::string_view command, const smdp::Error& error) {
  return report_failure(command, error.message());
}

int report_failure(std::string_view command, std::string_view message) {
  std::cerr << "smdpp " << command << ": " << message << "\n";
  return 1;
}

}  // namespace smdpp
