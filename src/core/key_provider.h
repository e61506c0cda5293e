// SPDX-License-Identifier: Apache-2.0
// Data-encryption keys of the SM-DP+: the 32-octet AES-256 keys that seal secrets at
// rest (the subscriptions' Ki/OPc/PINs in ProfileRecord::sealed_values, pre-computed
// protected packages), found by name. SGP.22 §2.3 leaves the SM-DP+'s secure storage
// to the operator; this interface lets a PKCS#11 token replace the files later.
//
// Contract: key() returns exactly kDataKeySize octets or an error; the caller owns the
// copy and should OPENSSL_cleanse it when done. Key material is never logged nor put
// in an error context. Names are 1..64 of [A-Za-z0-9._-].
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/rng.h"

namespace smdp::core {

enum class KeyErrc {
  not_found = 1,   // no key of that name
  insecure,        // key file or directory readable or writable by group or others
  invalid,         // wrong size, not a regular file, or an invalid key name
  already_exists,  // create() of a key that exists
  io_error,        // the key store cannot be read or written
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, KeyErrc)

namespace smdp::core {

inline constexpr std::size_t kDataKeySize = 32;
// The key that seals subscription values and protected packages.
inline constexpr std::string_view kSubscriptionsKey = "subscriptions";

class KeyProvider {
 public:
  virtual ~KeyProvider() = default;
  // The data key `name`. Thread-safe.
  virtual Result<Bytes> key(std::string_view name) = 0;
};

// Keys as files `<directory>/<name>.key`, each the 32 raw octets of the key.
// - create() makes the directory (mode 0700) when missing — its parent must exist —
//   and writes a new random key with mode 0600, never replacing an existing file
//   (already_exists).
// - key() refuses (insecure) a directory or key file with any group/other permission
//   bit, and (invalid) a file that is not a regular file of exactly 32 octets or a
//   symbolic link.
class FileKeyProvider final : public KeyProvider {
 public:
  explicit FileKeyProvider(std::string directory) : directory_(std::move(directory)) {}

  Result<Bytes> key(std::string_view name) override;
  Result<void> create(std::string_view name, crypto::Rng& rng);

  const std::string& directory() const { return directory_; }

 private:
  std::string directory_;
};

// True when `name` is a valid key name.
bool valid_key_name(std::string_view name);

}  // namespace smdp::core
