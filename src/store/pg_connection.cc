// SPDX-License-Identifier: Apache-2.0
#include "store/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "core/store.h"

#ifndef LIBPQ_HAS_PIPELINING
#error "the PostgreSQL engine needs libpq 14 or newer (pipeline mode)"
#endif

namespace smdp::store {
namespace {

using core::StoreErrc;

std::atomic<std::uint64_t> g_round_trips{0};
std::atomic<std::uint64_t> g_statements{0};

void count_round_trip() { g_round_trips.fetch_add(1, std::memory_order_relaxed); }
void count_statements(std::uint64_t n) { g_statements.fetch_add(n, std::memory_order_relaxed); }

// Type OIDs (catalog/pg_type.h, stable across releases; not in libpq's headers).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kNameOid = 19;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kUnknownOid = 705;
constexpr Oid kBpcharOid = 1042;
constexpr Oid kVarcharOid = 1043;
constexpr Oid kNumericOid = 1700;

// libpq numbers parameters with 16 bits in the protocol.
constexpr int kMaxParameters = 65535;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string first_line(std::string_view message) {
  const auto end = message.find('\n');
  std::string line(message.substr(0, end));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

// Replaces every occurrence of `secret` in `text`.
void mask(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
    text.replace(at, secret.size(), "***");
}

// --- Errors

bool connection_lost_state(std::string_view sqlstate) {
  // 08: connection_exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
  // cannot_connect_now: the server ends the session.
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

// The error of a failed command. `result` may be null (libpq returned none: out of
// memory or a lost connection). Sets `lost` when the connection is gone.
Error pg_error(PGconn* conn, const PGresult* result, std::string_view operation, bool& lost) {
  const char* field = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = field != nullptr ? field : "";
  std::string context(operation);
  context += ": ";
  if (PQstatus(conn) != CONNECTION_OK || connection_lost_state(sqlstate)) {
    lost = true;
    context += "database connection lost";
    return Error{make_error_code(StoreErrc::unavailable), std::move(context)};
  }
  StoreErrc errc = StoreErrc::unavailable;
  if (sqlstate == "23505" || sqlstate == "40001" || sqlstate == "40P01") {
    errc = StoreErrc::conflict;
  } else if (sqlstate == "23503") {
    errc = StoreErrc::not_found;
  }
  if (sqlstate.starts_with("22")) {
    // Data exceptions quote the input they reject ("invalid input syntax for type
    // bigint: ...", "invalid byte sequence for encoding ...: 0x..").
    context += "invalid data (SQLSTATE ";
    context += sqlstate;
    context += ')';
  } else if (const char* primary = result != nullptr
                                       ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)
                                       : nullptr) {
    // Only the primary message: DETAIL names the key values of a violated constraint.
    context += primary;
  } else {
    // Raised by libpq itself (no server fields): names no stored value.
    const char* message = result != nullptr ? PQresultErrorMessage(result) : "";
    std::string line = first_line(*message != '\0' ? message : PQerrorMessage(conn));
    context += line.empty() ? std::string("no result from the database") : line;
  }
  return Error{make_error_code(errc), std::move(context)};
}

bool command_ok(const PGresult* result) {
  if (result == nullptr) return false;
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// --- Placeholders

struct Rewritten {
  std::string sql;
  int parameters = 0;  // the highest $N
};

// Rewrites sql.h's `?` (the next parameter) and `?N` (the N-th) to `$N`, copying string
// literals ('' escapes a quote: two adjacent literals copied alike), quoted identifiers
// and comments unchanged. nullopt when both styles are mixed or N is 0 or too large.
std::optional<Rewritten> rewrite_placeholders(std::string_view sql) {
  Rewritten out;
  out.sql.reserve(sql.size() + sql.size() / 8);
  bool sequential = false;
  bool numbered = false;
  std::size_t i = 0;
  auto copy_to = [&](std::size_t end) {  // copies sql[i, end) and moves past it
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      const auto close = sql.find(c, i + 1);
      copy_to(close == std::string_view::npos ? sql.size() : close + 1);
    } else if (c == '-' && next == '-') {
      const auto eol = sql.find('\n', i);
      copy_to(eol == std::string_view::npos ? sql.size() : eol + 1);
    } else if (c == '/' && next == '*') {
      const auto close = sql.find("*/", i + 2);
      copy_to(close == std::string_view::npos ? sql.size() : close + 2);
    } else if (c == '?') {
      std::size_t end = i + 1;
      while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
      int n = 0;
      if (end > i + 1) {
        numbered = true;
        const auto [ptr, ec] = std::from_chars(sql.data() + i + 1, sql.data() + end, n);
        if (ec != std::errc() || n < 1 || n > kMaxParameters) return std::nullopt;
      } else {
        sequential = true;
        n = out.parameters + 1;
      }
      out.parameters = std::max(out.parameters, n);
      out.sql += '$';
      out.sql += std::to_string(n);
      i = end;
    } else {
      out.sql += c;
      ++i;
    }
  }
  if (sequential && numbered) return std::nullopt;
  if (out.parameters > kMaxParameters) return std::nullopt;
  return out;
}

// --- Binary values

std::uint64_t big_endian(const char* data, int size) {
  std::uint64_t v = 0;
  for (int k = 0; k < size; ++k) v = (v << 8) | static_cast<unsigned char>(data[k]);
  return v;
}

// An integral NUMERIC in binary form (sum() of bigint is numeric): int16 ndigits,
// int16 weight, uint16 sign, uint16 dscale, then ndigits base-10000 digits, the first
// worth 10000^weight. nullopt for a fraction, NaN, an infinity or beyond int64.
std::optional<std::int64_t> numeric_to_int(const char* data, int size) {
  if (size < 8) return std::nullopt;
  const auto ndigits = static_cast<std::int16_t>(big_endian(data, 2));
  const auto weight = static_cast<std::int16_t>(big_endian(data + 2, 2));
  const auto sign = static_cast<std::uint16_t>(big_endian(data + 4, 2));
  if (ndigits < 0 || size != 8 + 2 * ndigits) return std::nullopt;
  if (sign != 0x0000 && sign != 0x4000) return std::nullopt;
  auto digit = [&](int k) -> int {
    return k < ndigits ? static_cast<std::int16_t>(
                             big_endian(data + 8 + 2 * static_cast<std::ptrdiff_t>(k), 2))
                       : 0;
  };
  for (int k = std::max(0, weight + 1); k < ndigits; ++k) {
    if (digit(k) != 0) return std::nullopt;  // a fractional digit
  }
  // Accumulated negated, so that INT64_MIN is representable.
  std::int64_t negated = 0;
  for (int k = 0; k <= weight; ++k) {
    const int d = digit(k);
    if (d < 0 || d > 9999) return std::nullopt;
    if (__builtin_mul_overflow(negated, std::int64_t{10000}, &negated) ||
        __builtin_sub_overflow(negated, std::int64_t{d}, &negated))
      return std::nullopt;
  }
  if (sign == 0x4000) return negated;
  if (negated == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
  return -negated;
}

// One letter per parameter type, for the prepared-statement cache key.
char type_code(sql::Type type) {
  switch (type) {
    case sql::Type::integer:
      return 'i';
    case sql::Type::text:
      return 't';
    case sql::Type::blob:
      return 'b';
  }
  return '?';
}

Oid type_oid(sql::Type type) {
  switch (type) {
    case sql::Type::integer:
      return kInt8Oid;
    case sql::Type::text:
      return kTextOid;
    case sql::Type::blob:
      return kByteaOid;
  }
  return 0;
}

}  // namespace

std::uint64_t pg_round_trips() { return g_round_trips.load(std::memory_order_relaxed); }
std::uint64_t pg_statements() { return g_statements.load(std::memory_order_relaxed); }

// --- Statement

// One statement of a PgConnection (see pg_connection.h for the contract). Holds the
// bound parameters until the first step() runs it, then the whole result.
class PgStatement final : public sql::Statement {
 public:
  PgStatement(PgConnection& home, Rewritten sql, std::string_view operation)
      : home_(&home), sql_(std::move(sql)), operation_(operation) {}

  using sql::Statement::bind_blob;
  using sql::Statement::bind_text;

  sql::Statement& bind_int(std::int64_t value) override {
    std::string bytes(8, '\0');
    const auto u = static_cast<std::uint64_t>(value);
    for (int k = 0; k < 8; ++k)
      bytes[static_cast<std::size_t>(k)] = static_cast<char>(u >> (56 - 8 * k));
    return add(sql::Type::integer, std::move(bytes), false);
  }
  sql::Statement& bind_text(std::string_view value) override {
    return add(sql::Type::text, std::string(value), false);
  }
  sql::Statement& bind_blob(ByteView value) override {
    return add(sql::Type::blob, std::string(as_chars(value)), false);
  }
  sql::Statement& bind_null(sql::Type type) override { return add(type, {}, true); }

  void reset() override {
    // A pending read error survives: it reports a read of the previous run.
    params_.clear();
    key_types_.clear();
    result_.reset();
    failure_.reset();
    executed_ = false;
    row_ = -1;
    rows_ = 0;
    next_column_ = 0;
  }

  Result<bool> step() override {
    if (!executed_) {
      executed_ = true;
      auto r = execute();
      if (!r) failure_ = r.error();
    }
    if (failure_) return std::unexpected(*failure_);
    if (read_error_) {
      // Ends the rows: the caller read something that is not there.
      Error e{make_error_code(StoreErrc::unavailable), std::move(*read_error_)};
      read_error_.reset();
      row_ = rows_;
      return std::unexpected(std::move(e));
    }
    next_column_ = 0;
    if (row_ < rows_) ++row_;
    return row_ < rows_;
  }

  std::int64_t changes() const override { return changes_; }

  bool column_is_null() const override {
    if (!current_row(next_column_, "read a column")) return true;
    return PQgetisnull(result_.get(), row_, next_column_) != 0;
  }

  std::int64_t column_int() override {
    const int col = next_column_++;
    if (!current_row(col, "read an integer column")) return 0;
    PGresult* r = result_.get();
    if (PQgetisnull(r, row_, col) != 0) return 0;
    const char* data = PQgetvalue(r, row_, col);
    const int size = PQgetlength(r, row_, col);
    const Oid type = PQftype(r, col);
    if (type == kInt8Oid && size == 8) return static_cast<std::int64_t>(big_endian(data, 8));
    if (type == kInt4Oid && size == 4)
      return static_cast<std::int32_t>(static_cast<std::uint32_t>(big_endian(data, 4)));
    if (type == kInt2Oid && size == 2)
      return static_cast<std::int16_t>(static_cast<std::uint16_t>(big_endian(data, 2)));
    if (type == kBoolOid && size == 1) return data[0] != 0 ? 1 : 0;
    if (type == kNumericOid) {
      if (auto v = numeric_to_int(data, size)) return *v;
      return misread(col, "integer", "numeric without an int64 value");
    }
    return misread(col, "integer", nullptr);
  }

  std::string column_text() override {
    const int col = next_column_++;
    if (!current_row(col, "read a text column")) return {};
    PGresult* r = result_.get();
    if (PQgetisnull(r, row_, col) != 0) return {};
    const Oid type = PQftype(r, col);
    if (type != kTextOid && type != kVarcharOid && type != kBpcharOid && type != kNameOid &&
        type != kUnknownOid) {
      misread(col, "text", nullptr);
      return {};
    }
    return {PQgetvalue(r, row_, col), static_cast<std::size_t>(PQgetlength(r, row_, col))};
  }

  Bytes column_blob() override {
    const int col = next_column_++;
    if (!current_row(col, "read a byte string column")) return {};
    PGresult* r = result_.get();
    if (PQgetisnull(r, row_, col) != 0) return {};
    if (PQftype(r, col) != kByteaOid) {
      misread(col, "byte string", nullptr);
      return {};
    }
    const auto* data = reinterpret_cast<const std::uint8_t*>(PQgetvalue(r, row_, col));
    return {data, data + PQgetlength(r, row_, col)};
  }

  void skip_column() override {
    const int col = next_column_++;
    (void)current_row(col, "skip a column");
  }

 private:
  struct Param {
    Oid type;
    std::string bytes;  // binary format
    bool null;
  };

  sql::Statement& add(sql::Type type, std::string bytes, bool null) {
    params_.push_back(Param{type_oid(type), std::move(bytes), null});
    key_types_ += type_code(type);
    return *this;
  }

  // True when there is a current row with column `col`; otherwise records a read error
  // (the first one) for the next step().
  bool current_row(int col, const char* what) const {
    if (result_ != nullptr && row_ >= 0 && row_ < rows_ && col >= 0 &&
        col < PQnfields(result_.get()))
      return true;
    if (!read_error_) {
      read_error_ =
          operation_ + ": " + what + ": " +
          (row_ >= 0 && row_ < rows_ ? "past the last column (" + std::to_string(col) + ")"
                                     : std::string("no current row"));
    }
    return false;
  }

  // Records that column `col` was read as `wanted` but holds another type (`why`, or
  // its type OID); returns 0.
  std::int64_t misread(int col, const char* wanted, const char* why) {
    if (!read_error_) {
      read_error_ =
          operation_ + ": column " + std::to_string(col) + " read as " + wanted + ": " +
          (why != nullptr ? std::string(why)
                          : "its type OID is " + std::to_string(PQftype(result_.get(), col)));
    }
    return 0;
  }

  Result<void> execute();

  PgConnection* home_;
  Rewritten sql_;
  std::string operation_;
  std::vector<Param> params_;
  std::string key_types_;  // one letter per bound parameter (type_code)
  ResultPtr result_;
  std::optional<Error> failure_;                   // of the last execution, until reset()
  mutable std::optional<std::string> read_error_;  // context of the first bad read
  bool executed_ = false;
  int row_ = -1;  // -1 before the first row, rows_ after the last
  int rows_ = 0;
  int next_column_ = 0;
  std::int64_t changes_ = 0;
};

Result<void> PgStatement::execute() {
  PGconn* conn = home_->conn_;
  result_.reset();
  row_ = -1;
  rows_ = 0;
  changes_ = 0;
  if (static_cast<int>(params_.size()) != sql_.parameters) {
    return fail(StoreErrc::unavailable, operation_ + ": " + std::to_string(params_.size()) +
                                            " parameters bound, the statement has " +
                                            std::to_string(sql_.parameters));
  }
  if (home_->lost_ || PQstatus(conn) != CONNECTION_OK)
    return fail(StoreErrc::unavailable, operation_ + ": database connection lost");

  const int n = sql_.parameters;
  std::vector<Oid> types;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats(params_.size(), 1);
  types.reserve(params_.size());
  values.reserve(params_.size());
  lengths.reserve(params_.size());
  for (const Param& p : params_) {
    types.push_back(p.type);
    values.push_back(p.null ? nullptr : p.bytes.data());
    lengths.push_back(static_cast<int>(p.bytes.size()));
  }

  std::string key = key_types_;
  key += '\n';
  key += sql_.sql;
  // One pipeline, one round trip: the BEGIN a transaction deferred (PgConnection::exec),
  // the Parse of a statement not yet prepared on this connection, the Execute, and a
  // Sync. Results come back in that order, each followed by a null, then the Sync's;
  // after a failure the rest is skipped (PGRES_PIPELINE_ABORTED).
  const auto known = home_->prepared_.find(key);
  std::string name;
  if (known != home_->prepared_.end())
    name = known->second;
  else if (home_->prepared_.size() < kMaxPreparedStatements)
    name = "s" + std::to_string(home_->next_name_++);
  const bool begin = std::exchange(home_->begin_pending_, false);
  const bool parse = known == home_->prepared_.end();
  const bool sent =
      PQenterPipelineMode(conn) == 1 &&
      (!begin || PQsendQueryParams(conn, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1) &&
      (!parse || PQsendPrepare(conn, name.c_str(), sql_.sql.c_str(), n, types.data()) == 1) &&
      PQsendQueryPrepared(conn, name.c_str(), n, values.data(), lengths.data(), formats.data(),
                          1) == 1 &&
      PQpipelineSync(conn) == 1;
  count_round_trip();
  std::vector<ResultPtr> results;
  bool synced = false;
  if (sent) {
    // Two nulls in a row: nothing more is coming (a lost connection).
    for (int nulls = 0; nulls < 2;) {
      PGresult* r = PQgetResult(conn);
      if (r == nullptr) {
        if (PQstatus(conn) != CONNECTION_OK) break;
        ++nulls;
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        synced = true;
        break;
      }
      results.emplace_back(r);
    }
  }
  if (PQexitPipelineMode(conn) != 1) home_->lost_ = true;  // results still pending
  std::size_t at = 0;
  auto next = [&]() -> const PGresult* {
    return at < results.size() ? results[at++].get() : nullptr;
  };
  if (begin) {
    const PGresult* r = next();
    if (!command_ok(r)) return std::unexpected(pg_error(conn, r, operation_, home_->lost_));
    count_statements(1);
  }
  if (parse) {
    const PGresult* r = next();
    if (!command_ok(r)) return std::unexpected(pg_error(conn, r, operation_, home_->lost_));
    if (!name.empty()) home_->prepared_.emplace(std::move(key), name);
  }
  const std::size_t run_at = at;
  const PGresult* run = next();
  if (run != nullptr) count_statements(1);
  if (!command_ok(run)) {
    const char* state = run != nullptr ? PQresultErrorField(run, PG_DIAG_SQLSTATE) : nullptr;
    // 26000 invalid_sql_statement_name: the statement is gone from the server
    // (DEALLOCATE or DISCARD run through exec()); the next run prepares it again.
    if (state != nullptr && std::string_view(state) == "26000") home_->forget(name);
    return std::unexpected(pg_error(conn, run, operation_, home_->lost_));
  }
  if (!synced || home_->lost_) {
    // Without the Sync's answer the outcome (the commit of an implicit transaction)
    // is unknown, and the connection out of step.
    home_->lost_ = true;
    return fail(StoreErrc::unavailable, operation_ + ": database connection lost");
  }
  ResultPtr result = std::move(results[run_at]);

  rows_ = PQntuples(result.get());
  const std::string_view status = PQcmdStatus(result.get());
  if (!status.starts_with("SELECT")) {
    const std::string_view tuples = PQcmdTuples(result.get());
    std::int64_t count = 0;
    (void)std::from_chars(tuples.data(), tuples.data() + tuples.size(), count);
    changes_ = count;
  }
  result_ = std::move(result);
  return {};
}

// --- Connection

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& url) {
  // A connection string (URI or keywords) is parsed first, for its password, and so
  // that libpq's parse errors, which quote the string, are never echoed. A plain
  // database name is not a connection string for libpq either.
  std::string password;
  const bool is_conninfo = url.find('=') != std::string::npos || url.starts_with("postgresql://") ||
                           url.starts_with("postgres://");
  if (is_conninfo) {
    char* parse_error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
    PQfreemem(parse_error);
    if (options == nullptr) {
      return fail(StoreErrc::unavailable,
                  "connect to database: the database URL is not a valid libpq URI or keyword "
                  "string");
    }
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (std::string_view(o->keyword) == "password" && o->val != nullptr) password = o->val;
    }
    PQconninfoFree(options);
  }

  // Processed in order, the last value of a keyword winning: the defaults come before
  // `url` (expanded in place of dbname), client_encoding after it.
  std::vector<const char*> keys;
  std::vector<const char*> values;
  auto add = [&](const char* key, const char* value) {
    keys.push_back(key);
    values.push_back(value);
  };
  if (std::getenv("PGAPPNAME") == nullptr) add("application_name", "smdpp");
  if (std::getenv("PGCONNECT_TIMEOUT") == nullptr) add("connect_timeout", "5");
  add("keepalives", "1");
  add("keepalives_idle", "30");
  add("dbname", url.c_str());
  add("client_encoding", "UTF8");
  add(nullptr, nullptr);
  PGconn* conn = PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (conn == nullptr) return fail(StoreErrc::unavailable, "connect to database: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string reason = first_line(PQerrorMessage(conn));
    if (const char* used = PQpass(conn)) mask(reason, used);
    mask(reason, password);
    if (is_conninfo) mask(reason, url);
    PQfinish(conn);
    if (reason.empty()) reason = "no reason given";
    return fail(StoreErrc::unavailable, "connect to database: " + reason);
  }
  // libpq prints notices (e.g. "... does not exist, skipping") on stderr by default.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Result<std::unique_ptr<sql::Statement>> PgConnection::prepare(const std::string& sql,
                                                              std::string_view operation) {
  auto rewritten = rewrite_placeholders(sql);
  if (!rewritten) {
    return fail(StoreErrc::unavailable,
                std::string(operation) + ": bad parameters in SQL (mixed ? and ?N, or ?0)");
  }
  return std::unique_ptr<sql::Statement>(new PgStatement(*this, std::move(*rewritten), operation));
}

void PgConnection::forget(const std::string& name) {
  std::erase_if(prepared_, [&](const auto& entry) { return entry.second == name; });
}

Result<void> PgConnection::exec(const std::string& sql, std::string_view operation) {
  if (lost_ || PQstatus(conn_) != CONNECTION_OK)
    return fail(StoreErrc::unavailable, std::string(operation) + ": database connection lost");
  // A BEGIN waits for the transaction's first statement and travels with it; a
  // transaction that ran none ends here without a round trip.
  if (sql == "BEGIN" && !in_transaction()) {
    begin_pending_ = true;
    return {};
  }
  if (begin_pending_ && (sql == "COMMIT" || sql == "ROLLBACK")) {
    begin_pending_ = false;
    return {};
  }
  const std::string text = std::exchange(begin_pending_, false) ? "BEGIN;" + sql : sql;
  // PQexec's protocol, reading every result so that each statement is counted and the
  // first error kept (PQexec keeps the last result only).
  const bool sent = PQsendQuery(conn_, text.c_str()) == 1;
  count_round_trip();
  if (!sent) return std::unexpected(pg_error(conn_, nullptr, operation, lost_));
  ResultPtr failed;
  std::uint64_t statements = 0;
  bool any = false;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr r(raw);
    any = true;
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      lost_ = true;  // left inside COPY: unusable
      count_statements(statements + 1);
      return fail(StoreErrc::unavailable, std::string(operation) + ": COPY is not supported");
    }
    if (status != PGRES_EMPTY_QUERY) ++statements;
    if (!failed && !command_ok(raw) && status != PGRES_EMPTY_QUERY) failed = std::move(r);
  }
  count_statements(statements);
  if (failed) return std::unexpected(pg_error(conn_, failed.get(), operation, lost_));
  if (!any || PQstatus(conn_) != CONNECTION_OK)
    return std::unexpected(pg_error(conn_, nullptr, operation, lost_));
  return {};
}

bool PgConnection::in_transaction() const {
  if (begin_pending_) return true;
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool PgConnection::healthy() const {
  if (lost_ || PQstatus(conn_) != CONNECTION_OK) return false;
  // Reads, without waiting, what the server sent while the connection sat idle: a
  // server that shut down or restarted has sent its FATAL and closed the socket, which
  // this sees, so the pool opens a fresh connection instead of failing one call.
  // Twice: the first read may return the server's goodbye message, the second then sees
  // the end of the stream (both return at once when nothing is pending).
  for (int i = 0; i < 2; ++i) {
    if (PQconsumeInput(conn_) != 1 || PQstatus(conn_) != CONNECTION_OK) return false;
  }
  return true;
}

}  // namespace smdp::store
