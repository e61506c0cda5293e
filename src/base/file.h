// SPDX-License-Identifier: Apache-2.0
// Whole-file reads for key, certificate and profile files. Callers map a failure to
// their own error value naming the path.
#pragma once

#include <optional>
#include <string>

#include "base/bytes.h"

namespace smdp {

// The file's bytes; nullopt if it cannot be opened or read.
std::optional<Bytes> read_file(const std::string& path);
// Writes `data` to a new file (replacing any) readable by the owner only (0600), for
// files that hold secrets. False on any failure.
bool write_private_file(const std::string& path, ByteView data);

}  // namespace smdp
