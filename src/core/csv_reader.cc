// SPDX-License-Identifier: Apache-2.0
#include "core/csv_reader.h"

#include <system_error>

namespace smdp::core {
namespace {

constexpr std::size_t kBufferSize = std::size_t{1} << 16;

bool blank(const CsvRecord& r, bool quoted) {
  if (quoted || r.fields.size() != 1) return false;
  return r.fields[0].find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::size_t max_record)
    : in_(in), max_record_(max_record), buffer_(kBufferSize) {}

bool CsvReader::fill() {
  if (!in_.good()) return false;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  const auto got = static_cast<std::size_t>(in_.gcount());
  pos_ = 0;
  end_ = got;
  bytes_read_ += got;
  return got > 0;
}

int CsvReader::get() {
  if (pos_ == end_ && !fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_++]);
}

int CsvReader::peek() {
  if (pos_ == end_ && !fill()) return -1;
  return static_cast<unsigned char>(buffer_[pos_]);
}

Result<bool> CsvReader::next(CsvRecord& record) {
  enum class State { field_start, unquoted, quoted, quote_seen };
  if (!started_) {  // a UTF-8 byte order mark, as spreadsheets write, is not data
    started_ = true;
    if (peek() == 0xEF && end_ - pos_ >= 3 && buffer_[pos_ + 1] == '\xBB' &&
        buffer_[pos_ + 2] == '\xBF') {
      pos_ += 3;
    }
  }
  for (;;) {  // until a record that is not blank
    record.fields.assign(1, std::string());
    record.malformed.clear();
    record.line = line_;
    State state = State::field_start;
    bool any_quoted = false;
    bool read_any = false;
    std::size_t size = 0;
    bool done = false;
    while (!done) {
      const int c = get();
      if (c < 0) {
        if (in_.bad()) {
          return std::unexpected(Error{std::make_error_code(std::errc::io_error),
                                       "CSV line " + std::to_string(line_) + ": read failed"});
        }
        if (!read_any) return false;
        if (state == State::quoted) record.malformed = "quoted field not closed";
        break;
      }
      read_any = true;
      if (++size > max_record_) {
        return std::unexpected(Error{std::make_error_code(std::errc::value_too_large),
                                     "CSV line " + std::to_string(record.line) +
                                         ": record longer than " + std::to_string(max_record_) +
                                         " octets"});
      }
      const char ch = static_cast<char>(c);
      std::string& field = record.fields.back();
      switch (state) {
        case State::field_start:
          if (ch == '"') {
            state = State::quoted;
            any_quoted = true;
            break;
          }
          state = State::unquoted;
          [[fallthrough]];
        case State::unquoted:
          if (ch == ',') {
            record.fields.emplace_back();
            state = State::field_start;
          } else if (ch == '\n') {
            ++line_;
            done = true;
          } else if (ch == '\r' && peek() == '\n') {
            // the LF ends the record
          } else {
            if (ch == '"' && record.malformed.empty())
              record.malformed = "quote inside an unquoted field";
            field += ch;
          }
          break;
        case State::quoted:
          if (ch == '"') {
            state = State::quote_seen;
          } else {
            if (ch == '\n') ++line_;
            field += ch;
          }
          break;
        case State::quote_seen:
          if (ch == '"') {
            field += '"';
            state = State::quoted;
          } else if (ch == ',') {
            record.fields.emplace_back();
            state = State::field_start;
          } else if (ch == '\n') {
            ++line_;
            done = true;
          } else if (ch == '\r' && peek() == '\n') {
            // the LF ends the record
          } else {
            if (record.malformed.empty()) record.malformed = "character after a closing quote";
            field += ch;
            state = State::unquoted;
          }
          break;
      }
    }
    if (!blank(record, any_quoted)) return true;
  }
}

}  // namespace smdp::core
