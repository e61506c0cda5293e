// SPDX-License-Identifier: Apache-2.0
// What `smdpp serve` checks and does before it serves (README "Security"): secrets at
// rest stay the owner's, and none leaks through a core dump or a pass-phrase prompt.
#pragma once

#include <expected>
#include <string>

namespace smdpp {

// No core dumps and no ptrace by other processes of the same user
// (prctl(PR_SET_DUMPABLE, 0), RLIMIT_CORE 0): the process holds the data key and, without
// a token, the private keys.
void harden_process();

// The SQLite database file and its directory must be the owner's alone: an error naming
// the file and the fix when group or others may read or write the file, or write the
// directory; nothing for a file not yet created or a PostgreSQL URL.
std::expected<void, std::string> check_database_private(const std::string& database_path);

// The pass-phrase of encrypted PEM key files from FILE (its first line; the file must be
// the owner's alone).
std::expected<std::string, std::string> read_passphrase_file(const std::string& file);

}  // namespace smdpp
