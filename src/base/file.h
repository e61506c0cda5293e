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
// Why `path` is not private to its owner: "PATH has mode 0644 (group or others may
// read or write it)" when its mode has any of the `forbidden` bits (default: any group
// or other permission), or "PATH is not a regular file"/"...not a directory" when it is
// not of the expected kind. nullopt when it is private, or cannot be examined (the read
// that follows reports that).
std::optional<std::string> not_private(const std::string& path, bool directory = false,
                                       unsigned forbidden = 077);

// Writes `data` to a new file (replacing any) readable by the owner only (0600), for
// files that hold secrets. False on any failure.
bool write_private_file(const std::string& path, ByteView data);

}  // namespace smdp
