// SPDX-License-Identifier: Apache-2.0
// The streaming RFC 4180 reader: quoting, CRLF, blank lines, line numbers of records
// spanning lines, malformed records reported per record, and the record size limit.
#include "core/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace smdp::core {
namespace {

std::vector<CsvRecord> read_all(const std::string& text, std::size_t max = 1 << 20) {
  std::istringstream in(text);
  CsvReader reader(in, max);
  std::vector<CsvRecord> out;
  CsvRecord r;
  for (;;) {
    auto more = reader.next(r);
    EXPECT_TRUE(more);
    if (!more || !*more) break;
    out.push_back(r);
  }
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvReader, when_fields_are_quoted_then_commas_quotes_and_newlines_are_data) {
  auto r = read_all("a,\"b,c\",\"d\"\"e\",\"f\r\ng\"\r\nh,,\"\"\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"a", "b,c", "d\"e", "f\r\ng"}));
  EXPECT_EQ(r[0].line, 1u);
  EXPECT_TRUE(r[0].malformed.empty());
  EXPECT_EQ(r[1].fields, (Fields{"h", "", ""}));
  EXPECT_EQ(r[1].line, 3u);  // the quoted field spanned two lines
}

TEST(CsvReader, when_blank_lines_and_no_final_newline_then_skipped_and_last_record_read) {
  auto r = read_all("\n\r\nx,y\n  \t\n\nz");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].fields, (Fields{"x", "y"}));
  EXPECT_EQ(r[0].line, 3u);
  EXPECT_EQ(r[1].fields, (Fields{"z"}));
  EXPECT_EQ(r[1].line, 6u);
  EXPECT_TRUE(read_all("").empty());
  EXPECT_EQ(read_all("\"\"\n").size(), 1u);  // a quoted empty field is not blank
}

TEST(CsvReader, when_quoting_is_broken_then_record_is_marked_and_reading_goes_on) {
  auto r = read_all("a\"b,c\n\"x\"y,z\nok,1\n\"open,2\nmore");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].malformed, "quote inside an unquoted field");
  EXPECT_EQ(r[1].malformed, "character after a closing quote");
  EXPECT_TRUE(r[2].malformed.empty());
  EXPECT_EQ(r[2].fields, (Fields{"ok", "1"}));
  EXPECT_EQ(r[3].malformed, "quoted field not closed");
}

TEST(CsvReader, when_record_exceeds_limit_then_error_naming_the_line) {
  std::istringstream in("short\n" + std::string(100, 'x') + "\n");
  CsvReader reader(in, 50);
  CsvRecord r;
  ASSERT_TRUE(reader.next(r).value());
  auto too_long = reader.next(r);
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().context.find("line 2"), std::string::npos);
}

TEST(CsvReader, when_input_larger_than_buffer_then_bytes_counted) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",abcdef\n";
  std::istringstream in(text);
  CsvReader reader(in);
  CsvRecord r;
  int n = 0;
  while (reader.next(r).value()) {
    ASSERT_EQ(r.fields[0], std::to_string(n));
    ++n;
  }
  EXPECT_EQ(n, 20000);
  EXPECT_EQ(reader.bytes_read(), text.size());
}

}  // namespace
}  // namespace smdp::core
