// SPDX-License-Identifier: Apache-2.0
#include "fleet.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "base/file.h"
#include "pki/eid.h"
#include "pki/test_pki.h"

namespace bench {
namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "load_bench: %s\n", what.c_str());
  std::exit(1);
}

smdp::pki::Credential load_eum(const std::string& dir) {
  auto eum = smdp::pki::Credential::load(dir + "eum.der", dir + "eum.key.pem");
  if (!eum) fail("EUM credential: " + eum.error().message());
  return std::move(*eum);
}

smdp::Bytes read_or_fail(const std::string& path) {
  auto bytes = smdp::read_file(path);
  if (!bytes) fail("cannot read " + path);
  return std::move(*bytes);
}

}  // namespace

Fleet::Fleet(const std::string& pki_dir, const std::string& curve, std::uint64_t first_eid)
    : eum_(load_eum(pki_dir + "/" + curve + "/")),
      ci_(read_or_fail(pki_dir + "/" + curve + "/ci.der")),
      first_eid_(first_eid) {}

smdp::euicc::CardConfig Fleet::identity(std::size_t index) const {
  smdp::pki::TestPkiParams params;
  params.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  char body[32];
  std::snprintf(body, sizeof body, "%022llu", static_cast<unsigned long long>(first_eid_ + index));
  const auto eid = smdp::pki::make_eid(params.eid_prefix, body);
  if (!eid) fail("EID for download " + std::to_string(index));
  auto euicc = smdp::pki::issue_euicc(eum_, *eid, params, smdp::crypto::system_rng());
  if (!euicc) fail("eUICC certificate: " + euicc.error().message());
  return smdp::euicc::CardConfig{*eid, euicc->cert.der(), eum_.cert.der(), {ci_}, euicc->key};
}

std::vector<smdp::Bytes> trusted_cis(const std::string& pki_dir) {
  return {read_or_fail(pki_dir + "/nist/ci.der"), read_or_fail(pki_dir + "/brp/ci.der")};
}

}  // namespace bench
