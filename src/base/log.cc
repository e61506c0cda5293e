// SPDX-License-Identifier: Apache-2.0
#include "base/log.h"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace smdp::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::info)};

struct Output {
  std::mutex mutex;
  std::function<void(std::string_view)> sink;
};
Output& output() {
  static Output o;
  return o;
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
  }
  return "unknown";
}

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629), 0 if ill-formed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
  }
  return n;
}

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

void set_level(Level min) { g_min_level.store(static_cast<int>(min)); }
Level level() { return static_cast<Level>(g_min_level.load()); }
bool enabled(Level l) { return static_cast<int>(l) >= g_min_level.load(); }

std::string format_line(Level l, std::chrono::system_clock::time_point ts, std::string_view event,
                        Fields fields) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(ts);
  const std::time_t secs = system_clock::to_time_t(floor<seconds>(ms));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[64];
  const auto milli = static_cast<int>((ms.time_since_epoch() % seconds{1}).count());
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                milli < 0 ? milli + 1000 : milli);

  std::string line;
  line.reserve(96 + event.size());
  line += "{\"ts\":\"";
  line += stamp;
  line += "\",\"level\":\"";
  line += level_name(l);
  line += "\",\"event\":";
  append_quoted(line, event);
  for (const auto& [name, value] : fields) {
    line += ',';
    append_quoted(line, name);
    line += ':';
    append_quoted(line, value);
  }
  line += '}';
  return line;
}

void write(Level l, std::string_view event, Fields fields) {
  if (!enabled(l)) return;
  try {
    const std::string line = format_line(l, std::chrono::system_clock::now(), event, fields);
    Output& o = output();
    const std::scoped_lock lock(o.mutex);
    if (o.sink) {
      o.sink(line);
    } else {
      std::fwrite(line.data(), 1, line.size(), stderr);
      std::fputc('\n', stderr);
      std::fflush(stderr);
    }
  } catch (...) {
    // Logging never takes the caller down (allocation failure, a throwing test sink).
  }
}

void set_sink(std::function<void(std::string_view line)> sink) {
  Output& o = output();
  const std::scoped_lock lock(o.mutex);
  o.sink = std::move(sink);
}

}  // namespace smdp::log
