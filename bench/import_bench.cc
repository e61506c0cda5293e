// SPDX-License-Identifier: Apache-2.0
// import_bench: how fast, and in how much memory, the subscription import stores a
// large operator file. Generates an N-row CSV (valid Luhn ICCIDs, IMSIs, random Ki/OPc,
// PIN/PUK) in a temporary directory, imports it into a fresh SQLite file there with
// core::import_subscriptions, and prints rows/s, elapsed time and peak RSS; the same
// figures go to a JSON file.
//
//   import_bench [--rows N] [--batch N] [--json FILE] [--keep]
#include <stdlib.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/run.h"
#include "core/subscription_import.h"
#include "crypto/rng.h"
#include "saip/variables.h"
#include "store/sql_store.h"

namespace {

using namespace smdp;
namespace fs = std::filesystem;
using Seconds = std::chrono::duration<double>;

constexpr const char* kVariables = "iccid,imsi,ki,opc,pin1,puk1";

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

void digits(std::uint64_t value, std::size_t width, std::string& out) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*llu", static_cast<int>(width),
                static_cast<unsigned long long>(value));
  out += buf;
}

void hex_upper(ByteView bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const std::uint8_t b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0F];
  }
}

// Writes the header and `rows` rows; returns the file size.
std::uintmax_t generate(const fs::path& path, std::size_t rows) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << kVariables << "\n";
  auto& rng = crypto::system_rng();
  Bytes random(40);
  std::string line;
  for (std::size_t i = 0; i < rows; ++i) {
    rng.fill(random);
    line.clear();
    std::string iccid = "8944990";
    digits(i, 12, iccid);  // 19 digits
    iccid += saip::luhn_check_digit(iccid);
    line += iccid;
    line += ",00101";
    digits(i, 10, line);
    line += ',';
    hex_upper(ByteView(random).first(16), line);
    line += ',';
    hex_upper(ByteView(random).subspan(16, 16), line);
    line += ',';
    digits(1000 + random[32] % 9000u, 4, line);
    line += ',';
    digits((static_cast<std::uint64_t>(random[33]) << 24 |
            static_cast<std::uint64_t>(random[34]) << 16 |
            static_cast<std::uint64_t>(random[35]) << 8 | random[36]) %
               100'000'000u,
           8, line);
    line += '\n';
    out << line;
  }
  out.close();
  return fs::file_size(path);
}

int run(std::size_t rows, std::size_t batch, const std::string& json_path, bool keep) {
  std::string tmpl = (fs::temp_directory_path() / "smdp-import-bench-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const fs::path dir = tmpl;
  const fs::path csv_path = dir / "subscriptions.csv";
  const fs::path db_path = dir / "smdpp.db";

  auto t0 = std::chrono::steady_clock::now();
  const std::uintmax_t csv_bytes = generate(csv_path, rows);
  const double generate_s = Seconds(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "generated " << rows << " rows (" << csv_bytes << " octets) in " << generate_s
            << " s\n";

  auto store = store::SqlStore::open(db_path.string());
  if (!store) {
    std::cerr << "open store: " << store.error().message() << "\n";
    return 1;
  }
  const core::SystemClock clock;
  core::TemplateRecord tpl;
  tpl.name = "bench";
  tpl.package = {0x30, 0x00};
  tpl.sha256 = Bytes(32, 0);
  tpl.created_at = clock.now();
  core::ProfileTypeRecord type;
  type.name = "bench";
  type.template_name = "bench";
  type.variables = kVariables;
  type.created_at = clock.now();
  if (!(*store)->add_template(tpl) || !(*store)->add_profile_type(type)) {
    std::cerr << "cannot create the profile type\n";
    return 1;
  }
  const Bytes key = crypto::system_rng().bytes(32);
  core::ImportOptions options;
  options.batch_size = batch;
  std::size_t next_report = 100'000;
  options.progress = [&](const core::ImportProgress& p) {
    if (p.rows_read >= next_report) {
      std::cerr << "  " << p.rows_read << " rows read, " << p.imported << " imported\n";
      next_report += 100'000;
    }
  };
  const long rss_before = peak_rss_kib();
  std::ifstream csv(csv_path, std::ios::binary);
  std::ofstream rejects(dir / "rejects.csv", std::ios::binary);
  t0 = std::chrono::steady_clock::now();
  auto report = core::import_subscriptions(**store, type, csv, key, crypto::system_rng(), clock,
                                           options, &rejects);
  const double elapsed_s = Seconds(std::chrono::steady_clock::now() - t0).count();
  const long rss_peak = peak_rss_kib();
  if (!report) {
    std::cerr << "import failed: " << report.error().message() << "\n";
    return 1;
  }
  store->reset();
  const std::uintmax_t db_bytes = fs::file_size(db_path);
  const double rate = elapsed_s > 0 ? static_cast<double>(report->imported) / elapsed_s : 0;

  std::printf("rows %zu, imported %zu, rejected %zu\n", report->rows, report->imported,
              report->rejected);
  std::printf("elapsed %.2f s, %.0f rows/s\n", elapsed_s, rate);
  std::printf("peak RSS %ld KiB (%.1f MiB; %ld KiB before the import)\n", rss_peak,
              static_cast<double>(rss_peak) / 1024.0, rss_before);
  std::printf("CSV %ju octets, database %ju octets\n", csv_bytes, db_bytes);

  if (!json_path.empty()) {
    std::ofstream json(json_path, std::ios::trunc);
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "{\n  \"rows\": %zu,\n  \"imported\": %zu,\n  \"rejected\": %zu,\n"
                  "  \"batch_size\": %zu,\n  \"elapsed_s\": %.3f,\n  \"rows_per_s\": %.0f,\n"
                  "  \"peak_rss_kib\": %ld,\n  \"rss_before_import_kib\": %ld,\n"
                  "  \"csv_bytes\": %ju,\n  \"db_bytes\": %ju,\n  \"generate_s\": %.3f\n}\n",
                  report->rows, report->imported, report->rejected, batch, elapsed_s, rate,
                  rss_peak, rss_before, csv_bytes, db_bytes, generate_s);
    json << buf;
    if (!json) {
      std::cerr << "cannot write " << json_path << "\n";
      return 1;
    }
  }
  if (keep) {
    std::cerr << "kept " << dir << "\n";
  } else {
    fs::remove_all(dir);
  }
  return report->imported == rows ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Generates an N-row subscription CSV and imports it into a fresh SQLite store; prints "
      "rows/s, elapsed time and peak RSS.",
      "import_bench");
  app.set_config("--config", "", "read options from a TOML/INI file");
  std::size_t rows = 1'000'000;
  std::size_t batch = 5000;
  std::string json;
  bool keep = false;
  app.add_option("--rows", rows, "rows to generate and import")->capture_default_str();
  app.add_option("--batch", batch, "rows per transaction")->capture_default_str();
  app.add_option("--json", json, "write the figures to this JSON file");
  app.add_flag("--keep", keep, "keep the temporary directory (CSV, database, rejects)");
  return smdp::cli::run(app, argc, argv, [&] { return run(rows, batch, json, keep); });
}
