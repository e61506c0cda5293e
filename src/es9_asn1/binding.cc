// SPDX-License-Identifier: Apache-2.0
// ES9+ ASN.1 binding (SGP.22 §6.6), SM-DP+ side.
#include "es9_asn1/binding.h"

#include "asn1/remote_provisioning.h"
#include "der/writer.h"

namespace smdp::es9_asn1 {
namespace {

// A copy of `tlv` (a view into the request) as the DER field core keeps, re-tagged to
// `tag` when the envelope gave it an implicit one.
template <class V>
Result<asn1::DerField<V>> field(ByteView tlv, der::Tag tag) {
  auto parsed = der::parse_single(tlv);
  if (!parsed) return std::unexpected(parsed.error());
  if (parsed->tag == tag) return asn1::decode_field<V>(Bytes(tlv.begin(), tlv.end()));
  der::Writer w;
  w.add_constructed(tag, [&](der::Writer& inner) { inner.add_raw(parsed->value); });
  return asn1::decode_field<V>(w.take());
}

Result<Request> to_core(const asn1::InitiateAuthenticationRequestView& m) {
  auto info1 = field<asn1::EUICCInfo1View>(m.euicc_info1.raw, asn1::EUICCInfo1View::kTag);
  if (!info1) return std::unexpected(info1.error());
  return core::InitiateAuthenticationRequest{
      Bytes(m.euicc_challenge.begin(), m.euicc_challenge.end()), *std::move(info1),
      std::string(m.smdp_address)};
}

Result<Request> to_core(const asn1::AuthenticateClientRequestView& m) {
  auto response = field<asn1::AuthenticateServerResponseView>(
      m.authenticate_server_response.raw, asn1::AuthenticateServerResponseView::kTag);
  if (!response) return std::unexpected(response.error());
  return core::AuthenticateClientRequest{Bytes(m.transaction_id.begin(), m.transaction_id.end()),
                                         *std::move(response)};
}

Result<Request> to_core(const asn1::GetBoundProfilePackageRequestView& m) {
  auto response = field<asn1::PrepareDownloadResponseView>(m.prepare_download_response.raw,
                                                           asn1::PrepareDownloadResponseView::kTag);
  if (!response) return std::unexpected(response.error());
  return core::GetBoundProfilePackageRequest{
      Bytes(m.transaction_id.begin(), m.transaction_id.end()), *std::move(response)};
}

// cancelSessionResponse arrives as [1] (A1): core keeps the eUICC's BF41.
Result<Request> to_core(const asn1::CancelSessionRequestEs9View& m) {
  auto response = field<asn1::CancelSessionResponseView>(m.cancel_session_response.raw,
                                                         asn1::CancelSessionResponseView::kTag);
  if (!response) return std::unexpected(response.error());
  return core::CancelSessionRequest{Bytes(m.transaction_id.begin(), m.transaction_id.end()),
                                    *std::move(response)};
}

Result<Request> to_core(const asn1::HandleNotificationView& m) {
  const ByteView tlv = m.pending_notification.raw;
  auto pending = asn1::decode_field<asn1::PendingNotificationView>(Bytes(tlv.begin(), tlv.end()));
  if (!pending) return std::unexpected(pending.error());
  return core::HandleNotificationRequest{*std::move(pending)};
}

// A2 { tag { A0 { fields } } }: a function's Ok alternative in the envelope.
template <class Fn>
Bytes ok_response(der::Tag tag, Fn&& fields) {
  der::Writer w;
  w.add_constructed(tag, [&](der::Writer& choice) {
    choice.add_constructed(0xA0, [&](der::Writer& ok) { fields(ok); });
  });
  return asn1::wrap_remote_provisioning(w.take());
}

der::Tag response_tag(Function function) {
  switch (function) {
    case Function::initiate_authentication:
      return asn1::InitiateAuthenticationResponseView::kTag;
    case Function::authenticate_client:
      return asn1::AuthenticateClientResponseEs9View::kTag;
    case Function::get_bound_profile_package:
      return asn1::GetBoundProfilePackageResponseView::kTag;
    case Function::cancel_session:
    case Function::handle_notification:
      break;
  }
  return asn1::CancelSessionResponseEs9View::kTag;
}

}  // namespace

Result<Request> parse_request(ByteView body) {
  auto request = asn1::RemoteProfileProvisioningRequestView::decode(body);
  if (!request) return std::unexpected(request.error());
  return std::visit([](const auto& m) { return to_core(m); }, request->request);
}

Bytes render_response(const core::InitiateAuthenticationResult& r) {
  return ok_response(asn1::InitiateAuthenticationResponseView::kTag, [&](der::Writer& w) {
    w.add(0x80, r.transaction_id)
        .add_raw(r.server_signed1)
        .add_raw(r.server_signature1)
        .add_raw(r.euicc_ci_pkid_to_be_used)
        .add_raw(r.server_certificate);
  });
}

Bytes render_response(const core::AuthenticateClientResult& r) {
  return ok_response(asn1::AuthenticateClientResponseEs9View::kTag, [&](der::Writer& w) {
    w.add(0x80, r.transaction_id)
        .add_raw(r.profile_metadata)
        .add_raw(r.smdp_signed2)
        .add_raw(r.smdp_signature2)
        .add_raw(r.smdp_certificate);
  });
}

Bytes render_response(const core::GetBoundProfilePackageResult& r) {
  return ok_response(asn1::GetBoundProfilePackageResponseView::kTag, [&](der::Writer& w) {
    w.add(0x80, r.transaction_id).add_raw(r.bound_profile_package);
  });
}

Bytes render_cancel_session_ok() {
  return ok_response(asn1::CancelSessionResponseEs9View::kTag, [](der::Writer&) {});
}

Bytes render_error(Function function, std::uint64_t value) {
  der::Writer w;
  w.add_constructed(response_tag(function),
                    [&](der::Writer& choice) { choice.add_uint(0x81, value); });
  return asn1::wrap_remote_provisioning(w.take());
}

}  // namespace smdp::es9_asn1
