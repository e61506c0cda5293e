// SPDX-License-Identifier: Apache-2.0
// Every store port (core::Store, InventoryStore, OutboxStore, OperatorStore) on a SQL
// database (DESIGN.md principle 4, guarded transitions), one implementation for two
// engines (store/sql.h):
// - SQLite, one database file: the embedded store of a single SM-DP+ or of a few
//   instances on one host sharing the file. WAL mode, foreign_keys=ON,
//   synchronous=NORMAL, a 5 s busy timeout; writers are serialised (BEGIN IMMEDIATE).
// - PostgreSQL (a `postgresql://` or `postgres://` URL): the database of any number of
//   instances. READ COMMITTED; row locks order the writers of one row; SKIP LOCKED lets
//   concurrent outbox claimers take different rows.
//
// - The schema is versioned (store/migrations.h). open() migrates a SQLite file; a
//   PostgreSQL database is migrated only by migrate() (`smdpp db migrate`), and
//   open() refuses one that is not at this build's version. A newer schema is refused
//   on both (StoreErrc::unavailable).
// - One transaction per method; updates are compare-and-swap (`... WHERE key = ? AND
//   version = ?`), so concurrent writers in this process, in other SqlStore objects or
//   in other processes never both win.
// - Thread safety: a pool of connections (store/pool.h). Each call borrows one
//   connection for its duration, so calls from many threads run in parallel. Up to 8
//   idle connections are kept; after the database went away, calls fail with
//   unavailable and the store reconnects by itself once it is back.
// - Errors: a lost compare-and-swap or a duplicate key is StoreErrc::conflict; updating
//   a row that does not exist, or a session naming an unknown profile, is not_found;
//   a lock held beyond the busy timeout, a lost connection, I/O errors and corruption
//   are unavailable. Error contexts name the operation and never contain stored values.
//
// Oldest first (find_profiles_for_eid, list_profiles) means in the order the profiles
// were added.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "core/domain_events.h"
#include "core/inventory_store.h"
#include "core/operator_store.h"
#include "core/outbox.h"
#include "core/store.h"
#include "store/sql.h"

namespace smdp::store {

class Pool;

// How open() treats the schema (store/migrations.h).
enum class SchemaMode {
  engine_default,  // SQLite: migrate; PostgreSQL: require the current version
  migrate,         // bring it to the current version (smdpp db migrate)
  require_current  // refuse anything but the current version
};

// True when `location` names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgresql_url(std::string_view location);

// `location` fit for logs and messages: a URL's password (user:password@ or
// password=...) replaced by "***".
std::string redacted_location(std::string_view location);

class SqlStore final : public core::Store,
                       public core::InventoryStore,
                       public core::OutboxStore,
                       public core::OperatorStore,
                       public core::DomainEventStore {
 public:
  // Opens `location`: a PostgreSQL URL, or the path of a SQLite file, created when
  // missing (its directory must exist).
  static Result<std::unique_ptr<SqlStore>> open(const std::string& location,
                                                SchemaMode mode = SchemaMode::engine_default);

  SqlStore(const SqlStore&) = delete;
  SqlStore& operator=(const SqlStore&) = delete;
  ~SqlStore() override;

  sql::Engine engine() const;
  // The schema version this build writes (store/migrations.h).
  int latest_schema_version() const;
  // Ready to serve: the database answers and its schema is this build's (/readyz).
  Result<void> check_ready();

  Result<void> add_profile(core::ProfileRecord& profile) override;
  Result<std::optional<core::ProfileRecord>> get_profile(std::string_view iccid) override;
  Result<std::optional<core::ProfileRecord>> find_profile_by_matching_id(
      std::string_view matching_id) override;
  Result<std::vector<core::ProfileRecord>> find_profiles_for_eid(std::string_view eid,
                                                                 core::ProfileState state) override;
  Result<std::vector<core::ProfileRecord>> list_profiles() override;

  Result<void> create_session(core::RspSession& session) override;
  Result<std::optional<core::RspSession>> get_session(ByteView transaction_id) override;

  // The 2-argument overloads of core::Store (no outbox messages).
  using core::Store::record_notification;
  using core::Store::update;

  // The outbox messages are appended after the compare-and-swaps succeeded, in the same
  // transaction; their ids are set once it committed.
  Result<void> update(core::RspSession* session, core::ProfileRecord* profile,
                      std::span<core::OutboxMessage> outbox) override;

  Result<bool> record_notification(const core::NotificationRecord& notification,
                                   core::ProfileRecord* profile,
                                   std::span<core::OutboxMessage> outbox) override;

  Result<int> purge_sessions(core::TimePoint before) override;
  // sql_retention.cc.
  Result<int> purge_retained(core::TimePoint now) override;
  Result<std::optional<core::TimePoint>> count_unknown_matching_id(
      std::string_view eid, core::TimePoint now, const core::GuessLimit& limit) override;
  Result<std::optional<core::TimePoint>> matching_id_blocked_until(std::string_view eid) override;
  Result<bool> acquire_lease(std::string_view name, std::string_view holder, core::TimePoint now,
                             std::chrono::seconds duration) override;

  // core::InventoryStore (sql_inventory.cc).
  // - add_template/add_profile_type: conflict when the name exists; add_profile_type
  //   not_found when its template does not exist.
  // - add_profiles: one write transaction, one prepared INSERT ... ON CONFLICT
  //   DO NOTHING reused for every row; a row that changed nothing hit a unique key
  //   (ICCID, IMSI, or matching_id) and its index is returned. A profile naming an
  //   unknown profile type fails the whole batch with not_found.
  // - allocate_profile: not_found when the profile type does not exist. The low_stock
  //   event is appended when the Available count after this allocation is exactly
  //   threshold - 1, i.e. when this allocation takes the stock below the threshold:
  //   one event per crossing (stock replenished to the threshold and falling again
  //   crosses again). Allocations of one type are serialised (the type's row is
  //   locked), so the count is exact on every engine. The count is capped at the threshold, so the
  //   check costs at most `threshold` index entries whatever the stock.
  // - list_templates leaves each package empty (sha256 set).
  Result<void> add_template(const core::TemplateRecord& record) override;
  Result<std::optional<core::TemplateRecord>> get_template(std::string_view name) override;
  Result<std::vector<core::TemplateRecord>> list_templates() override;
  Result<void> add_profile_type(const core::ProfileTypeRecord& record) override;
  Result<std::optional<core::ProfileTypeRecord>> get_profile_type(std::string_view name) override;
  Result<std::vector<core::ProfileTypeRecord>> list_profile_types() override;
  Result<std::vector<std::size_t>> add_profiles(std::vector<core::ProfileRecord>& batch) override;
  Result<std::optional<core::ProfileRecord>> allocate_profile(std::string_view profile_type,
                                                              core::TimePoint now) override;
  Result<std::vector<core::InventoryCount>> inventory_counts() override;
  Result<std::vector<core::ProfileRecord>> profiles_to_precompute(std::string_view profile_type,
                                                                  core::ProfileState state,
                                                                  std::size_t limit) override;
  Result<std::vector<core::InventoryEvent>> list_events(std::int64_t after_id,
                                                        std::size_t limit) override;

  // core::OutboxStore (sql_outbox.cc).
  // - claim_outbox: one write transaction selects, in id order, the pending
  //   messages with next_attempt_at <= now, no unexpired lease (lease_until <= now
  //   counts as expired) and no older pending message of the same ordering key (leased
  //   or not yet due, it still blocks; delivered and undeliverable ones do not), and
  //   sets their lease_until = now + lease. Times are whole seconds.
  // - finish_outbox also clears the lease; requeue_outbox sets state pending,
  //   next_attempt_at = now and clears the lease, keeping attempts and last_error.
  Result<void> append_outbox(std::span<core::OutboxMessage> messages) override;
  Result<std::vector<core::OutboxMessage>> claim_outbox(core::TimePoint now,
                                                        std::chrono::seconds lease,
                                                        std::size_t limit) override;
  Result<void> finish_outbox(const core::OutboxMessage& message) override;
  Result<std::vector<core::OutboxMessage>> list_outbox(std::optional<core::OutboxState> state,
                                                       std::size_t limit) override;
  Result<bool> requeue_outbox(std::int64_t id, core::TimePoint now) override;
  Result<std::optional<core::OutboxMessage>> get_outbox(std::int64_t id) override;

  // core::DomainEventStore (sql_domain_events.cc; the events are written by triggers,
  // see the schemas).
  Result<std::vector<core::DomainEvent>> unpublished_events(std::size_t limit) override;
  Result<void> mark_events_published(std::span<const std::int64_t> ids,
                                     core::TimePoint now) override;

  // core::OperatorStore (sql_operators.cc). Operators are listed by name.
  // - begin_function_call: INSERT ... ON CONFLICT DO NOTHING, then, when nothing was
  //   inserted, the recorded call is read in the same transaction.
  // - complete_function_call: not_found when the call was not begun (or was purged).
  // - abandon_function_call deletes the call only while it has no response (a
  //   completed call is kept so that its resend still gets the response); absent is
  //   not an error.
  Result<void> add_operator(const core::OperatorRecord& record) override;
  Result<void> update_operator(const core::OperatorRecord& record) override;
  Result<std::optional<core::OperatorRecord>> get_operator(std::string_view name) override;
  Result<std::vector<core::OperatorRecord>> list_operators() override;
  Result<std::optional<core::FunctionCallRecord>> begin_function_call(
      const core::FunctionCallRecord& call) override;
  Result<void> complete_function_call(std::string_view operator_name,
                                      std::string_view function_call_id,
                                      std::string_view response) override;
  Result<void> abandon_function_call(std::string_view operator_name,
                                     std::string_view function_call_id) override;
  Result<int> purge_function_calls(core::TimePoint before) override;

  // Not part of core::Store (yet): the notifications recorded for `eid`, by seqNumber.
  Result<std::vector<core::NotificationRecord>> list_notifications(std::string_view eid);

 private:
  explicit SqlStore(std::unique_ptr<Pool> pool);

  std::unique_ptr<Pool> pool_;
};

}  // namespace smdp::store
