// SPDX-License-Identifier: Apache-2.0
// Streaming reader of RFC 4180 CSV: one record at a time from an std::istream, with
// memory bounded by the longest record (never the file). Used by the subscription
// import (core/subscription_import.h).
//
// - Fields are separated by ',', records by LF or CRLF; a field may be quoted with
//   '"', a quoted field may hold ',', CR, LF and '""' (one quote).
// - Blank lines (empty or only spaces/tabs, unquoted) are skipped, and so is a UTF-8
//   byte order mark at the start.
// - A record that breaks the quoting rules (a quote inside an unquoted field, a
//   character after a closing quote, a quoted field still open at the end of input) is
//   returned with `malformed` set, so the caller can reject that record and go on.
// - A record longer than the limit, or a stream read failure, is an error: the reader
//   cannot find the next record reliably after it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace smdp::core {

struct CsvRecord {
  std::size_t line = 0;  // the physical line the record starts on, from 1
  std::vector<std::string> fields;
  std::string malformed;  // why the record is not valid CSV; empty when it is
};

class CsvReader {
 public:
  static constexpr std::size_t kDefaultMaxRecord = std::size_t{1} << 20;

  explicit CsvReader(std::istream& in, std::size_t max_record = kDefaultMaxRecord);

  // The next record; false at the end of input.
  Result<bool> next(CsvRecord& record);
  // Octets consumed from the stream so far.
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  int get();
  int peek();
  bool fill();

  std::istream& in_;
  std::size_t max_record_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::size_t line_ = 1;
  bool started_ = false;
};

}  // namespace smdp::core
