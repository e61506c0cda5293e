// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the ES2+ functions' JSON decoding (es2/functions.h, SGP.22 §5.3.1-§5.3.4,
// binding §6.5.2.1-§6.5.2.4), on a real SQLite store.
//
// Input: up to four calls separated by '\n'; each is one selector byte (modulo 5:
// downloadOrder, confirmOrder, cancelOrder, releaseProfile, an unknown function name)
// and the JSON body. So one input can order, confirm and release a profile. Each input
// starts from the same store (a copy of a database made once: operator "mno", the TS.48
// v7 template, type "gtp" with four Available profiles 89499900000000000{10..13}0), a
// fixed clock and a fixed RNG, so every run of an input is reproducible.
// Invariants, for each call whose body is a JSON object:
// - an unknown function gives nullopt, a known one an Answer;
// - the Answer's body is a JSON object whose functionExecutionStatus.status is
//   "Failed" iff Answer::code is set ("error iff rejected"), and then statusCodeData
//   carries exactly that code; a success has no statusCodeData;
// - a successful downloadOrder answers a 20-character (F-padded) iccid; a successful
//   confirmOrder answers the smdpAddress we are configured with;
// - a confirmationCode is never echoed in the answer.
#include <stdlib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/file.h"
#include "core/clock.h"
#include "core/profile_types.h"
#include "es2/functions.h"
#include "fuzz_check.h"
#include "store/sql_store.h"

namespace {

namespace fs = std::filesystem;
namespace core = smdp::core;
namespace es2 = smdp::es2;
using nlohmann::json;

constexpr std::string_view kFunctions[] = {"downloadOrder", "confirmOrder", "cancelOrder",
                                           "releaseProfile", "getProfileStatus"};
constexpr std::string_view kSmdpAddress = "testsmdpplus1.example.com";
const core::TimePoint kNow{std::chrono::seconds{1'800'000'000}};

// A counter as the RNG: deterministic, so matching IDs repeat from run to run.
class CountingRng final : public smdp::crypto::Rng {
 public:
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = next_++;
  }

 private:
  std::uint8_t next_ = 1;
};

std::string iccid(int i) { return "89499900000000000" + std::to_string(10 + i) + "0"; }

// The directory of the store copies, removed at exit.
fs::path g_dir;
void remove_dir() { std::filesystem::remove_all(g_dir); }

// Makes <dir>/template.db once: the store every input starts from.
const fs::path& template_db() {
  static const fs::path db = [] {
    std::string tmpl = (fs::temp_directory_path() / "smdp-es2-fuzz-XXXXXX").string();
    FUZZ_CHECK(mkdtemp(tmpl.data()) != nullptr);
    g_dir = tmpl;
    std::atexit(remove_dir);
    const fs::path path = g_dir / "template.db";
    auto opened = smdp::store::SqlStore::open(path.string());
    FUZZ_CHECK(opened.has_value());
    smdp::store::SqlStore& store = **opened;
    const core::ManualClock clock(kNow);

    core::OperatorRecord op;
    op.name = "mno";
    op.client_cn = "mno";
    FUZZ_CHECK(store.add_operator(op).has_value());
    const auto package =
        smdp::read_file(std::string(SMDPP_TESTDATA_DIR) +
                        "/profiles/gsma-ts48-v7/TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der");
    FUZZ_CHECK(package.has_value());
    FUZZ_CHECK(core::import_template(store, "ts48v7", *package, clock).has_value());
    core::ProfileTypeDefinition d;
    d.name = "gtp";
    d.template_name = "ts48v7";
    d.variables = "iccid,imsi,ki,opc";
    d.service_provider_name = "Test MNO";
    d.profile_name = "GTP";
    d.operator_name = "mno";
    FUZZ_CHECK(core::define_profile_type(store, d, clock).has_value());
    std::vector<core::ProfileRecord> batch;
    for (int i = 0; i < 4; ++i) {
      core::ProfileRecord p;
      p.iccid = iccid(i);
      p.profile_type = "gtp";
      p.updated_at = clock.now();
      batch.push_back(std::move(p));
    }
    auto added = store.add_profiles(batch);
    FUZZ_CHECK(added.has_value() && added->empty());
    return path;
  }();
  return db;
}

// One call: checks the Answer against the invariants above.
void call(es2::Es2Functions& functions, const core::OperatorRecord& op, std::string_view line) {
  if (line.empty()) return;
  const std::string_view function = kFunctions[static_cast<unsigned char>(line[0]) % 5];
  const json body = json::parse(line.substr(1), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return;  // es2_endpoint refuses these first

  const auto answer = functions.call(op, function, body);
  FUZZ_CHECK(answer.has_value() == (function != kFunctions[4]));
  if (!answer) return;
  const json out = json::parse(answer->body, nullptr, false);
  FUZZ_CHECK(out.is_object());
  const json& status = out["header"]["functionExecutionStatus"];
  FUZZ_CHECK(status.is_object() && status["status"].is_string());
  const bool failed = status["status"].get<std::string>() == "Failed";
  FUZZ_CHECK(failed == answer->code.has_value());
  if (failed) {
    const smdp::core::StatusCode& code = *answer->code;
    const json& data = status["statusCodeData"];
    FUZZ_CHECK(data.is_object());
    FUZZ_CHECK(data["subjectCode"] == std::string(code.subject));
    FUZZ_CHECK(data["reasonCode"] == std::string(code.reason));
  } else {
    FUZZ_CHECK(!status.contains("statusCodeData"));
    if (function == kFunctions[0]) {
      FUZZ_CHECK(out["iccid"].is_string() && out["iccid"].get<std::string>().size() == 20);
    }
    if (function == kFunctions[1]) FUZZ_CHECK(out["smdpAddress"] == std::string(kSmdpAddress));
  }
  // Never echoed: checked for codes of 8+ characters that the answer could not hold for
  // another reason (the code is not part of another field or of our address).
  const auto code = body.find("confirmationCode");
  if (code != body.end() && code->is_string() && code->get<std::string>().size() >= 8) {
    const std::string& secret = code->get_ref<const std::string&>();
    json others = body;
    others.erase("confirmationCode");
    const bool elsewhere = others.dump().find(secret) != std::string::npos ||
                           std::string(kSmdpAddress).find(secret) != std::string::npos;
    if (!elsewhere && answer->body.find(secret) != std::string::npos) {
      std::fprintf(stderr, "confirmationCode echoed: %s\n", answer->body.c_str());
      FUZZ_CHECK(false);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& tmpl = template_db();
  const fs::path run = g_dir / "run.db";
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(run.string() + suffix);
  fs::copy_file(tmpl, run, fs::copy_options::overwrite_existing);
  auto opened = smdp::store::SqlStore::open(run.string());
  FUZZ_CHECK(opened.has_value());
  smdp::store::SqlStore& store = **opened;
  CountingRng rng;
  const core::ManualClock clock(kNow);
  es2::Es2Functions functions({std::string(kSmdpAddress), {"smds.example.com"}}, store, store, rng,
                              clock);
  core::OperatorRecord op;
  op.name = "mno";

  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < 4 && !rest.empty(); ++i) {
    const std::size_t end = rest.find('\n');
    call(functions, op, rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  return 0;
}
