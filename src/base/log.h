// SPDX-License-Identifier: Apache-2.0
// Structured logging: one JSON object per line on stderr, e.g.
//   {"ts":"2026-11-26T09:06:19.123Z","level":"info","event":"es9.request","function":"..."}
// Thread-safe (one mutex around formatting and the write). Operational logs for the
// SM-DP+ server (ES9+, SGP.22 §5.6); not an audit trail.
//
// Contract: callers never pass secrets (keys, session keys, matching IDs, confirmation
// codes, profile contents) as field values. Values are free text and are escaped here,
// so untrusted input (a transactionId from a request) cannot break the line.
#pragma once

#include <chrono>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace smdp::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

// Field name and value, both emitted as JSON strings. The names "ts", "level" and
// "event" are reserved; a field using one is still written (JSON readers keep the last).
using Field = std::pair<std::string_view, std::string_view>;
using Fields = std::initializer_list<Field>;

// Lines below the minimum level are dropped. Default: info. Thread-safe.
void set_level(Level min);
Level level();
bool enabled(Level l);

// Writes one line if `l` is enabled. Never throws (a failure to write is ignored).
void write(Level l, std::string_view event, Fields fields = {});
inline void debug(std::string_view event, Fields fields = {}) {
  write(Level::debug, event, fields);
}
inline void info(std::string_view event, Fields fields = {}) { write(Level::info, event, fields); }
inline void warn(std::string_view event, Fields fields = {}) { write(Level::warn, event, fields); }
inline void error(std::string_view event, Fields fields = {}) {
  write(Level::error, event, fields);
}

// The line write() emits, without the trailing newline: "ts" as RFC 3339 UTC with
// milliseconds, then "level", "event" and the fields in order. Invalid UTF-8 in any
// string is replaced by U+FFFD so the output is always valid JSON.
std::string format_line(Level l, std::chrono::system_clock::time_point ts, std::string_view event,
                        Fields fields);

// Redirects complete lines (without newline) to `sink`, for tests; an empty function
// restores stderr. The sink is called under the log mutex and must not log.
void set_sink(std::function<void(std::string_view line)> sink);

// Appends `s` to `out` as the body of a JSON string (no quotes), escaping '"', '\',
// control characters and invalid UTF-8. Exposed for other JSON-ish writers.
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace smdp::log
