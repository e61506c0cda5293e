// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the ES9+ request decoders (SGP.22 §6.5.2.6-§6.5.2.10), JSON + base64 +
// DER, and below them the DER decoders of the five request payloads and base64.
//
// The first input byte selects (modulo 11) what the rest is:
//   0 initiateAuthentication body      5 EUICCInfo1 DER (BF20)
//   1 authenticateClient body          6 AuthenticateServerResponse DER (BF38)
//   2 getBoundProfilePackage body      7 PrepareDownloadResponse DER (BF21)
//   3 handleNotification body          8 PendingNotification DER (BF37 | 30)
//   4 cancelSession body               9 CancelSessionResponse DER (BF41)
//                                     10 base64 text
// Invariants:
// - a parser returns a request or an error (std::expected: never both, never neither);
//   an error maps to 1.6/2.1 or 1.6/2.2 and renders as a Failed body;
// - a parsed request's DER fields own their bytes, their view covers them exactly, and
//   re-encoding the view gives those bytes back (DER round trip); so does decoding the
//   re-encoding again;
// - transactionId is 1..16 octets, euiccChallenge 16;
// - base64: what decodes re-encodes to the same text, and encoding then decoding any
//   bytes gives them back.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "asn1/authenticate_server.h"
#include "asn1/cancel_session.h"
#include "asn1/euicc_info.h"
#include "asn1/notification.h"
#include "asn1/prepare_download.h"
#include "es9/authenticate_client.h"
#include "es9/cancel_session.h"
#include "es9/get_bound_profile_package.h"
#include "es9/handle_notification.h"
#include "es9/initiate_authentication.h"
#include "fuzz_check.h"
#include "json/base64.h"
#include "json/fields.h"
#include "json/status.h"

namespace {

using smdp::Bytes;
using smdp::ByteView;
using smdp::Result;
using smdp::fuzz::same;
namespace asn1 = smdp::asn1;
namespace es9 = smdp::es9;
namespace core = smdp::core;
namespace json = smdp::json;

// A view decoded from `der`: covers it and re-encodes to it; the re-encoding decodes to
// a view that re-encodes identically.
template <class V>
void check_view(const V& view, ByteView der) {
  FUZZ_CHECK(same(view.raw, der));
  const Bytes encoded = view.encode();
  FUZZ_CHECK(same(encoded, der));
  auto again = V::decode(encoded);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(same(again->encode(), encoded));
}

template <class V>
void check_field(const smdp::asn1::DerField<V>& field) {
  FUZZ_CHECK(field.der != nullptr);
  check_view(field.view, *field.der);
}

template <class V>
void decode_der(ByteView der) {
  auto view = V::decode(der);
  if (view) check_view(*view, der);
}

void check_transaction_id(const Bytes& id) { FUZZ_CHECK(!id.empty() && id.size() <= 16); }

void check_error(const smdp::Error& error) {
  const core::StatusCode code = json::status_code(error);
  FUZZ_CHECK(code == core::kInvalidParameter || code == core::kMandatoryElementMissing);
  const auto body = nlohmann::json::parse(json::render_failure(error), nullptr, false);
  FUZZ_CHECK(!body.is_discarded());
  const auto& status = body["header"]["functionExecutionStatus"]["status"];
  FUZZ_CHECK(status.is_string() && status.get<std::string>() == "Failed");
}

template <class R, class Check>
void parse(const Result<R>& parsed, Check check) {
  if (parsed)
    check(*parsed);
  else
    check_error(parsed.error());
}

void base64(ByteView input) {
  const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
  if (auto decoded = json::base64_decode(text)) FUZZ_CHECK(json::base64_encode(*decoded) == text);
  auto back = json::base64_decode(json::base64_encode(input));
  FUZZ_CHECK(back && same(*back, input));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView rest = smdp::fuzz::input(data + 1, size - 1);
  const std::string_view body(reinterpret_cast<const char*>(rest.data()), rest.size());
  switch (data[0] % 11) {
    case 0:
      parse(es9::parse_initiate_authentication_request(body), [](const auto& r) {
        FUZZ_CHECK(r.euicc_challenge.size() == 16);
        check_field(r.euicc_info1);
      });
      break;
    case 1:
      parse(es9::parse_authenticate_client_request(body), [](const auto& r) {
        check_transaction_id(r.transaction_id);
        check_field(r.authenticate_server_response);
      });
      break;
    case 2:
      parse(es9::parse_get_bound_profile_package_request(body), [](const auto& r) {
        check_transaction_id(r.transaction_id);
        check_field(r.prepare_download_response);
      });
      break;
    case 3:
      parse(es9::parse_handle_notification_request(body),
            [](const auto& r) { check_field(r.pending_notification); });
      break;
    case 4:
      parse(es9::parse_cancel_session_request(body), [](const auto& r) {
        check_transaction_id(r.transaction_id);
        check_field(r.cancel_session_response);
      });
      break;
    case 5:
      decode_der<asn1::EUICCInfo1View>(rest);
      break;
    case 6:
      decode_der<asn1::AuthenticateServerResponseView>(rest);
      break;
    case 7:
      decode_der<asn1::PrepareDownloadResponseView>(rest);
      break;
    case 8:
      decode_der<asn1::PendingNotificationView>(rest);
      break;
    case 9:
      decode_der<asn1::CancelSessionResponseView>(rest);
      break;
    default:
      base64(rest);
      break;
  }
  return 0;
}
