// SPDX-License-Identifier: Apache-2.0
// The SQLite schema, step by step (store/migration.h).
#include <array>

#include "store/migration.h"

namespace smdp::store {
namespace {

// Version 1: profiles with their orders, RSP sessions, notifications.
// profiles.seq orders profiles by insertion ("oldest first") and survives VACUUM.
// SQLite treats NULLs as distinct in a UNIQUE index, so many profiles may lack a
// matching_id. sessions.iccid must name a stored profile.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  summary    TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE profiles (
  seq                       INTEGER PRIMARY KEY,
  iccid                     TEXT NOT NULL UNIQUE,
  state                     TEXT NOT NULL,
  profile_package           BLOB NOT NULL,
  profile_metadata          BLOB NOT NULL,
  eid                       TEXT,
  matching_id               TEXT,
  confirmation_code_hash    BLOB,
  confirmation_attempts     INTEGER NOT NULL,
  max_confirmation_attempts INTEGER NOT NULL,
  download_attempts         INTEGER NOT NULL,
  max_download_attempts     INTEGER NOT NULL,
  order_expires_at          INTEGER,
  session_transaction_id    TEXT,
  session_expires_at        INTEGER,
  result                    TEXT,
  updated_at                INTEGER NOT NULL,
  version                   INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX profiles_matching_id ON profiles (matching_id);
CREATE INDEX profiles_default_dp ON profiles (eid, state, seq) WHERE matching_id IS NULL;

CREATE TABLE sessions (
  transaction_id             BLOB PRIMARY KEY NOT NULL,
  state                      TEXT NOT NULL,
  created_at                 INTEGER NOT NULL,
  expires_at                 INTEGER NOT NULL,
  smdp_address               TEXT NOT NULL,
  euicc_challenge            BLOB NOT NULL,
  server_challenge           BLOB NOT NULL,
  euicc_info1                BLOB NOT NULL,
  ci_pkid                    BLOB NOT NULL,
  eid                        TEXT,
  euicc_certificate          BLOB NOT NULL,
  eum_certificate            BLOB NOT NULL,
  iccid                      TEXT REFERENCES profiles (iccid),
  confirmation_code_required INTEGER NOT NULL,
  smdp_signature2            BLOB NOT NULL,
  euicc_otpk                 BLOB NOT NULL,
  bound_profile_package      BLOB NOT NULL,
  version                    INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_iccid ON sessions (iccid);

CREATE TABLE notifications (
  eid         TEXT NOT NULL,
  seq_number  INTEGER NOT NULL,
  iccid       TEXT,
  event       TEXT NOT NULL,
  result      TEXT NOT NULL,
  der         BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (eid, seq_number)
) STRICT;
)sql";

// Version 2: the operator inventory (core/inventory_store.h).
// - profiles gain their profile type, IMSI (unique when set; NULLs are distinct),
//   sealed subscription values and sealed protected package (empty by default, so
//   the rows of version 1 keep their meaning: registered profiles without a type).
// - profiles_allocation serves allocate_profile (oldest Available of a type), the
//   per-type counts, profiles_to_precompute and the profile_type foreign key.
// - templates, profile_types (each naming a stored template), and events: the
//   append-only outbox; AUTOINCREMENT so an id is never reused after a deletion.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE profiles ADD COLUMN profile_type TEXT REFERENCES profile_types (name);
ALTER TABLE profiles ADD COLUMN imsi TEXT;
ALTER TABLE profiles ADD COLUMN sealed_values BLOB NOT NULL DEFAULT x'';
ALTER TABLE profiles ADD COLUMN protected_package BLOB NOT NULL DEFAULT x'';
CREATE UNIQUE INDEX profiles_imsi ON profiles (imsi);
CREATE INDEX profiles_allocation ON profiles (profile_type, state, seq);

CREATE TABLE templates (
  name       TEXT PRIMARY KEY NOT NULL,
  package    BLOB NOT NULL,
  sha256     BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE profile_types (
  name                  TEXT PRIMARY KEY NOT NULL,
  template_name         TEXT NOT NULL REFERENCES templates (name),
  variables             TEXT NOT NULL,
  metadata              BLOB NOT NULL,
  low_stock_threshold   INTEGER NOT NULL,
  precompute            INTEGER NOT NULL,
  max_download_attempts INTEGER NOT NULL,
  order_ttl             INTEGER,
  created_at            INTEGER NOT NULL
) STRICT;
CREATE INDEX profile_types_template ON profile_types (template_name);

CREATE TABLE events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  type         TEXT NOT NULL,
  profile_type TEXT NOT NULL,
  detail       TEXT NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;
)sql";

// Version 3: ES2+ operators, their function-call log, and the outbox of callbacks.
// - profiles gain smds_address (ConfirmOrder's SM-DS, NULL: none); profile_types gain
//   operator_name ('' for the types of the command line, so rows of version 2 keep
//   their meaning; no foreign key, as '' names no operator).
// - operators: known by the CN and CA of their ES2+ client certificate.
// - function_calls: one row per (operator, functionCallIdentifier), the response NULL
//   while the call runs; function_calls_created_at serves the purge.
// - outbox (core/outbox.h): AUTOINCREMENT so ids only grow; outbox_order serves the
//   "oldest pending of its ordering key" test of claim_outbox, outbox_due its scan of
//   due pending messages, outbox_state list_outbox by state, newest first.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE profiles ADD COLUMN smds_address TEXT;
ALTER TABLE profile_types ADD COLUMN operator_name TEXT NOT NULL DEFAULT '';

CREATE TABLE operators (
  name                TEXT PRIMARY KEY NOT NULL,
  client_cn           TEXT NOT NULL,
  client_ca           BLOB NOT NULL,
  callback_url        TEXT NOT NULL,
  callback_ca         BLOB NOT NULL,
  state_change_points TEXT NOT NULL,
  created_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE function_calls (
  operator_name    TEXT NOT NULL,
  function_call_id TEXT NOT NULL,
  function         TEXT NOT NULL,
  request_sha256   BLOB NOT NULL,
  response         TEXT,
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (operator_name, function_call_id)
) STRICT;
CREATE INDEX function_calls_created_at ON function_calls (created_at);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  interface       TEXT NOT NULL,
  destination     TEXT NOT NULL,
  function        TEXT NOT NULL,
  ordering_key    TEXT NOT NULL,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL,
  attempts        INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  delivered_at    INTEGER,
  last_error      TEXT NOT NULL,
  lease_until     INTEGER
) STRICT;
CREATE INDEX outbox_order ON outbox (state, ordering_key, id);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_state ON outbox (state, id);
)sql";

// Version 4: retries and guessing (SGP.22 §3.1.3.2, issue 14).
// - profiles gain the Bound Profile Package kept for a retry with the same
//   otPK.EUICC.ECKA (empty: none) and when it is dropped; sessions lose theirs.
// - matching_id_failures: unknown-matchingId attempts per EID in a window that starts
//   with the first one counted (window_ends), and the end of the EID's block.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE profiles ADD COLUMN bound_euicc_otpk BLOB NOT NULL DEFAULT x'';
ALTER TABLE profiles ADD COLUMN bound_package BLOB NOT NULL DEFAULT x'';
ALTER TABLE profiles ADD COLUMN bound_until INTEGER;
CREATE INDEX profiles_bound_until ON profiles (bound_until) WHERE bound_until IS NOT NULL;
ALTER TABLE sessions DROP COLUMN bound_profile_package;

CREATE TABLE matching_id_failures (
  eid           TEXT PRIMARY KEY NOT NULL,
  window_ends   INTEGER NOT NULL,
  failures      INTEGER NOT NULL,
  blocked_until INTEGER
) STRICT;
)sql";

// Version 5: scale-out (issue 16). leases: which instance runs a singleton task
// (housekeeping) until when; store/sql_store.h, acquire_lease.
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE leases (
  name       TEXT PRIMARY KEY NOT NULL,
  holder     TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
)sql";

// Version 6: the message bus (issue 17). domain_events (core/domain_events.h): written
// by triggers in the transaction of the change, published by the relay role. An order's
// state change (any UPDATE that changes profiles.state) and a low-stock event. Times from
// the database's clock, epoch seconds; bodies JSON without secrets.
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE domain_events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  published_at INTEGER
) STRICT;
CREATE INDEX domain_events_unpublished ON domain_events (id) WHERE published_at IS NULL;
CREATE INDEX domain_events_created_at ON domain_events (created_at);

CREATE TRIGGER profiles_state_event AFTER UPDATE OF state ON profiles
WHEN OLD.state IS NOT NEW.state
BEGIN
  INSERT INTO domain_events (subject, body, created_at) VALUES (
    'smdp.event.order.' || lower(NEW.state),
    json_object('iccid', NEW.iccid, 'profileType', NEW.profile_type, 'eid', NEW.eid,
                'from', OLD.state, 'to', NEW.state,
                'at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    unixepoch());
  INSERT INTO domain_events (subject, body, created_at)
  SELECT 'smdp.event.download.finished',
         json_object('iccid', NEW.iccid, 'profileType', NEW.profile_type, 'eid', NEW.eid,
                     'state', NEW.state, 'result', NEW.result,
                     'at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         unixepoch()
  WHERE NEW.state IN ('Installed', 'Error');
END;

CREATE TRIGGER events_low_stock_event AFTER INSERT ON events
WHEN NEW.type = 'low_stock'
BEGIN
  INSERT INTO domain_events (subject, body, created_at) VALUES (
    'smdp.event.stock.low',
    json_object('profileType', NEW.profile_type,
                'available', json_extract(NEW.detail, '$.available'),
                'threshold', json_extract(NEW.detail, '$.threshold'),
                'at', strftime('%Y-%m-%dT%H:%M:%SZ', NEW.created_at, 'unixepoch')),
    NEW.created_at);
END;
)sql";

constexpr std::array<Migration, 6> kMigrations{{
    {1, "profiles, sessions, notifications", kSchemaV1},
    {2, "inventory: profile types, templates, events, subscription columns", kSchemaV2},
    {3, "es2+: operators, function calls, outbox, smds_address, operator_name", kSchemaV3},
    {4, "retries and guessing: bound packages per order, matchingId failures", kSchemaV4},
    {5, "scale-out: leases of singleton tasks", kSchemaV5},
    {6, "message bus: domain events written by triggers", kSchemaV6},
}};

}  // namespace

std::span<const Migration> sqlite_migrations() { return kMigrations; }

}  // namespace smdp::store
