// SPDX-License-Identifier: Apache-2.0
// The simulated device's durable state in its state directory, so that a profile
// installed by one `euicc-sim` run and the notifications left pending (SGP.22 §3.5:
// the LPA retries until the SM-DP+ acknowledges) survive until the next run:
//   DIR/identity.json  which identity files the card uses (absolute paths) and its EID
//   DIR/card.state     the card's save_state() blob
// Files are replaced atomically (write to a temporary file, then rename).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "device_identity.h"

namespace smdp::lpa {

enum class StateErrc {
  io_error = 1,  // cannot create, write or read a state file
  corrupt,       // identity.json is not what save_identity writes
};

}  // namespace smdp::lpa
SMDP_DECLARE_ERROR_ENUM(smdp::lpa, StateErrc)

namespace smdp::lpa {

struct StoredIdentity {
  IdentityFiles files;
  std::string eid;
};

// Creates the directory if needed.
Result<void> save_identity(const std::filesystem::path& dir, const StoredIdentity& identity);
// nullopt if the directory holds no identity yet.
Result<std::optional<StoredIdentity>> load_stored_identity(const std::filesystem::path& dir);

Result<void> save_card_state(const std::filesystem::path& dir, ByteView blob);
// nullopt if no card state was saved yet.
Result<std::optional<Bytes>> load_card_state(const std::filesystem::path& dir);

}  // namespace smdp::lpa
