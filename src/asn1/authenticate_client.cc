// SPDX-License-Identifier: Apache-2.0
// AuthenticateClientRequest / AuthenticateClientOk / AuthenticateClientResponseEs9 <-> DER.
#include "asn1/authenticate_client.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<AuthenticateClientRequestT<S>> AuthenticateClientRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<AuthenticateClientRequestT>(
      der, tag, "AuthenticateClientRequest", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.authenticate_server_response = f.nested<AuthenticateServerResponseView>(
            AuthenticateServerResponseView::kTag, "authenticateServerResponse");
      });
}

template <class S>
void AuthenticateClientRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id);
    authenticate_server_response.encode_to(w);
  });
}

template <class S>
Bytes AuthenticateClientRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<AuthenticateClientOkT<S>> AuthenticateClientOkT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<AuthenticateClientOkT>(
      der, tag, "AuthenticateClientOk", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.profile_metadata =
            f.nested<StoreMetadataRequestView>(StoreMetadataRequestView::kTag, "profileMetaData");
        m.smdp_signed2 = f.nested<SmdpSigned2View>(kTagSequence, "smdpSigned2");
        const der::Tlv signature = f.signature("smdpSignature2");
        m.smdp_signature2 = signature.value;
        m.smdp_signature2_tlv = signature.raw;
        m.smdp_certificate = f.certificate("smdpCertificate");
      });
}

template <class S>
void AuthenticateClientOkT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id);
    profile_metadata.encode_to(w);
    smdp_signed2.encode_to(w);
    w.add(kTagSignature, smdp_signature2).add_raw(smdp_certificate);
  });
}

template <class S>
Bytes AuthenticateClientOkT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<AuthenticateClientResponseEs9T<S>> AuthenticateClientResponseEs9T<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<AuthenticateClientResponseEs9T>(
      der, tag, "AuthenticateClientResponseEs9");
}

template <class S>
void AuthenticateClientResponseEs9T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes AuthenticateClientResponseEs9T<S>::encode() const {
  return detail::encode_message(*this);
}

template struct AuthenticateClientRequestT<View>;
template struct AuthenticateClientRequestT<Owned>;
template struct AuthenticateClientOkT<View>;
template struct AuthenticateClientOkT<Owned>;
template struct AuthenticateClientResponseEs9T<View>;
template struct AuthenticateClientResponseEs9T<Owned>;

}  // namespace smdp::asn1
