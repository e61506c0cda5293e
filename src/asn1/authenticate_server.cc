// SPDX-License-Identifier: Apache-2.0
// AuthenticateServerRequest / EuiccSigned1 / AuthenticateResponseOk / Error /
// AuthenticateServerResponse <-> DER (RSPDefinitions).
#include "asn1/authenticate_server.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<AuthenticateServerRequestT<S>> AuthenticateServerRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<AuthenticateServerRequestT>(
      der, tag, "AuthenticateServerRequest", [](detail::Fields& f, auto& m) {
        m.server_signed1 = f.nested<ServerSigned1View>(kTagSequence, "serverSigned1");
        const der::Tlv signature = f.signature("serverSignature1");
        m.server_signature1 = signature.value;
        m.server_signature1_tlv = signature.raw;
        m.euicc_ci_pkid_to_be_used = f.octets(kTagOctetString, "euiccCiPKIdToBeUsed");
        m.server_certificate = f.certificate("serverCertificate");
        m.ctx_params1 = f.choice<CtxParams1View>("ctxParams1");
      });
}

template <class S>
void AuthenticateServerRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    server_signed1.encode_to(w);
    w.add(kTagSignature, server_signature1).add(kTagOctetString, euicc_ci_pkid_to_be_used);
    w.add_raw(server_certificate);
    ctx_params1.encode_to(w);
  });
}

template <class S>
Bytes AuthenticateServerRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<EuiccSigned1T<S>> EuiccSigned1T<S>::decode(ByteView der,
                                                  der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<EuiccSigned1T>(
      der, tag, "EuiccSigned1", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.server_address = f.text(0x83, "serverAddress");
        m.server_challenge = f.octets(0x84, "serverChallenge", kOctet16);
        m.euicc_info2 = f.nested<EUICCInfo2View>(EUICCInfo2View::kTag, "euiccInfo2");
        m.ctx_params1 = f.choice<CtxParams1View>("ctxParams1");
      });
}

template <class S>
void EuiccSigned1T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add_utf8(0x83, server_address).add(0x84, server_challenge);
    euicc_info2.encode_to(w);
    ctx_params1.encode_to(w);
  });
}

template <class S>
Bytes EuiccSigned1T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<AuthenticateResponseOkT<S>> AuthenticateResponseOkT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<AuthenticateResponseOkT>(
      der, tag, "AuthenticateResponseOk", [](detail::Fields& f, auto& m) {
        m.euicc_signed1 = f.nested<EuiccSigned1View>(kTagSequence, "euiccSigned1");
        const der::Tlv signature = f.signature("euiccSignature1");
        m.euicc_signature1 = signature.value;
        m.euicc_signature1_tlv = signature.raw;
        m.euicc_certificate = f.certificate("euiccCertificate");
        m.eum_certificate = f.certificate("eumCertificate");
      });
}

template <class S>
void AuthenticateResponseOkT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    euicc_signed1.encode_to(w);
    w.add(kTagSignature, euicc_signature1).add_raw(euicc_certificate).add_raw(eum_certificate);
  });
}

template <class S>
Bytes AuthenticateResponseOkT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<AuthenticateResponseErrorT<S>> AuthenticateResponseErrorT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<AuthenticateResponseErrorT>(
      der, tag, "AuthenticateResponseError", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.authenticate_error_code = f.integer(kTagInteger, "authenticateErrorCode");
      });
}

template <class S>
void AuthenticateResponseErrorT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add_uint(kTagInteger, authenticate_error_code);
  });
}

template <class S>
Bytes AuthenticateResponseErrorT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<AuthenticateServerResponseT<S>> AuthenticateServerResponseT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<AuthenticateServerResponseT>(der, tag,
                                                                 "AuthenticateServerResponse");
}

template <class S>
void AuthenticateServerResponseT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes AuthenticateServerResponseT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct AuthenticateServerRequestT<View>;
template struct AuthenticateServerRequestT<Owned>;
template struct EuiccSigned1T<View>;
template struct EuiccSigned1T<Owned>;
template struct AuthenticateResponseOkT<View>;
template struct AuthenticateResponseOkT<Owned>;
template struct AuthenticateResponseErrorT<View>;
template struct AuthenticateResponseErrorT<Owned>;
template struct AuthenticateServerResponseT<View>;
template struct AuthenticateServerResponseT<Owned>;

}  // namespace smdp::asn1
