// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL schema, step by step (store/migration.h).
#include <array>

#include "store/migration.h"

namespace smdp::store {
namespace {

// Version 1: the whole schema of SQLite's versions 1 to 5 (sqlite_schema.cc), the same
// tables, columns (in the same order), keys, indexes and defaults, with PostgreSQL's
// types: INTEGER is BIGINT, BLOB is BYTEA, TEXT is TEXT COLLATE "C", which compares and
// sorts bytewise like SQLite's BINARY (ORDER BY name) and does not depend on the
// operating system's locale data (whose updates can silently corrupt text indexes).
// Tables are created so that every foreign key names an existing table.
// - schema_migrations: when each step was applied; the highest version is the schema's.
// - templates, profile_types (each naming a stored template; operator_name '' for the
//   types of the command line, no foreign key, as '' names no operator).
// - profiles: profiles with their orders. seq orders them by insertion ("oldest first"):
//   an identity, never inserted explicitly. Like SQLite, PostgreSQL treats NULLs as
//   distinct in a UNIQUE index, so many profiles may lack a matching_id or an IMSI.
//   profiles_default_dp serves find_profiles_for_eid (the orders without a matchingId);
//   profiles_allocation serves allocate_profile (oldest Available of a type), the
//   per-type counts, profiles_to_precompute and the profile_type foreign key. The byte
//   strings that may be absent are empty by default: sealed subscription values, sealed
//   protected package, the Bound Profile Package kept for a retry with the same
//   otPK.EUICC.ECKA (SGP.22 §3.1.3.2) and that key; bound_until says when it is dropped
//   (profiles_bound_until: the profiles that have one). smds_address: ConfirmOrder's
//   SM-DS (NULL: none).
// - sessions: RSP sessions; iccid must name a stored profile (sessions_iccid serves the
//   foreign key, which PostgreSQL does not index by itself). No Bound Profile Package:
//   it is kept per order in profiles.
// - notifications: by (EID, seqNumber).
// - events (core/inventory_store.h) and outbox (core/outbox.h): identities, so an id
//   is never reused after a deletion and ids grow in the order they are drawn
//   (concurrent transactions may commit out of that order). outbox_order serves the
//   "oldest pending of its ordering key" test of claim_outbox, outbox_due its scan of
//   due pending messages, outbox_state list_outbox by state, newest first.
// - operators: ES2+ operators, known by the CN and CA of their client certificate.
// - function_calls: one row per (operator, functionCallIdentifier), the response NULL
//   while the call runs; function_calls_created_at serves the purge.
// - matching_id_failures: unknown-matchingId attempts per EID in a window that starts
//   with the first one counted (window_ends), and the end of the EID's block.
// - leases: who runs a singleton task (housekeeping) until when.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE schema_migrations (
  version    BIGINT PRIMARY KEY,
  summary    TEXT COLLATE "C" NOT NULL,
  applied_at BIGINT NOT NULL
);

CREATE TABLE templates (
  name       TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  package    BYTEA NOT NULL,
  sha256     BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE profile_types (
  name                  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  template_name         TEXT COLLATE "C" NOT NULL REFERENCES templates (name),
  variables             TEXT COLLATE "C" NOT NULL,
  metadata              BYTEA NOT NULL,
  low_stock_threshold   BIGINT NOT NULL,
  precompute            BIGINT NOT NULL,
  max_download_attempts BIGINT NOT NULL,
  order_ttl             BIGINT,
  created_at            BIGINT NOT NULL,
  operator_name         TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX profile_types_template ON profile_types (template_name);

CREATE TABLE profiles (
  seq                       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  iccid                     TEXT COLLATE "C" NOT NULL UNIQUE,
  state                     TEXT COLLATE "C" NOT NULL,
  profile_package           BYTEA NOT NULL,
  profile_metadata          BYTEA NOT NULL,
  eid                       TEXT COLLATE "C",
  matching_id               TEXT COLLATE "C",
  confirmation_code_hash    BYTEA,
  confirmation_attempts     BIGINT NOT NULL,
  max_confirmation_attempts BIGINT NOT NULL,
  download_attempts         BIGINT NOT NULL,
  max_download_attempts     BIGINT NOT NULL,
  order_expires_at          BIGINT,
  session_transaction_id    TEXT COLLATE "C",
  session_expires_at        BIGINT,
  result                    TEXT COLLATE "C",
  updated_at                BIGINT NOT NULL,
  version                   BIGINT NOT NULL,
  profile_type              TEXT COLLATE "C" REFERENCES profile_types (name),
  imsi                      TEXT COLLATE "C",
  sealed_values             BYTEA NOT NULL DEFAULT ''::bytea,
  protected_package         BYTEA NOT NULL DEFAULT ''::bytea,
  smds_address              TEXT COLLATE "C",
  bound_euicc_otpk          BYTEA NOT NULL DEFAULT ''::bytea,
  bound_package             BYTEA NOT NULL DEFAULT ''::bytea,
  bound_until               BIGINT
);
CREATE UNIQUE INDEX profiles_matching_id ON profiles (matching_id);
CREATE INDEX profiles_default_dp ON profiles (eid, state, seq) WHERE matching_id IS NULL;
CREATE UNIQUE INDEX profiles_imsi ON profiles (imsi);
CREATE INDEX profiles_allocation ON profiles (profile_type, state, seq);
CREATE INDEX profiles_bound_until ON profiles (bound_until) WHERE bound_until IS NOT NULL;

CREATE TABLE sessions (
  transaction_id             BYTEA PRIMARY KEY NOT NULL,
  state                      TEXT COLLATE "C" NOT NULL,
  created_at                 BIGINT NOT NULL,
  expires_at                 BIGINT NOT NULL,
  smdp_address               TEXT COLLATE "C" NOT NULL,
  euicc_challenge            BYTEA NOT NULL,
  server_challenge           BYTEA NOT NULL,
  euicc_info1                BYTEA NOT NULL,
  ci_pkid                    BYTEA NOT NULL,
  eid                        TEXT COLLATE "C",
  euicc_certificate          BYTEA NOT NULL,
  eum_certificate            BYTEA NOT NULL,
  iccid                      TEXT COLLATE "C" REFERENCES profiles (iccid),
  confirmation_code_required BIGINT NOT NULL,
  smdp_signature2            BYTEA NOT NULL,
  euicc_otpk                 BYTEA NOT NULL,
  version                    BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_iccid ON sessions (iccid);

CREATE TABLE notifications (
  eid         TEXT COLLATE "C" NOT NULL,
  seq_number  BIGINT NOT NULL,
  iccid       TEXT COLLATE "C",
  event       TEXT COLLATE "C" NOT NULL,
  result      TEXT COLLATE "C" NOT NULL,
  der         BYTEA NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (eid, seq_number)
);

CREATE TABLE events (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type         TEXT COLLATE "C" NOT NULL,
  profile_type TEXT COLLATE "C" NOT NULL,
  detail       TEXT COLLATE "C" NOT NULL,
  created_at   BIGINT NOT NULL
);

CREATE TABLE operators (
  name                TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  client_cn           TEXT COLLATE "C" NOT NULL,
  client_ca           BYTEA NOT NULL,
  callback_url        TEXT COLLATE "C" NOT NULL,
  callback_ca         BYTEA NOT NULL,
  state_change_points TEXT COLLATE "C" NOT NULL,
  created_at          BIGINT NOT NULL
);

CREATE TABLE function_calls (
  operator_name    TEXT COLLATE "C" NOT NULL,
  function_call_id TEXT COLLATE "C" NOT NULL,
  function         TEXT COLLATE "C" NOT NULL,
  request_sha256   BYTEA NOT NULL,
  response         TEXT COLLATE "C",
  created_at       BIGINT NOT NULL,
  PRIMARY KEY (operator_name, function_call_id)
);
CREATE INDEX function_calls_created_at ON function_calls (created_at);

CREATE TABLE outbox (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  interface       TEXT COLLATE "C" NOT NULL,
  destination     TEXT COLLATE "C" NOT NULL,
  function        TEXT COLLATE "C" NOT NULL,
  ordering_key    TEXT COLLATE "C" NOT NULL,
  body            TEXT COLLATE "C" NOT NULL,
  state           TEXT COLLATE "C" NOT NULL,
  attempts        BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  delivered_at    BIGINT,
  last_error      TEXT COLLATE "C" NOT NULL,
  lease_until     BIGINT
);
CREATE INDEX outbox_order ON outbox (state, ordering_key, id);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_state ON outbox (state, id);

CREATE TABLE matching_id_failures (
  eid           TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  window_ends   BIGINT NOT NULL,
  failures      BIGINT NOT NULL,
  blocked_until BIGINT
);

CREATE TABLE leases (
  name       TEXT COLLATE "C" PRIMARY KEY NOT NULL,
  holder     TEXT COLLATE "C" NOT NULL,
  expires_at BIGINT NOT NULL
);
)sql";

// Version 2: the message bus (issue 17), as SQLite's version 6: domain_events written by
// triggers in the transaction of the change. The bodies are rendered by json_build_object
// (the relay re-renders them compactly, so both engines publish the same bytes).
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE domain_events (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject      TEXT COLLATE "C" NOT NULL,
  body         TEXT COLLATE "C" NOT NULL,
  created_at   BIGINT NOT NULL,
  published_at BIGINT
);
CREATE INDEX domain_events_unpublished ON domain_events (id) WHERE published_at IS NULL;
CREATE INDEX domain_events_created_at ON domain_events (created_at);

CREATE FUNCTION smdp_utc(epoch BIGINT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(to_timestamp(epoch) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;

CREATE FUNCTION smdp_profiles_state_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  now_s BIGINT := extract(epoch FROM clock_timestamp())::BIGINT;
BEGIN
  INSERT INTO domain_events (subject, body, created_at) VALUES (
    'smdp.event.order.' || lower(NEW.state),
    json_build_object('iccid', NEW.iccid, 'profileType', NEW.profile_type, 'eid', NEW.eid,
                      'from', OLD.state, 'to', NEW.state, 'at', smdp_utc(now_s))::TEXT,
    now_s);
  IF NEW.state IN ('Installed', 'Error') THEN
    INSERT INTO domain_events (subject, body, created_at) VALUES (
      'smdp.event.download.finished',
      json_build_object('iccid', NEW.iccid, 'profileType', NEW.profile_type, 'eid', NEW.eid,
                        'state', NEW.state, 'result', NEW.result, 'at', smdp_utc(now_s))::TEXT,
      now_s);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER profiles_state_event AFTER UPDATE OF state ON profiles FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION smdp_profiles_state_event();

CREATE FUNCTION smdp_events_low_stock_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO domain_events (subject, body, created_at) VALUES (
    'smdp.event.stock.low',
    json_build_object('profileType', NEW.profile_type,
                      'available', (NEW.detail::json ->> 'available')::BIGINT,
                      'threshold', (NEW.detail::json ->> 'threshold')::BIGINT,
                      'at', smdp_utc(NEW.created_at))::TEXT,
    NEW.created_at);
  RETURN NULL;
END $$;
CREATE TRIGGER events_low_stock_event AFTER INSERT ON events FOR EACH ROW
  WHEN (NEW.type = 'low_stock') EXECUTE FUNCTION smdp_events_low_stock_event();
)sql";

constexpr std::array<Migration, 2> kMigrations{{
    {1, "profiles, sessions, notifications, inventory, es2+, retries and guessing, leases",
     kSchemaV1},
    {2, "message bus: domain events written by triggers", kSchemaV2},
}};

}  // namespace

std::span<const Migration> postgresql_migrations() { return kMigrations; }

}  // namespace smdp::store
