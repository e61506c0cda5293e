// SPDX-License-Identifier: Apache-2.0
#include "core/subscription_import.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/csv_reader.h"
#include "core/sealed_values.h"
#include "saip/variables.h"

namespace smdp::core {
namespace {

std::string errc_name(ImportErrc e) {
  switch (e) {
    case ImportErrc::invalid_header:
      return "import: invalid header";
    case ImportErrc::invalid_csv:
      return "import: unreadable CSV";
    case ImportErrc::invalid_profile_type:
      return "import: invalid profile type";
    case ImportErrc::invalid_key:
      return "import: invalid data key";
  }
  return "import: unknown error";
}

// A set of 64-bit keys in one flat open-addressing table (linear probing, load at most
// 1/2): 16 to 32 octets per key, no allocation per key. kEmpty is never a key.
class U64Set {
 public:
  // True when inserted, false when already present.
  bool insert(std::uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t i = index(key);
    while (slots_[i] != kEmpty) {
      if (slots_[i] == key) return false;
      i = (i + 1) & (slots_.size() - 1);
    }
    slots_[i] = key;
    ++size_;
    return true;
  }
  bool contains(std::uint64_t key) const {
    if (slots_.empty()) return false;
    for (std::size_t i = index(key); slots_[i] != kEmpty; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == key) return true;
    }
    return false;
  }

 private:
  static constexpr std::uint64_t kEmpty = std::numeric_limits<std::uint64_t>::max();

  std::size_t index(std::uint64_t key) const {
    // splitmix64 finaliser: keys are consecutive numbers, spread them.
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    key ^= key >> 31;
    return static_cast<std::size_t>(key) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, kEmpty);
    for (const std::uint64_t k : old) {
      if (k == kEmpty) continue;
      std::size_t i = index(k);
      while (slots_[i] != kEmpty) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = k;
    }
  }

  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

// A string of `min_len`..19 digits as a distinct 64-bit number: its value plus the
// count of all shorter strings of at least min_len digits (so "0012" and "12" differ).
// The largest key, 10^17 + 10^18 + 10^19 - 1 for ICCIDs, is below 2^64 - 1.
std::uint64_t digits_key(std::string_view digits, std::size_t min_len) {
  std::uint64_t offset = 0;
  std::uint64_t power = 1;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k >= min_len) offset += power;
    power *= 10;
  }
  std::uint64_t value = 0;
  for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return offset + value;
}

// ICCID (18-20 digits, normalised): the check digit follows from the others.
std::uint64_t iccid_key(std::string_view iccid) {
  return digits_key(iccid.substr(0, iccid.size() - 1), 17);
}
std::uint64_t imsi_key(std::string_view imsi) { return digits_key(imsi, 6); }

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// Maps each CSV column to the index of the type's variable it carries.
Result<std::vector<std::size_t>> map_header(const CsvRecord& header,
                                            const std::vector<saip::Variable>& variables) {
  if (!header.malformed.empty()) {
    return fail(ImportErrc::invalid_header, "header: " + header.malformed);
  }
  std::vector<std::size_t> columns;
  std::vector<bool> seen(variables.size(), false);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = trim(header.fields[i]);
    auto v = saip::parse_variable(name);
    if (!v) return fail(ImportErrc::invalid_header, "unknown column \"" + name + "\"");
    const auto it = std::find(variables.begin(), variables.end(), *v);
    if (it == variables.end()) {
      return fail(ImportErrc::invalid_header,
                  "column " + v->name() + " is not a variable of the profile type");
    }
    const auto index = static_cast<std::size_t>(it - variables.begin());
    if (seen[index])
      return fail(ImportErrc::invalid_header, "column " + v->name() + " given twice");
    seen[index] = true;
    columns.push_back(index);
  }
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (!seen[i]) {
      return fail(ImportErrc::invalid_header, "missing column " + variables[i].name());
    }
  }
  return columns;
}

class Importer {
 public:
  Importer(InventoryStore& store, const ProfileTypeRecord& type, ValueSealer sealer,
           crypto::Rng& rng, const Clock& clock, const ImportOptions& options,
           std::ostream* rejects)
      : store_(store),
        type_(type),
        sealer_(std::move(sealer)),
        rng_(rng),
        clock_(clock),
        options_(options),
        rejects_(rejects),
        batch_size_(std::max<std::size_t>(1, options.batch_size)) {}

  Result<void> run(std::istream& csv, std::vector<saip::Variable> variables);
  const ImportProgress& progress() const { return progress_; }

 private:
  void process(const CsvRecord& record);
  void reject(std::size_t line, std::string_view iccid, std::string_view reason, bool duplicate);
  Result<void> flush();
  void report_progress() {
    if (options_.progress) options_.progress(progress_);
  }

  InventoryStore& store_;
  const ProfileTypeRecord& type_;
  ValueSealer sealer_;
  crypto::Rng& rng_;
  const Clock& clock_;
  const ImportOptions& options_;
  std::ostream* rejects_;
  std::size_t batch_size_;
  bool rejects_header_written_ = false;

  std::vector<saip::Variable> variables_;
  std::vector<std::size_t> columns_;  // CSV column -> variable index
  // Indexes, kNone when absent (plain integers keep clang-tidy's optional-access
  // analysis of process() linear).
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t iccid_column_ = kNone;
  std::size_t imsi_variable_ = kNone;
  std::size_t iccid_variable_ = 0;

  U64Set iccids_;
  U64Set imsis_;
  std::vector<ProfileRecord> batch_;
  std::vector<std::size_t> batch_lines_;
  saip::SubscriptionValues values_;
  ImportProgress progress_;
};

void Importer::reject(std::size_t line, std::string_view iccid, std::string_view reason,
                      bool duplicate) {
  ++progress_.rejected;
  if (duplicate) ++progress_.duplicates;
  if (rejects_ == nullptr) return;
  if (!rejects_header_written_) {
    *rejects_ << "line,iccid,reason\n";
    rejects_header_written_ = true;
  }
  *rejects_ << line << ',' << csv_field(iccid.substr(0, 32)) << ',' << csv_field(reason) << '\n';
}

// Wipes the values of a row (secrets among them) when the row is done with.
class WipeValues {
 public:
  explicit WipeValues(saip::SubscriptionValues& values) : values_(values) {}
  WipeValues(const WipeValues&) = delete;
  WipeValues& operator=(const WipeValues&) = delete;
  ~WipeValues() {
    for (auto& v : values_) {
      OPENSSL_cleanse(v.value.data(), v.value.size());
      v.value.clear();
    }
  }

 private:
  saip::SubscriptionValues& values_;
};

void Importer::process(const CsvRecord& record) {
  ++progress_.rows_read;
  const WipeValues wipe(values_);
  const std::string_view raw_iccid = iccid_column_ < record.fields.size()
                                         ? std::string_view(record.fields[iccid_column_])
                                         : std::string_view();
  if (!record.malformed.empty())
    return reject(record.line, raw_iccid, "CSV: " + record.malformed, false);
  if (record.fields.size() != columns_.size()) {
    return reject(record.line, raw_iccid,
                  "expected " + std::to_string(columns_.size()) + " fields, found " +
                      std::to_string(record.fields.size()),
                  false);
  }
  for (std::size_t col = 0; col < columns_.size(); ++col) {
    const std::size_t v = columns_[col];
    auto value = saip::normalise_value(variables_[v], record.fields[col]);
    if (!value) {
      // The context names the variable and the rule, never a secret value.
      return reject(record.line, raw_iccid,
                    value.error().context.empty() ? variables_[v].name() + ": invalid"
                                                  : value.error().context,
                    false);
    }
    values_[v].value = std::move(*value);
  }
  const std::string& iccid = values_[iccid_variable_].value;
  const std::uint64_t ikey = iccid_key(iccid);
  if (iccids_.contains(ikey))
    return reject(record.line, raw_iccid, "duplicate iccid in file", true);
  const bool has_imsi = imsi_variable_ != kNone;
  const std::uint64_t mkey = has_imsi ? imsi_key(values_[imsi_variable_].value) : 0;
  if (has_imsi && imsis_.contains(mkey))
    return reject(record.line, raw_iccid, "duplicate imsi in file", true);

  std::string plain = saip::serialise_values(values_);
  auto sealed = sealer_.seal(iccid, plain, rng_);
  OPENSSL_cleanse(plain.data(), plain.size());
  if (!sealed) return reject(record.line, raw_iccid, "sealing failed", false);
  iccids_.insert(ikey);
  if (has_imsi) imsis_.insert(mkey);

  ProfileRecord p;
  p.iccid = iccid;
  p.state = ProfileState::available;
  p.profile_type = type_.name;
  if (has_imsi) p.imsi = values_[imsi_variable_].value;
  p.sealed_values = std::move(*sealed);
  p.max_download_attempts = type_.max_download_attempts;
  p.updated_at = clock_.now();
  batch_.push_back(std::move(p));
  batch_lines_.push_back(record.line);
}

Result<void> Importer::flush() {
  if (batch_.empty()) return {};
  auto skipped = store_.add_profiles(batch_);
  if (!skipped) {
    return std::unexpected(
        in_context(skipped.error(), "import stopped at the batch starting on line " +
                                        std::to_string(batch_lines_.front()) + " with " +
                                        std::to_string(progress_.imported) + " rows imported"));
  }
  for (const std::size_t i : *skipped) {
    reject(batch_lines_[i], batch_[i].iccid, "iccid or imsi already stored", true);
  }
  progress_.imported += batch_.size() - skipped->size();
  batch_.clear();
  batch_lines_.clear();
  return {};
}

Result<void> Importer::run(std::istream& csv, std::vector<saip::Variable> variables) {
  variables_ = std::move(variables);
  for (std::size_t i = 0; i < variables_.size(); ++i) {
    if (variables_[i].kind == saip::VariableKind::iccid) iccid_variable_ = i;
    if (variables_[i].kind == saip::VariableKind::imsi) imsi_variable_ = i;
  }
  values_.clear();
  for (const auto& v : variables_) values_.push_back({v, {}});

  CsvReader reader(csv);
  CsvRecord record;
  auto has_header = reader.next(record);
  if (!has_header) return fail(ImportErrc::invalid_header, has_header.error().context);
  if (!*has_header) return fail(ImportErrc::invalid_header, "no header row");
  auto columns = map_header(record, variables_);
  if (!columns) return std::unexpected(columns.error());
  columns_ = std::move(*columns);
  for (std::size_t col = 0; col < columns_.size(); ++col) {
    if (columns_[col] == iccid_variable_) iccid_column_ = col;
  }

  batch_.reserve(batch_size_);
  for (;;) {
    auto more = reader.next(record);
    if (!more) {
      return fail(ImportErrc::invalid_csv, more.error().context + " (" +
                                               std::to_string(progress_.imported) +
                                               " rows imported before)");
    }
    if (!*more) break;
    process(record);
    if (batch_.size() >= batch_size_) {
      if (auto r = flush(); !r) return r;
      progress_.bytes_read = reader.bytes_read();
      report_progress();
    }
  }
  if (auto r = flush(); !r) return r;
  progress_.bytes_read = reader.bytes_read();
  report_progress();
  return {};
}

}  // namespace

SMDP_DEFINE_ERROR_CATEGORY(ImportErrc, "smdp.import", errc_name)

Result<ImportReport> import_subscriptions(InventoryStore& store, const ProfileTypeRecord& type,
                                          std::istream& csv, ByteView data_key, crypto::Rng& rng,
                                          const Clock& clock, const ImportOptions& options,
                                          std::ostream* rejects) {
  const auto start = std::chrono::steady_clock::now();
  if (data_key.size() != 32) return fail(ImportErrc::invalid_key, "data key must be 32 octets");
  auto sealer = ValueSealer::create(data_key);
  if (!sealer) return fail(ImportErrc::invalid_key, "data key");
  auto variables = saip::parse_variable_list(type.variables);
  if (!variables) {
    return fail(ImportErrc::invalid_profile_type,
                "variables of " + type.name + ": " + variables.error().context);
  }
  Importer importer(store, type, std::move(*sealer), rng, clock, options, rejects);
  if (auto r = importer.run(csv, std::move(*variables)); !r) return std::unexpected(r.error());
  const ImportProgress& p = importer.progress();
  ImportReport report;
  report.rows = p.rows_read;
  report.imported = p.imported;
  report.rejected = p.rejected;
  report.duplicates = p.duplicates;
  report.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  return report;
}

}  // namespace smdp::core
