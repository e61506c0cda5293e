// SPDX-License-Identifier: Apache-2.0
#include "serve_hardening.h"

#include <openssl/crypto.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <filesystem>

#include "base/file.h"
#include "store/sql_store.h"

namespace smdpp {

void harden_process() {
  (void)::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  const rlimit none{0, 0};
  (void)::setrlimit(RLIMIT_CORE, &none);
}

std::expected<void, std::string> check_database_private(const std::string& database_path) {
  if (smdp::store::is_postgresql_url(database_path)) return {};
  const std::string dir = std::filesystem::path(database_path).parent_path().string();
  auto exposed = smdp::not_private(database_path);
  if (!exposed) exposed = smdp::not_private(dir.empty() ? "." : dir, /*directory=*/true, 022);
  if (exposed)
    return std::unexpected(*exposed +
                           ": the database holds the subscriptions and orders; make it the "
                           "owner's alone (chmod 600 " +
                           database_path + ", chmod go-w its directory)");
  return {};
}

std::expected<std::string, std::string> read_passphrase_file(const std::string& file) {
  if (auto exposed = smdp::not_private(file))
    return std::unexpected(*exposed + ": a pass-phrase file must be the owner's alone");
  auto bytes = smdp::read_file(file);
  if (!bytes) return std::unexpected("cannot read " + file);
  std::string text(bytes->begin(), bytes->end());
  OPENSSL_cleanse(bytes->data(), bytes->size());
  const auto end = text.find_first_of("\r\n");
  std::string line = text.substr(0, end);
  OPENSSL_cleanse(text.data(), text.size());
  if (line.empty()) return std::unexpected(file + " is empty");
  return line;
}

}  // namespace smdpp
