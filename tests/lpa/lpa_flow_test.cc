// SPDX-License-Identifier: Apache-2.0
// The LPA download flow (SGP.22 §3.1.3) against a scripted SM-DP+ (a fake transport
// that signs with a generated test PKI) and the real software eUICC: error paths,
// transactionId continuity, consent rejection with CancelSession, fault injection.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>

#include "asn1/authenticate_server.h"
#include "asn1/cancel_session.h"
#include "asn1/euicc_info.h"
#include "asn1/initiate_authentication.h"
#include "asn1/prepare_download.h"
#include "asn1/store_metadata.h"
#include "crypto/rng.h"
#include "der/writer.h"
#include "json/base64.h"
#include "lpa.h"
#include "pki/test_pki.h"

namespace smdp::lpa {
namespace {

using nlohmann::json;
constexpr const char* kAddress = "testsmdpplus1.example.com";
const std::string kAc = std::string("1$") + kAddress + "$MATCHING-ID-1";
const Bytes kTid{0xA1, 0xB2, 0xC3, 0xD4, 0x01, 0x02, 0x03, 0x04};

std::chrono::sys_seconds now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

const pki::TestPki& test_pki() {
  static const pki::TestPki p = [] {
    pki::TestPkiParams params;
    params.now = now();
    const std::vector<std::string> eids{std::string(pki::kSgp26Eid)};
    auto t = pki::create_test_pki(crypto::Curve::nist_p256, eids, params, crypto::system_rng());
    if (!t) throw std::runtime_error(t.error().message());
    return std::move(*t);
  }();
  return p;
}

euicc::Card make_card() {
  const auto& p = test_pki();
  return euicc::Card(euicc::CardConfig{.eid = std::string(pki::kSgp26Eid),
                                       .euicc_certificate = p.euiccs[0].cert.der(),
                                       .eum_certificate = p.eum.cert.der(),
                                       .ci_certificates = {p.ci.cert.der()},
                                       .euicc_private_key = p.euiccs[0].key},
                     crypto::system_rng());
}

std::string b64(ByteView v) { return smdp::json::base64_encode(v); }
Bytes unb64(const json& v) { return smdp::json::base64_decode(v.get<std::string>()).value(); }

json success() { return {{"functionExecutionStatus", {{"status", "Executed-Success"}}}}; }
json failed(const char* subject, const char* reason) {
  return {{"functionExecutionStatus",
           {{"status", "Failed"},
            {"statusCodeData", {{"subjectCode", subject}, {"reasonCode", reason}}}}}};
}

Bytes signature_tlv(const crypto::EcPrivateKey& key, ByteView data) {
  auto sig = key.sign(data);
  if (!sig) throw std::runtime_error("sign");
  return der::tlv(0x5F37, *sig);
}

// A scripted SM-DP+: one handler per ES9+ function; records every request.
class FakeSmdp final : public Es9Transport {
 public:
  using Handler = std::function<Result<HttpResponse>(const json& request)>;
  std::map<std::string, Handler> handlers;
  std::vector<std::pair<std::string, json>> seen;

  Result<HttpResponse> post(std::string_view address, std::string_view function,
                            std::string_view body) override {
    EXPECT_EQ(address, kAddress);
    json request = json::parse(body);
    seen.emplace_back(std::string(function), request);
    const auto it = handlers.find(std::string(function));
    if (it == handlers.end()) return HttpResponse{404, {}, ""};
    return it->second(request);
  }
};

HttpResponse ok(const json& j) { return HttpResponse{200, {}, j.dump()}; }

// initiateAuthentication answered as an SM-DP+ would, signed with DPauth.
FakeSmdp::Handler signed_initiate_authentication(Bytes tid = kTid) {
  return [tid](const json& req) -> Result<HttpResponse> {
    const auto& p = test_pki();
    asn1::ServerSigned1 s1;
    s1.transaction_id = tid;
    s1.euicc_challenge = unb64(req.at("euiccChallenge"));
    s1.server_address = req.at("smdpAddress").get<std::string>();
    s1.server_challenge = Bytes(16, 0x5C);
    const Bytes signed1 = s1.encode();
    return ok({{"header", success()},
               {"transactionId", to_hex(tid)},
               {"serverSigned1", b64(signed1)},
               {"serverSignature1", b64(signature_tlv(p.dpauth.key, signed1))},
               {"euiccCiPKIdToBeUsed", b64(der::tlv(0x04, *p.ci.cert.subject_key_identifier()))},
               {"serverCertificate", b64(p.dpauth.cert.der())}});
  };
}

FakeSmdp::Handler authenticate_client_ok(Bytes tid = kTid, bool cc_required = false) {
  return [tid, cc_required](const json& req) -> Result<HttpResponse> {
    const auto& p = test_pki();
    // smdpSignature2 covers smdpSigned2 || the eUICC's euiccSignature1 TLV.
    const Bytes asr = unb64(req.at("authenticateServerResponse"));
    auto decoded = asn1::AuthenticateServerResponseView::decode(asr);
    if (!decoded) throw std::runtime_error("authenticateServerResponse");
    const auto* auth_ok = std::get_if<asn1::AuthenticateResponseOkView>(&decoded->result);
    if (auth_ok == nullptr) throw std::runtime_error("card error");
    asn1::StoreMetadataRequest md;
    md.iccid = Bytes{0x98, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x54, 0xF6};
    md.service_provider_name = "Test Operator";
    md.profile_name = "Test Profile";
    asn1::SmdpSigned2 s2;
    s2.transaction_id = tid;
    s2.cc_required_flag = cc_required;
    const Bytes signed2 = s2.encode();
    return ok({{"header", success()},
               {"transactionId", to_hex(tid)},
               {"profileMetadata", b64(md.encode())},
               {"smdpSigned2", b64(signed2)},
               {"smdpSignature2",
                b64(signature_tlv(p.dppb.key, concat(signed2, auth_ok->euicc_signature1_tlv)))},
               {"smdpCertificate", b64(p.dppb.cert.der())}});
  };
}

DownloadOptions options() {
  DownloadOptions o;
  o.now = now();
  return o;
}

TEST(LpaFlow, when_activation_code_is_invalid_then_nothing_is_sent) {
  auto card = make_card();
  FakeSmdp smdp;
  const auto r = download(card, smdp, "2$smdp.example.com$X", options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::activation_code);
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::invalid_activation_code));
  EXPECT_TRUE(smdp.seen.empty());
}

TEST(LpaFlow, when_initiate_authentication_fails_then_codes_are_reported) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = [](const json&) -> Result<HttpResponse> {
    return ok({{"header", failed("8.8.1", "3.8")}});
  };
  const auto r = download(card, smdp, kAc, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::initiate_authentication);
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::function_failed));
  EXPECT_EQ(r.failure->codes(), "8.8.1/3.8");
  ASSERT_EQ(smdp.seen.size(), 1u);  // no cancelSession: no session exists
  const json& req = smdp.seen[0].second;
  EXPECT_EQ(req.at("smdpAddress"), kAddress);
  EXPECT_EQ(unb64(req.at("euiccChallenge")).size(), 16u);
  const Bytes info1 = unb64(req.at("euiccInfo1"));
  EXPECT_TRUE(asn1::EUICCInfo1View::decode(info1)) << "euiccInfo1 is a BF20";
}

TEST(LpaFlow, when_the_server_cannot_be_reached_then_transport_error) {
  auto card = make_card();
  struct Down final : Es9Transport {
    Result<HttpResponse> post(std::string_view, std::string_view, std::string_view) override {
      return fail(HttpErrc::connect_failed, "test");
    }
  } down;
  const auto r = download(card, down, kAc, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::initiate_authentication);
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::transport));
}

TEST(LpaFlow, when_response_is_malformed_then_malformed_response) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = [](const json&) -> Result<HttpResponse> {
    return HttpResponse{200, {}, "{not json"};
  };
  const auto r = download(card, smdp, kAc, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::malformed_response));
}

TEST(LpaFlow, when_stop_after_is_set_then_flow_stops_there) {
  auto card = make_card();
  FakeSmdp smdp;
  auto o = options();
  o.stop_after = Step::get_euicc_info;
  const auto r = download(card, smdp, kAc, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::stopped));
  EXPECT_TRUE(smdp.seen.empty());
}

TEST(LpaFlow, when_authentication_succeeds_on_the_card_then_authenticate_client_carries_it) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = signed_initiate_authentication();
  smdp.handlers["authenticateClient"] = [](const json&) -> Result<HttpResponse> {
    return ok({{"header", failed("8.2.6", "3.8")}});
  };
  const auto r = download(card, smdp, kAc, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::authenticate_client) << r.failure->error.message();
  EXPECT_EQ(r.failure->codes(), "8.2.6/3.8");
  ASSERT_EQ(smdp.seen.size(), 2u);
  const json& req = smdp.seen[1].second;
  EXPECT_EQ(from_hex(req.at("transactionId").get<std::string>()), kTid);
  const Bytes asr = unb64(req.at("authenticateServerResponse"));
  auto decoded = asn1::AuthenticateServerResponseView::decode(asr);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto* okr = std::get_if<asn1::AuthenticateResponseOkView>(&decoded->result);
  ASSERT_NE(okr, nullptr) << "the card refused the server";
  const auto& ctx = okr->euicc_signed1.ctx_params1.ctx_params_for_common_authentication;
  ASSERT_TRUE(ctx.matching_id);
  EXPECT_EQ(*ctx.matching_id, "MATCHING-ID-1");
  EXPECT_EQ(Bytes(ctx.device_info.tac.begin(), ctx.device_info.tac.end()), DeviceInfoOptions{}.tac);
  EXPECT_EQ(
      Bytes(okr->euicc_signed1.transaction_id.begin(), okr->euicc_signed1.transaction_id.end()),
      kTid);
}

TEST(LpaFlow, when_card_refuses_the_server_then_the_lpa_stops) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = signed_initiate_authentication();
  auto o = options();
  // Flip a byte of serverSigned1 inside the BF38: the signature no longer verifies.
  o.tamper_card_input = [](Step step, Bytes& input) {
    if (step == Step::authenticate_server) input[10] ^= 0x01;
  };
  const auto r = download(card, smdp, kAc, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::authenticate_server);
  EXPECT_TRUE(r.failure->error.code == make_error_code(LpaErrc::card_error) ||
              r.failure->error.code == make_error_code(LpaErrc::card_rejected))
      << r.failure->error.message();
  EXPECT_EQ(smdp.seen.size(), 1u);
}

TEST(LpaFlow, when_transaction_id_changes_then_transaction_id_mismatch) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = signed_initiate_authentication();
  smdp.handlers["authenticateClient"] = authenticate_client_ok(Bytes{0x01, 0x02});
  const auto r = download(card, smdp, kAc, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::authenticate_client);
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::transaction_id_mismatch));
  EXPECT_EQ(smdp.seen.size(), 2u);
}

TEST(LpaFlow, when_user_rejects_then_card_and_server_sessions_are_cancelled) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = signed_initiate_authentication();
  smdp.handlers["authenticateClient"] = authenticate_client_ok();
  smdp.handlers["cancelSession"] = [](const json&) -> Result<HttpResponse> {
    return ok({{"header", success()}});
  };
  auto o = options();
  o.reject_consent = true;
  std::vector<std::string> progress;
  o.progress = [&](std::string_view l) { progress.emplace_back(l); };
  const auto r = download(card, smdp, kAc, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->step, Step::user_consent);
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::user_rejected));
  EXPECT_EQ(r.iccid, "8901234567890123456");
  EXPECT_EQ(r.service_provider_name, "Test Operator");
  ASSERT_TRUE(r.cancel_session_status);
  EXPECT_TRUE(r.cancel_session_status->succeeded());
  ASSERT_EQ(smdp.seen.size(), 3u);
  EXPECT_EQ(smdp.seen[2].first, "cancelSession");
  const json& req = smdp.seen[2].second;
  EXPECT_EQ(from_hex(req.at("transactionId").get<std::string>()), kTid);
  const Bytes csr = unb64(req.at("cancelSessionResponse"));
  auto decoded = asn1::CancelSessionResponseView::decode(csr);
  ASSERT_TRUE(decoded) << decoded.error().message();
  const auto* okr = std::get_if<asn1::CancelSessionResponseOkView>(&decoded->result);
  ASSERT_NE(okr, nullptr);
  EXPECT_EQ(okr->euicc_cancel_session_signed.reason, asn1::kCancelEndUserRejection);
  EXPECT_EQ(Bytes(okr->euicc_cancel_session_signed.transaction_id.begin(),
                  okr->euicc_cancel_session_signed.transaction_id.end()),
            kTid);
  EXPECT_FALSE(progress.empty());
}

TEST(LpaFlow, when_confirmation_code_is_required_but_absent_then_session_is_cancelled) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = signed_initiate_authentication();
  smdp.handlers["authenticateClient"] = authenticate_client_ok(kTid, /*cc_required=*/true);
  smdp.handlers["cancelSession"] = [](const json&) -> Result<HttpResponse> {
    return ok({{"header", success()}});
  };
  const auto r = download(card, smdp, kAc, options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.failure->error.code, make_error_code(LpaErrc::confirmation_code_missing));
  ASSERT_EQ(smdp.seen.size(), 3u);
  EXPECT_EQ(smdp.seen[2].first, "cancelSession");
}

TEST(LpaFlow, when_confirmation_code_is_given_then_prepare_download_has_hash_cc) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = signed_initiate_authentication();
  smdp.handlers["authenticateClient"] = authenticate_client_ok(kTid, /*cc_required=*/true);
  smdp.handlers["getBoundProfilePackage"] = [](const json&) -> Result<HttpResponse> {
    return ok({{"header", failed("8.2.7", "3.8")}});
  };
  auto o = options();
  o.confirmation_code = "1234";
  Bytes seen_request;
  o.tamper_card_input = [&](Step step, Bytes& input) {
    if (step == Step::prepare_download) seen_request = input;
  };
  const auto r = download(card, smdp, kAc, o);
  ASSERT_FALSE(r.ok());
  auto pdr = asn1::PrepareDownloadRequestView::decode(seen_request);
  ASSERT_TRUE(pdr) << pdr.error().message();
  ASSERT_TRUE(pdr->hash_cc);
  EXPECT_EQ(Bytes(pdr->hash_cc->begin(), pdr->hash_cc->end()),
            confirmation_code_hash("1234", kTid));
  // The card accepted smdpSignature2 and answered; the server's refusal is reported.
  EXPECT_EQ(r.failure->step, Step::get_bound_profile_package) << r.failure->error.message();
  EXPECT_EQ(r.failure->codes(), "8.2.7/3.8");
  const json& gbpp = smdp.seen.back().second;
  EXPECT_EQ(smdp.seen.back().first, "getBoundProfilePackage");
  auto pd = asn1::PrepareDownloadResponseView::decode(unb64(gbpp.at("prepareDownloadResponse")));
  ASSERT_TRUE(pd);
  EXPECT_TRUE(std::holds_alternative<asn1::PrepareDownloadResponseOkView>(pd->result));
}

TEST(LpaFlow, when_tamper_hook_edits_a_request_then_the_server_sees_the_edit) {
  auto card = make_card();
  FakeSmdp smdp;
  smdp.handlers["initiateAuthentication"] = [](const json&) -> Result<HttpResponse> {
    return ok({{"header", failed("8.8.1", "3.8")}});
  };
  auto o = options();
  o.tamper_request = [](std::string_view function, std::string& body) {
    if (function == "initiateAuthentication") {
      json j = json::parse(body);
      j["smdpAddress"] = "evil.example.com";
      body = j.dump();
    }
  };
  (void)download(card, smdp, kAc, o);
  ASSERT_EQ(smdp.seen.size(), 1u);
  EXPECT_EQ(smdp.seen[0].second.at("smdpAddress"), "evil.example.com");
}

TEST(LpaHelpers, when_hashing_a_confirmation_code_then_sha256_of_sha256_and_tid) {
  // SHA-256("1234") = 03ac6742...; the outer hash covers it || transactionId.
  const Bytes h = confirmation_code_hash("1234", Bytes{0x01});
  EXPECT_EQ(h.size(), 32u);
  EXPECT_NE(h, confirmation_code_hash("1234", Bytes{0x02}));
  EXPECT_NE(h, confirmation_code_hash("1235", Bytes{0x01}));
}

TEST(LpaHelpers, when_decoding_iccid_then_nibbles_are_swapped_and_padding_dropped) {
  EXPECT_EQ(iccid_digits(Bytes{0x98, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x54, 0xF6}),
            "8901234567890123456");
  EXPECT_EQ(iccid_digits(Bytes{0x98, 0x10, 0x32, 0x54, 0x76, 0x98, 0x10, 0x32, 0x54, 0x76}),
            "89012345678901234567");
}

TEST(LpaHelpers, when_building_cancel_session_request_then_bf41_with_tid_and_reason) {
  EXPECT_EQ(to_hex(cancel_session_request(Bytes{0xAB, 0xCD}, 0)), "bf41078002abcd810100");
}

}  // namespace
}  // namespace smdp::lpa
