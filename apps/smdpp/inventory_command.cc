// SPDX-License-Identifier: Apache-2.0
// `smdpp inventory import|show|events|precompute|export` and `smdpp keys init`: the
// subscription stock of each profile type (core/subscription_import.h,
// core/precompute.h), and the data key that seals subscription secrets at rest.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

#include "base/file.h"
#include "commands.h"
#include "core/clock.h"
#include "core/key_provider.h"
#include "core/precompute.h"
#include "core/profile_source.h"
#include "core/subscription_import.h"
#include "crypto/rng.h"
#include "data_store.h"
#include "service_options.h"

namespace smdpp {
namespace {

using namespace smdp;

struct InventoryOptions {
  std::string profile_type, csv, rejects, iccid, out;
  std::size_t batch = 5000;
  bool progress = true;
};

std::string keys_dir(const DataOptions& d) { return d.data_dir + "/keys"; }

Result<Bytes> data_key(const DataOptions& d) {
  return core::FileKeyProvider(keys_dir(d)).key(core::kSubscriptionsKey);
}

int import(const DataOptions& d, const InventoryOptions& o) {
  auto key = data_key(d);
  if (!key)
    return report_failure("inventory import",
                          key.error().message() + " (create it with: smdpp keys init)");
  auto store = open_store(d);
  if (!store) return report_failure("inventory import", store.error());
  auto type = (*store)->get_profile_type(o.profile_type);
  if (!type) return report_failure("inventory import", type.error());
  const std::optional<core::ProfileTypeRecord>& known = *type;
  if (!known) return report_failure("inventory import", "unknown profile type " + o.profile_type);
  std::ifstream csv(o.csv, std::ios::binary);
  if (!csv) return report_failure("inventory import", "cannot read " + o.csv);
  const std::string rejects_path = o.rejects.empty() ? o.csv + ".rejected.csv" : o.rejects;
  std::ofstream rejects(rejects_path, std::ios::binary | std::ios::trunc);
  if (!rejects) return report_failure("inventory import", "cannot write " + rejects_path);

  core::ImportOptions options;
  options.batch_size = o.batch;
  const bool bar = o.progress && ::isatty(STDERR_FILENO) != 0;
  if (bar) {
    struct stat st {};
    const double total = ::stat(o.csv.c_str(), &st) == 0 ? static_cast<double>(st.st_size) : 0;
    options.progress = [total](const core::ImportProgress& p) {
      const double share = total > 0 ? static_cast<double>(p.bytes_read) / total : 0;
      const int filled = static_cast<int>(share * 30);
      std::fprintf(stderr, "\r[%-30s] %3.0f%%  %zu rows, %zu imported, %zu rejected",
                   std::string(static_cast<std::size_t>(filled), '#').c_str(), share * 100,
                   p.rows_read, p.imported, p.rejected);
    };
  }
  static const core::SystemClock clock;
  auto report = core::import_subscriptions(**store, *known, csv, *key, crypto::system_rng(), clock,
                                           options, &rejects);
  if (bar) std::fputs("\n", stderr);
  if (!report) return report_failure("inventory import", report.error());
  const double seconds = std::chrono::duration<double>(report->elapsed).count();
  std::cout << "imported " << report->imported << " of " << report->rows << " rows into "
            << o.profile_type << " in " << std::fixed << std::setprecision(1) << seconds << " s ("
            << static_cast<long long>(seconds > 0 ? static_cast<double>(report->imported) / seconds
                                                  : 0)
            << " rows/s); " << report->rejected << " rejected";
  if (report->rejected > 0) std::cout << ", listed in " << rejects_path;
  std::cout << "\n";
  if (report->rejected == 0) std::remove(rejects_path.c_str());
  return report->rejected == 0 ? 0 : 1;
}

int show(const DataOptions& d) {
  auto store = open_store(d);
  if (!store) return report_failure("inventory show", store.error());
  auto counts = (*store)->inventory_counts();
  if (!counts) return report_failure("inventory show", counts.error());
  std::map<std::string, std::map<std::string, std::int64_t>> table;
  for (const auto& c : *counts)
    table[c.profile_type.empty() ? "(registered)" : c.profile_type]
         [std::string(core::to_string(c.state))] = c.count;
  for (const auto& [type, states] : table) {
    std::cout << type << ":";
    for (const auto& [state, count] : states) std::cout << "  " << state << "=" << count;
    std::cout << "\n";
  }
  return 0;
}

int events(const DataOptions& d) {
  auto store = open_store(d);
  if (!store) return report_failure("inventory events", store.error());
  auto list = (*store)->list_events(0, 1000);
  if (!list) return report_failure("inventory events", list.error());
  for (const auto& e : *list) {
    const std::time_t t = std::chrono::system_clock::to_time_t(e.created_at);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    std::cout << e.id << "  " << std::put_time(&tm, "%FT%TZ") << "  " << e.type << "  "
              << e.profile_type << "  " << e.detail << "\n";
  }
  return 0;
}

int precompute(const DataOptions& d, const InventoryOptions& o) {
  auto key = data_key(d);
  if (!key) return report_failure("inventory precompute", key.error());
  auto store = open_store(d);
  if (!store) return report_failure("inventory precompute", store.error());
  auto types = (*store)->list_profile_types();
  if (!types) return report_failure("inventory precompute", types.error());
  core::ProfileSource source(store->get(), std::move(*key));
  static const core::SystemClock clock;
  for (const auto& type : *types) {
    if (!o.profile_type.empty() && type.name != o.profile_type) continue;
    auto n = core::precompute_protected_packages(**store, **store, source, type,
                                                 crypto::system_rng(), clock);
    if (!n) return report_failure("inventory precompute", n.error());
    std::cout << type.name << ": " << *n << " protected package(s) computed (keeps "
              << type.precompute << " ready)\n";
  }
  return 0;
}

int export_package(const DataOptions& d, const InventoryOptions& o) {
  auto key = data_key(d);
  if (!key) return report_failure("inventory export", key.error());
  auto store = open_store(d);
  if (!store) return report_failure("inventory export", store.error());
  auto profile = (*store)->get_profile(o.iccid);
  if (!profile) return report_failure("inventory export", profile.error());
  const std::optional<core::ProfileRecord>& found = *profile;
  if (!found) return report_failure("inventory export", "unknown ICCID " + o.iccid);
  core::ProfileSource source(store->get(), std::move(*key));
  auto package = source.package(*found);
  if (!package) return report_failure("inventory export", package.error());
  // The personalised package holds the subscription's keys: owner-only file.
  if (!write_private_file(o.out, *package))
    return report_failure("inventory export", "cannot write " + o.out);
  std::cout << "wrote " << o.out << " (" << package->size()
            << " bytes; it contains the subscription's secrets)\n";
  return 0;
}

}  // namespace

int inventory_main(int argc, char** argv) {
  CLI::App app("Subscription stock per profile type.", "smdpp inventory");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  InventoryOptions o;
  CLI::App* import_cmd = app.add_subcommand("import", "import subscriptions from CSV");
  import_cmd->add_option("--type", o.profile_type, "profile type")->required();
  import_cmd->add_option("--csv", o.csv, "CSV file; header row names the type's variables")
      ->required();
  import_cmd->add_option("--rejects", o.rejects, "rejected rows (default <csv>.rejected.csv)");
  import_cmd->add_option("--batch", o.batch, "rows per transaction")->capture_default_str();
  import_cmd->add_flag("!--no-progress", o.progress, "no progress bar");
  CLI::App* show_cmd = app.add_subcommand("show", "profiles per type and state");
  CLI::App* events_cmd = app.add_subcommand("events", "inventory events (low stock)");
  CLI::App* precompute_cmd =
      app.add_subcommand("precompute", "top up pre-computed protected packages now");
  precompute_cmd->add_option("--type", o.profile_type, "only this profile type");
  CLI::App* export_cmd =
      app.add_subcommand("export", "write one profile's personalised package (has secrets)");
  export_cmd->add_option("--iccid", o.iccid, "the profile")->required();
  export_cmd->add_option("--out", o.out, "output file (mode 0600)")->required();
  for (CLI::App* c : {import_cmd, show_cmd, events_cmd, precompute_cmd, export_cmd})
    c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (import_cmd->parsed()) return import(d, o);
    if (events_cmd->parsed()) return events(d);
    if (precompute_cmd->parsed()) return precompute(d, o);
    if (export_cmd->parsed()) return export_package(d, o);
    return show(d);
  });
}

int keys_main(int argc, char** argv) {
  CLI::App app("Data keys (subscription secrets are sealed with them).", "smdpp keys");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  CLI::App* init_cmd =
      app.add_subcommand("init", "create the subscriptions key in <data-dir>/keys if absent");
  init_cmd->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    // The key provider makes only <data-dir>/keys (0700); a first `keys init` on a fresh
    // machine also creates the data directory, as every command that opens the store does.
    std::error_code ec;
    std::filesystem::create_directories(d.data_dir, ec);
    if (ec) return report_failure("keys init", "cannot create " + d.data_dir + ": " + ec.message());
    core::FileKeyProvider keys(keys_dir(d));
    if (keys.key(core::kSubscriptionsKey)) {
      std::cout << "data key present in " << keys_dir(d) << "\n";
      return 0;
    }
    auto created = keys.create(core::kSubscriptionsKey, crypto::system_rng());
    if (!created) return report_failure("keys init", created.error());
    std::cout << "created the data key in " << keys_dir(d)
              << " (back it up: without it the stored subscriptions cannot be opened)\n";
    return 0;
  });
}

}  // namespace smdpp
