// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL engine's connection, on libpq (internal to the store module; sql.h is
// the contract).
//
// - Statements: prepare() rewrites sql.h's `?` / `?N` placeholders to `$N` (outside
//   string literals, quoted identifiers and comments). Each (rewritten SQL text,
//   parameter types) becomes a server-side prepared statement once per connection,
//   named s1, s2, ...: the first execution sends Parse and Execute in one pipeline (one
//   round trip), later ones only Execute (one round trip).
// - Transactions: exec("BEGIN") sends nothing; the BEGIN goes in the pipeline of the
//   transaction's first statement (or before the next exec's text), and a COMMIT or
//   ROLLBACK with nothing run in between sends nothing either. A write transaction of N
//   statements thus costs N + 1 round trips. The parameter types come
//   from the bind calls (integer: int8, text: text, blob: bytea; bind_null(Type) types
//   a NULL), so a SQL error is reported by the first step(), not by prepare(). Every
//   parameter must be bound (SQLite would take a missing one as NULL): another count
//   is an error at step().
// - Every parameter and every result column travels in binary format. column_int reads
//   int2, int4, int8, bool and integral numeric (sum(bigint) is numeric), column_text
//   text, varchar, bpchar and name, column_blob bytea; a NULL reads as 0 or empty.
//   Reading past the last column, without a current row, or a column of another type
//   returns 0 or empty and leaves a read error that the next step() returns (even
//   after reset()); that step() ends the statement's rows.
// - Results are read whole (no single-row mode): a statement may be stepped while
//   others run on the same connection.
// - Errors (by SQLSTATE): unique_violation, serialization_failure and
//   deadlock_detected are conflict, foreign_key_violation is not_found, everything else
//   unavailable. The context is "<operation>: <primary message>": never DETAIL (it
//   holds key values), and for data exceptions (class 22, whose messages may quote the
//   offending input) only the SQLSTATE. A lost connection (class 08, 57P01-57P03, or
//   libpq's own status) reads "<operation>: database connection lost" and makes
//   healthy() false for good: the pool drops the connection.
// - One connection is used by one thread at a time (the pool in pool.h hands them out);
//   the round-trip counters below are process-wide and atomic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/error.h"
#include "store/sql.h"

// libpq's handle (PGconn), declared here so that users of this header need not see
// libpq-fe.h.
struct pg_conn;

namespace smdp::store {

// Network round trips the PostgreSQL engine made (an Execute, a Parse+Execute pipeline,
// a simple query: 1 each) and SQL statements it ran, since the process started.
std::uint64_t pg_round_trips();
std::uint64_t pg_statements();

// Server-side prepared statements kept per connection. The store's SQL texts are fixed
// (values are always bound), so this bound is never reached in practice; beyond it a
// statement runs as the unnamed statement (still one round trip, parsed each time).
inline constexpr std::size_t kMaxPreparedStatements = 512;

class PgStatement;

class PgConnection final : public sql::Connection {
 public:
  // Connects to `url`, a libpq URI (postgresql://...) or keyword string given by the
  // operator. Unless `url` (or the environment, for the first two) sets them:
  // application_name=smdpp, connect_timeout=5 (seconds), keepalives=1,
  // keepalives_idle=30 (seconds). client_encoding is always UTF8: text travels as the
  // store's UTF-8 bytes. Failure: unavailable, "connect to database: <libpq's reason>"
  // (first line, any password masked; the URL itself is never echoed, so a URL libpq
  // cannot parse is reported without its text).
  static Result<std::unique_ptr<PgConnection>> open(const std::string& url);

  ~PgConnection() override;

  sql::Engine engine() const override { return sql::Engine::postgresql; }
  // Fails (unavailable) only when `sql` mixes `?` and `?N`, or numbers a parameter 0 or
  // above 65535; SQL errors come with the first step().
  Result<std::unique_ptr<sql::Statement>> prepare(const std::string& sql,
                                                  std::string_view operation) override;
  // One simple-protocol query (several statements allowed, run in order until the first
  // error; rows are ignored). COPY is refused and leaves the connection unhealthy.
  Result<void> exec(const std::string& sql, std::string_view operation) override;
  bool in_transaction() const override;
  // Also reads pending input without waiting (PQconsumeInput): a connection whose
  // server went away while it sat idle is found out here, not by the next call.
  bool healthy() const override;

 private:
  friend class PgStatement;
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}

  // Drops the cache entry of the prepared statement `name`.
  void forget(const std::string& name);

  pg_conn* conn_;
  // exec("BEGIN") is deferred to the next statement (sent in its pipeline).
  bool begin_pending_ = false;
  // Prepared statement name by (parameter type codes, '\n', rewritten SQL text).
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t next_name_ = 1;
  // Set once the connection is lost or left in a state it cannot be reused from.
  bool lost_ = false;
};

}  // namespace smdp::store
