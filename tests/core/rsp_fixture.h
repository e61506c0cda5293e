// SPDX-License-Identifier: Apache-2.0
// The ES9+ procedures of core::RspServer (SGP.22 §5.6.1-§5.6.5) in process: a test PKI
// on both curves (pki::create_test_pki, as `smdpp pki init` makes it) plus the SGP.26 one
// (testdata/certs), a real SQLite store in a temporary directory behind a FaultyStore, a
// ManualClock, the system RNG, a ProfileSource as the service builds it (the store as
// inventory, no data key) and optional Callbacks. Software eUICCs (euicc::Card) answer
// the ES10b calls an LPA would make (§5.7), and each helper builds the core request from
// the card's output exactly as the JSON binding decodes it (asn1::decode_field), so a
// test can change a request between the card and the server.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "asn1/der_field.h"
#include "core/callbacks.h"
#include "core/clock.h"
#include "core/profile_registration.h"
#include "core/profile_source.h"
#include "core/rsp_server.h"
#include "crypto/ec.h"
#include "euicc/card.h"
#include "faulty_store.h"
#include "pki/certificate_set.h"
#include "pki/test_pki.h"
#include "store/sql_store.h"

namespace smdp::core::testing {

inline constexpr std::string_view kAddress = "testsmdpplus1.example.com";
// Under the EUM prefix 89049032 of both the test PKI and SGP.26 (kEidA is SGP.26's EID).
inline constexpr std::string_view kEidA = "89049032123451234512345678901235";
inline constexpr std::string_view kEidB = "89049032000000000000000000000019";
// Inside the validity of every SGP.26 certificate (DPauth/DPpb: 2020-04-01..2030-03-30).
inline const TimePoint kStart{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
// What a step returns when the card itself could not process its input.
inline constexpr StatusCode kCardFailed{"card", "failed"};

enum class Curve { nist, brp };
inline const char* curve_name(Curve c) { return c == Curve::nist ? "nist" : "brp"; }
inline constexpr Curve kCurves[] = {Curve::nist, Curve::brp};

// The test PKI of `curve` (CI, EUM, eUICCs kEidA and kEidB, DPauth, DPpb, TLS), made once
// per test binary and valid from a day before kStart.
const pki::TestPki& test_pki(Curve curve);
pki::TestPkiParams test_pki_params();

// A software eUICC and what its download session has carried so far.
struct TestCard {
  TestCard(euicc::Card c, crypto::EcPrivateKey k) : card(std::move(c)), key(std::move(k)) {}
  euicc::Card card;
  crypto::EcPrivateKey key;  // SK.EUICC.ECDSA, to re-sign data a test changed
  Bytes transaction_id;
  std::optional<InitiateAuthenticationResult> initiated;
  std::optional<AuthenticateClientResult> authenticated;
  std::optional<GetBoundProfilePackageResult> bound;
  bool loaded = false;  // the BPP went to LoadBoundProfilePackage
};

template <class R>
using Tamper = std::function<void(R&)>;

// A registration with `set` applied to the defaults.
inline ProfileRegistration registration(const std::function<void(ProfileRegistration&)>& set) {
  ProfileRegistration reg;
  set(reg);
  return reg;
}

// "8.2.6/3.8"; "" for a success.
std::string code(const Refusal& refusal);
template <class T>
std::string code(const Outcome<T>& outcome) {
  return outcome ? std::string() : code(outcome.error());
}

// Decodes `der` as a V the way the JSON binding does (throws if it does not decode).
template <class V>
asn1::DerField<V> field(Bytes der) {
  auto decoded = asn1::decode_field<V>(std::move(der));
  if (!decoded) throw std::runtime_error("decode: " + decoded.error().message());
  return std::move(*decoded);
}
// Changes the DER of `f` and decodes it again.
template <class V>
void rewrite(asn1::DerField<V>& f, const std::function<void(Bytes&)>& change) {
  Bytes der = *f.der;
  change(der);
  f = field<V>(std::move(der));
}

// Flips one bit inside the first 5F37 (64-byte) signature value of `der`.
void flip_first_signature(Bytes& der);
// Offset in `whole` of `part`, a view into it.
std::size_t offset_in(const Bytes& whole, ByteView part);
// Replaces `signature` (64 bytes, a view into `whole`) by `key`'s signature over
// `signed_part` (a view into `whole`) || `suffix`.
void resign(Bytes& whole, ByteView signed_part, ByteView signature, const crypto::EcPrivateKey& key,
            ByteView suffix = {});
// Flips a bit of the first byte of `part` in the DER of `f`, then re-signs: `signature`
// becomes `key`'s over `signed_part` || `suffix` (part, signed_part and signature are
// views into f's DER, taken from its decoded view), as an eUICC would have signed it.
template <class V>
void change_and_resign(asn1::DerField<V>& f, ByteView part, ByteView signed_part,
                       ByteView signature, const crypto::EcPrivateKey& key, ByteView suffix = {}) {
  const Bytes& der = *f.der;
  const std::size_t at = offset_in(der, part);
  const std::size_t signed_at = offset_in(der, signed_part);
  const std::size_t signature_at = offset_in(der, signature);
  const std::size_t signed_size = signed_part.size();
  const Bytes tail(suffix.begin(), suffix.end());
  rewrite(f, [&](Bytes& copy) {
    copy[at] ^= 0x01;
    resign(copy, ByteView(copy).subspan(signed_at, signed_size),
           ByteView(copy).subspan(signature_at, signature.size()), key, tail);
  });
}

class RspTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Moves to a new, empty database file `name` (a new server over it).
  void use_fresh_database(const std::string& name);
  // Rebuilds the server: `tweak` changes the default configuration; with callbacks,
  // progress reports go to the outbox.
  void make_server(const std::function<void(RspServerConfig&)>& tweak = {},
                   bool with_callbacks = false);

  // Registers reg.profile_package, or else test package `package`, as Released.
  ProfileRecord register_profile(ProfileRegistration reg = {}, int package = 0);
  // Three SAIP 2.3 packages with distinct ICCIDs: TS.48 v7, pySim TS.48 v5 and v4.
  static Bytes test_package(int i);
  ProfileRecord profile(const std::string& iccid);  // as stored
  std::optional<RspSession> session(ByteView tid);  // as stored
  bool held(const std::string& iccid) { return profile(iccid).session_transaction_id.has_value(); }

  // An eUICC of the test PKI (kEidA or kEidB); `tweak` changes its configuration.
  TestCard card(Curve curve = Curve::nist, std::string_view eid = kEidA,
                const std::function<void(euicc::CardConfig&)>& tweak = {});
  // The SGP.26 eUICC ("NIST" or "BRP"), optionally with another certificate
  // (testdata/certs/...).
  TestCard sgp26_card(const std::string& euicc_cert = "", const std::string& eum_cert = "",
                      const std::string& curve = "NIST");

  // One step each: the card's ES10b output as the core request, `tamper` applied, the
  // server called; a success is remembered in the card for the next step.
  InitiateAuthenticationRequest initiate_request(TestCard& c);
  Outcome<InitiateAuthenticationResult> initiate(
      TestCard& c, const Tamper<InitiateAuthenticationRequest>& tamper = {});
  // nullopt: no matchingId (default SM-DP+, the order is found by EID).
  Outcome<AuthenticateClientResult> authenticate(
      TestCard& c, const std::optional<std::string>& matching_id,
      const Tamper<AuthenticateClientRequest>& tamper = {});
  Outcome<GetBoundProfilePackageResult> get_bpp(
      TestCard& c, const std::optional<std::string>& confirmation_code = {},
      const Tamper<GetBoundProfilePackageRequest>& tamper = {});
  // ES10b.LoadBoundProfilePackage of the BPP received (`change` applied first): the PIR.
  Bytes load(TestCard& c, const std::function<void(Bytes&)>& change = {});
  // Sends the card's newest pending notification (loading the BPP first if it was not).
  NotificationOutcome notify(TestCard& c, const std::function<void(Bytes&)>& change = {});
  Outcome<void> cancel(TestCard& c, std::uint64_t reason,
                       const Tamper<CancelSessionRequest>& tamper = {});
  // Every step: "" when the profile was installed, else the first refusal's code.
  std::string download(TestCard& c, const std::optional<std::string>& matching_id,
                       const std::optional<std::string>& confirmation_code = {});

  std::filesystem::path dir_;
  ManualClock clock_{kStart};
  std::unique_ptr<store::SqlStore> sqlite_;
  std::unique_ptr<FaultyStore> store_;  // what the server uses: forwards to sqlite_
  std::unique_ptr<pki::CertificateSet> certificates_;
  std::unique_ptr<ProfileSource> profiles_;
  std::unique_ptr<Callbacks> callbacks_;
  std::unique_ptr<RspServer> server_;
};

}  // namespace smdp::core::testing
