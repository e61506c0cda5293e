// SPDX-License-Identifier: Apache-2.0
// Bulk import of subscriptions from CSV into a real SQLite store: the nominal path,
// every rejection reason, duplicates in the file and in the store, header mismatches
// refused before anything is stored, a store failure mid-import (earlier batches kept,
// the failing one absent), and the sealed values bound to key and ICCID.
#include "core/subscription_import.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <sstream>

#include "core/sealed_values.h"
#include "crypto/errors.h"
#include "saip/variables.h"
#include "store/sql_store.h"

namespace smdp::core {
namespace {

constexpr const char* kVariables = "iccid,imsi,ki,opc,pin1,puk1";

std::string iccid(std::size_t n) {
  std::string body = std::to_string(n);
  body = "894400000" + std::string(10 - body.size(), '0') + body;  // 19 digits
  return body + saip::luhn_check_digit(body);
}

std::string imsi(std::size_t n) {
  std::string tail = std::to_string(n);
  return "00101" + std::string(10 - tail.size(), '0') + tail;
}

std::string hex32(std::size_t n, char tag) {
  std::string s = std::to_string(n);
  return std::string(1, tag) + std::string(31 - s.size(), '0') + s;
}

// A valid row in kVariables order.
std::string row(std::size_t n) {
  return iccid(n) + "," + imsi(n) + "," + hex32(n, 'A') + "," + hex32(n, 'C') + ",1234,12345678";
}

std::string csv_of(std::size_t first, std::size_t count) {
  std::string s = std::string(kVariables) + "\n";
  for (std::size_t i = first; i < first + count; ++i) s += row(i) + "\n";
  return s;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "smdp-import-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "smdp.db").string();
    auto store = store::SqlStore::open(path_);
    ASSERT_TRUE(store) << store.error().message();
    store_ = std::move(*store);
    TemplateRecord t;
    t.name = "tpl";
    t.package = {0x30, 0x00};
    t.sha256 = Bytes(32, 0);
    ASSERT_TRUE(store_->add_template(t));
    type_.name = "gtp";
    type_.template_name = "tpl";
    type_.variables = kVariables;
    type_.max_download_attempts = 4;
    ASSERT_TRUE(store_->add_profile_type(type_));
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<ImportReport> import(const std::string& csv, ImportOptions options = {}) {
    std::istringstream in(csv);
    rejects_.str("");
    return import_subscriptions(*store_, type_, in, key_, crypto::system_rng(), clock_, options,
                                &rejects_);
  }

  std::int64_t stored() {
    auto counts = store_->inventory_counts();
    EXPECT_TRUE(counts);
    std::int64_t n = 0;
    if (counts) {
      for (const auto& c : *counts) n += c.count;
    }
    return n;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<store::SqlStore> store_;
  ProfileTypeRecord type_;
  Bytes key_ = Bytes(32, 0x4B);
  ManualClock clock_{TimePoint{std::chrono::seconds{1'800'000'000}}};
  std::ostringstream rejects_;
};

TEST_F(ImportTest, when_rows_are_valid_then_all_are_stored_available_in_batches) {
  std::vector<ImportProgress> calls;
  ImportOptions options;
  options.batch_size = 64;
  options.progress = [&](const ImportProgress& p) { calls.push_back(p); };
  const std::string csv = csv_of(0, 300);
  auto report = import(csv, options);
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->rows, 300u);
  EXPECT_EQ(report->imported, 300u);
  EXPECT_EQ(report->rejected, 0u);
  EXPECT_EQ(report->duplicates, 0u);
  EXPECT_TRUE(rejects_.str().empty());
  ASSERT_EQ(calls.size(), 5u);  // four full batches of 64, then the last 44
  EXPECT_EQ(calls[0].imported, 64u);
  EXPECT_EQ(calls.back().imported, 300u);
  EXPECT_EQ(calls.back().rows_read, 300u);
  EXPECT_EQ(calls.back().bytes_read, csv.size());
  EXPECT_EQ(stored(), 300);

  auto p = store_->get_profile(iccid(123));
  ASSERT_TRUE(p && p->has_value());
  EXPECT_EQ((*p)->state, ProfileState::available);
  EXPECT_EQ((*p)->profile_type, "gtp");
  EXPECT_EQ((*p)->imsi, imsi(123));
  EXPECT_EQ((*p)->max_download_attempts, 4);
  EXPECT_EQ((*p)->updated_at, clock_.now());
  EXPECT_TRUE((*p)->profile_package.empty());
  EXPECT_TRUE((*p)->protected_package.empty());
  // Oldest first is file order.
  auto first = store_->allocate_profile("gtp", clock_.now());
  ASSERT_TRUE(first && first->has_value());
  EXPECT_EQ((*first)->iccid, iccid(0));
}

TEST_F(ImportTest, when_opened_with_key_and_iccid_then_sealed_values_are_the_row_in_type_order) {
  // Columns in another order than the type's, with quoting, CRLF, a BOM and blank lines.
  const std::string csv =
      "\xEF\xBB\xBF\"puk1\",ki,iccid,opc,imsi,pin1\r\n\r\n"
      "87654321,\"" +
      hex32(7, 'a') + "\"," + iccid(7) + "," + hex32(7, 'c') + "," + imsi(7) + ",0000\r\n   \n";
  auto report = import(csv);
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_EQ(report->imported, 1u) << rejects_.str();
  auto p = store_->get_profile(iccid(7));
  ASSERT_TRUE(p && p->has_value());
  auto plain = open_values(key_, iccid(7), (*p)->sealed_values);
  ASSERT_TRUE(plain) << plain.error().message();
  auto values = saip::parse_values(as_chars(*plain));
  ASSERT_TRUE(values) << values.error().message();
  ASSERT_EQ(values->size(), 6u);
  const std::vector<std::string> names = {"iccid", "imsi", "ki", "opc", "pin1", "puk1"};
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ((*values)[i].variable.name(), names[i]);
  EXPECT_EQ(*saip::find_value(*values, saip::VariableKind::ki), hex32(7, 'A'));  // normalised
  EXPECT_EQ(*saip::find_value(*values, saip::VariableKind::puk1), "87654321");

  // Bound to the ICCID and the key.
  auto moved = open_values(key_, iccid(8), (*p)->sealed_values);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, crypto::Errc::invalid_signature);
  EXPECT_FALSE(open_values(Bytes(32, 0x4C), iccid(7), (*p)->sealed_values));
}

TEST_F(ImportTest, when_rows_break_rules_then_each_is_rejected_with_its_reason) {
  std::string bad_luhn = iccid(2);
  bad_luhn.back() = bad_luhn.back() == '0' ? '1' : '0';
  const std::string secret_ki = "0123456789ABCDEF0123456789ABCDE";  // 31 digits
  const std::string csv =
      std::string(kVariables) + "\n" + row(1) + "\n" +  // line 2 ok
      bad_luhn + "," + imsi(2) + "," + hex32(2, 'A') + "," + hex32(2, 'C') + ",1234,12345678\n" +
      "8944000012," + imsi(3) + "," + hex32(3, 'A') + "," + hex32(3, 'C') + ",1234,12345678\n" +
      iccid(4) + ",00101ABC," + hex32(4, 'A') + "," + hex32(4, 'C') + ",1234,12345678\n" +
      iccid(5) + "," + imsi(5) + "," + secret_ki + "," + hex32(5, 'C') + ",1234,12345678\n" +
      iccid(6) + "," + imsi(6) + "," + hex32(6, 'A') + ",XYZ,1234,12345678\n" + iccid(7) + "," +
      imsi(7) + "," + hex32(7, 'A') + "," + hex32(7, 'C') + ",123,12345678\n" + iccid(8) + "," +
      imsi(8) + "," + hex32(8, 'A') + "," + hex32(8, 'C') + ",1234,1234567\n" + iccid(9) + "," +
      imsi(9) + "\n" +  // line 10
      iccid(10) + "," + imsi(10) + ",\"" + hex32(10, 'A') + "\"x," + hex32(10, 'C') +
      ",1234,12345678\n" +                    // line 11
      "\"multi\nline\"," + imsi(11) + "\n" +  // lines 12-13
      row(14) + "\n";                         // line 14 ok
  auto report = import(csv);
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->rows, 12u);
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->rejected, 10u);
  EXPECT_EQ(report->duplicates, 0u);
  const std::string out = rejects_.str();
  const std::vector<std::string> expected = {
      "line,iccid,reason",
      "3," + bad_luhn + ",\"iccid: wrong Luhn check digit",
      "4,8944000012,iccid: expected 18 to 20 digits",
      "5," + iccid(4) + ",imsi: expected 6 to 15 digits",
      "6," + iccid(5) + ",ki: expected 32 or 64 hex digits",
      "7," + iccid(6) + ",opc: expected 32 or 64 hex digits",
      "8," + iccid(7) + ",pin1: expected 4 to 8 digits",
      "9," + iccid(8) + ",puk1: expected 8 digits",
      "10," + iccid(9) + ",\"expected 6 fields, found 2\"",
      "11," + iccid(10) + ",CSV: character after a closing quote",
      "12,\"multi\nline\",\"expected 6 fields, found 2\"",
  };
  for (const auto& e : expected) EXPECT_NE(out.find(e), std::string::npos) << e << "\n" << out;
  EXPECT_EQ(out.find(secret_ki), std::string::npos);  // never a secret value
  EXPECT_EQ(out.find("XYZ"), std::string::npos);
  EXPECT_EQ(stored(), 2);
}

TEST_F(ImportTest, when_iccid_or_imsi_repeats_in_file_then_later_row_is_a_duplicate) {
  std::string same_imsi = row(3);
  same_imsi.replace(same_imsi.find(imsi(3)), imsi(3).size(), imsi(1));
  const std::string csv = std::string(kVariables) + "\n" + row(1) + "\n" + row(2) + "\n" + row(1) +
                          "\n" + same_imsi + "\n";
  auto report = import(csv);
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->imported, 2u);
  EXPECT_EQ(report->rejected, 2u);
  EXPECT_EQ(report->duplicates, 2u);
  EXPECT_NE(rejects_.str().find("4," + iccid(1) + ",duplicate iccid in file"), std::string::npos)
      << rejects_.str();
  EXPECT_NE(rejects_.str().find("5," + iccid(3) + ",duplicate imsi in file"), std::string::npos)
      << rejects_.str();
}

TEST_F(ImportTest, when_rows_already_stored_then_they_are_duplicates_and_the_rest_imported) {
  ASSERT_TRUE(import(csv_of(0, 10)));
  auto report = import(csv_of(5, 10));  // 5..9 stored already
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->imported, 5u);
  EXPECT_EQ(report->duplicates, 5u);
  EXPECT_EQ(report->rejected, 5u);
  EXPECT_NE(rejects_.str().find("2," + iccid(5) + ",iccid or imsi already stored"),
            std::string::npos)
      << rejects_.str();
  EXPECT_EQ(stored(), 15);
}

TEST_F(ImportTest, when_header_does_not_match_the_type_then_error_and_nothing_stored) {
  const std::string body = "\n" + row(1) + "\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"iccid,imsi,ki,opc,pin1", "missing column puk1"},
      {"iccid,imsi,ki,opc,pin1,puk1,colour", "unknown column \"colour\""},
      {"iccid,imsi,ki,opc,pin1,pin1", "column pin1 given twice"},
      {"iccid,imsi,ki,opc,pin1,pin2", "column pin2 is not a variable of the profile type"},
      {"iccid,\"imsi\"x,ki,opc,pin1,puk1", "header"},
  };
  for (const auto& [header, message] : cases) {
    auto r = import(header + body);
    ASSERT_FALSE(r) << header;
    EXPECT_EQ(r.error().code, ImportErrc::invalid_header) << header;
    EXPECT_NE(r.error().context.find(message), std::string::npos) << r.error().context;
  }
  auto empty = import("\n\n");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ImportErrc::invalid_header);
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest,
       when_store_fails_mid_import_then_earlier_batches_stay_and_failing_one_is_absent) {
  // A real failure inside the third row of the second batch (rows 100..199).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const std::string trigger = "CREATE TRIGGER boom BEFORE INSERT ON profiles WHEN NEW.iccid = '" +
                              iccid(102) + "' BEGIN SELECT RAISE(ABORT, 'injected'); END;";
  ASSERT_EQ(sqlite3_exec(db, trigger.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ImportOptions options;
  options.batch_size = 100;
  auto r = import(csv_of(0, 300), options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, StoreErrc::unavailable);
  EXPECT_NE(r.error().context.find("100 rows imported"), std::string::npos) << r.error().context;
  EXPECT_EQ(stored(), 100);
  auto before = store_->get_profile(iccid(99));
  ASSERT_TRUE(before && before->has_value());
  for (const std::size_t n : {100u, 101u, 103u, 199u, 200u}) {
    auto absent = store_->get_profile(iccid(n));
    ASSERT_TRUE(absent);
    EXPECT_FALSE(absent->has_value()) << n;
  }
}

TEST_F(ImportTest, when_data_key_is_not_32_octets_then_error) {
  key_ = Bytes(16, 1);
  auto r = import(csv_of(0, 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ImportErrc::invalid_key);
  EXPECT_EQ(stored(), 0);
}

TEST_F(ImportTest, when_type_has_no_imsi_then_profiles_have_none) {
  type_.name = "no-imsi";
  type_.variables = "iccid,ki";
  ASSERT_TRUE(store_->add_profile_type(type_));
  auto report = import("ki,iccid\n" + hex32(1, 'A') + "," + iccid(1) + "\n");
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_EQ(report->imported, 1u) << rejects_.str();
  auto p = store_->get_profile(iccid(1));
  ASSERT_TRUE(p && p->has_value());
  EXPECT_FALSE((*p)->imsi.has_value());
  EXPECT_EQ((*p)->profile_type, "no-imsi");
}

}  // namespace
}  // namespace smdp::core
