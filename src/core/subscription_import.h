// SPDX-License-Identifier: Apache-2.0
// Bulk import of an operator's subscriptions for one profile type from CSV: the
// inventory side of what ES2+ DownloadOrder later draws from (SGP.22 §5.3.1, profile
// types of §3.1.1). Streaming: the file is never held in memory; what grows with it is
// duplicate detection, two 64-bit keys per row (ICCID without its check digit, IMSI)
// in flat hash tables at most half full: 32 to 64 octets per row (about 33 MiB for
// 1,000,000 rows).
//
// The CSV (RFC 4180, core/csv_reader.h): a header row naming exactly the variables of
// the type (saip::parse_variable names, any order), then one row per subscription.
// Each row:
//   - every value checked and normalised by saip::normalise_value (ICCID length and
//     Luhn digit, IMSI digits, key lengths, ...);
//   - refused when its ICCID or IMSI repeats an earlier row of the file, or is already
//     stored (add_profiles reports it);
//   - otherwise stored as a ProfileRecord {iccid, Available, profile_type, imsi,
//     sealed_values = seal_values(data key, iccid, saip::serialise_values(values in the
//     type's order)), max_download_attempts of the type}, without a package.
// Rows are stored in batches of ImportOptions::batch_size, each one add_profiles call
// (one transaction): a batch is stored entirely or not at all.
//
// Errors (returned, nothing more is read): a header that is missing, malformed, lists
// an unknown, duplicate or foreign column or lacks one of the type's variables — all
// before any row is stored; a data key that is not 32 octets; a record longer than
// 1 MiB; a store failure. Batches stored before a store failure stay stored; the error
// context says how many rows were imported.
//
// Rejected rows are written to `rejects` (when given) as CSV "line,iccid,reason" after
// a "line,iccid,reason" header: the row's first physical line, the raw ICCID column
// (at most 32 characters) and the reason, which names the column and the rule broken,
// never a value.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>

#include "base/bytes.h"
#include "base/error.h"
#include "core/clock.h"
#include "core/inventory_store.h"
#include "crypto/rng.h"

namespace smdp::core {

enum class ImportErrc {
  invalid_header = 1,    // header row missing, malformed, or not the type's variables
  invalid_csv,           // the file cannot be read as CSV any further
  invalid_profile_type,  // the type's variable list does not parse
  invalid_key,           // the data key is not 32 octets
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, ImportErrc)

namespace smdp::core {

struct ImportProgress {
  std::size_t rows_read = 0;   // data rows (not the header, not blank lines)
  std::size_t imported = 0;    // stored
  std::size_t rejected = 0;    // refused, duplicates included
  std::size_t duplicates = 0;  // of which: ICCID or IMSI repeated in the file or stored
  std::uint64_t bytes_read = 0;
};

struct ImportOptions {
  std::size_t batch_size = 5000;  // rows per transaction (0 is taken as 1)
  // Called after each batch is stored, and once at the end.
  std::function<void(const ImportProgress&)> progress;
};

struct ImportReport {
  std::size_t rows = 0;  // == imported + rejected
  std::size_t imported = 0;
  std::size_t rejected = 0;
  std::size_t duplicates = 0;            // included in rejected
  std::chrono::microseconds elapsed{0};  // measured on a monotonic clock
};

// `clock` stamps each profile's updated_at.
Result<ImportReport> import_subscriptions(InventoryStore& store, const ProfileTypeRecord& type,
                                          std::istream& csv, ByteView data_key, crypto::Rng& rng,
                                          const Clock& clock, const ImportOptions& options,
                                          std::ostream* rejects);

}  // namespace smdp::core
