// SPDX-License-Identifier: Apache-2.0
// ES9+ ASN.1 messages, LPA side (SGP.22 §6.6). See es9_asn1_messages.h.
#include "es9_asn1_messages.h"

#include "asn1/remote_provisioning.h"
#include "der/writer.h"

namespace smdp::lpa::asn1_binding {
namespace {

template <class Fn>
std::string envelope(der::Tag tag, Fn&& fields) {
  der::Writer w;
  w.add_constructed(tag, [&](der::Writer& in) { fields(in); });
  const Bytes der = asn1::wrap_remote_provisioning(w.take());
  return std::string(der.begin(), der.end());
}

Bytes bytes_of(ByteView b) { return Bytes(b.begin(), b.end()); }

// The response of function alternative R in a 200 answer; its Ok alternative read by
// `ok` into `out`, its error INTEGER into a Failed header.
template <class Out, class R, class Fn>
Result<Out> parse_response(const HttpResponse& http, Fn&& ok) {
  if (http.status != 200)
    return fail(Es9Errc::unexpected_http_status, "HTTP " + std::to_string(http.status));
  const ByteView body = as_bytes(http.body);
  auto envelope = asn1::RemoteProfileProvisioningResponseView::decode(body);
  if (!envelope) return fail(Es9Errc::invalid_field, envelope.error().message());
  const R* response = std::get_if<R>(&envelope->response);
  if (response == nullptr)
    return fail(Es9Errc::invalid_field, "another function's response alternative");
  Out out;
  if (const auto* code = std::get_if<std::uint64_t>(&response->result)) {
    out.header.status = "Failed";
    out.header.asn1_error = *code;
    return out;
  }
  out.header.status = "Executed-Success";
  if constexpr (!std::is_same_v<Out, CancelSessionResponse>) ok(std::get<0>(response->result), out);
  return out;
}

}  // namespace

std::string render_initiate_authentication_request(ByteView euicc_challenge, ByteView euicc_info1,
                                                   std::string_view smdp_address) {
  return envelope(asn1::InitiateAuthenticationRequestView::kTag, [&](der::Writer& w) {
    w.add(0x81, euicc_challenge).add(0x83, as_bytes(smdp_address)).add_raw(euicc_info1);
  });
}

std::string render_authenticate_client_request(ByteView transaction_id,
                                               ByteView authenticate_server_response) {
  return envelope(asn1::AuthenticateClientRequestView::kTag, [&](der::Writer& w) {
    w.add(0x80, transaction_id).add_raw(authenticate_server_response);
  });
}

std::string render_get_bound_profile_package_request(ByteView transaction_id,
                                                     ByteView prepare_download_response) {
  return envelope(asn1::GetBoundProfilePackageRequestView::kTag, [&](der::Writer& w) {
    w.add(0x80, transaction_id).add_raw(prepare_download_response);
  });
}

std::string render_handle_notification_request(ByteView pending_notification) {
  return envelope(asn1::HandleNotificationView::kTag, [&](der::Writer& w) {
    w.add_constructed(0xA0, [&](der::Writer& in) { in.add_raw(pending_notification); });
  });
}

std::string render_cancel_session_request(ByteView transaction_id,
                                          ByteView cancel_session_response) {
  auto card = der::parse_single(cancel_session_response);
  const ByteView contents = card ? card->value : ByteView{};
  return envelope(asn1::CancelSessionRequestEs9View::kTag, [&](der::Writer& w) {
    w.add(0x80, transaction_id).add_constructed(0xA1, [&](der::Writer& in) {
      in.add_raw(contents);
    });
  });
}

Result<InitiateAuthenticationResponse> parse_initiate_authentication_response(
    const HttpResponse& http) {
  return parse_response<InitiateAuthenticationResponse, asn1::InitiateAuthenticationResponseView>(
      http, [](const asn1::InitiateAuthenticationOkEs9View& ok, auto& out) {
        out.transaction_id = bytes_of(ok.transaction_id);
        out.server_signed1 = bytes_of(ok.server_signed1.raw);
        out.server_signature1 = bytes_of(ok.server_signature1_tlv);
        der::Writer ski;
        ski.add(0x04, ok.euicc_ci_pkid_to_be_used);
        out.euicc_ci_pkid_to_be_used = ski.take();
        out.server_certificate = bytes_of(ok.server_certificate);
      });
}

Result<AuthenticateClientResponse> parse_authenticate_client_response(const HttpResponse& http) {
  return parse_response<AuthenticateClientResponse, asn1::AuthenticateClientResponseEs9View>(
      http, [](const asn1::AuthenticateClientOkView& ok, auto& out) {
        out.transaction_id = bytes_of(ok.transaction_id);
        out.profile_metadata = bytes_of(ok.profile_metadata.raw);
        out.smdp_signed2 = bytes_of(ok.smdp_signed2.raw);
        out.smdp_signature2 = bytes_of(ok.smdp_signature2_tlv);
        out.smdp_certificate = bytes_of(ok.smdp_certificate);
      });
}

Result<GetBoundProfilePackageResponse> parse_get_bound_profile_package_response(
    const HttpResponse& http) {
  return parse_response<GetBoundProfilePackageResponse, asn1::GetBoundProfilePackageResponseView>(
      http, [](const asn1::GetBoundProfilePackageOkView& ok, auto& out) {
        out.transaction_id = bytes_of(ok.transaction_id);
        out.bound_profile_package = bytes_of(ok.bound_profile_package);
      });
}

Result<CancelSessionResponse> parse_cancel_session_response(const HttpResponse& http) {
  return parse_response<CancelSessionResponse, asn1::CancelSessionResponseEs9View>(
      http, [](const auto&, auto&) {});
}

}  // namespace smdp::lpa::asn1_binding
