// SPDX-License-Identifier: Apache-2.0
// InitiateAuthenticationRequest / ServerSigned1 / InitiateAuthenticationOkEs9 /
// InitiateAuthenticationResponse <-> DER (RSPDefinitions).
#include "asn1/initiate_authentication.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<InitiateAuthenticationRequestT<S>> InitiateAuthenticationRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<InitiateAuthenticationRequestT>(
      der, tag, "InitiateAuthenticationRequest", [](detail::Fields& f, auto& m) {
        m.euicc_challenge = f.octets(0x81, "euiccChallenge", kOctet16);
        m.smdp_address = f.text(0x83, "smdpAddress");
        m.euicc_info1 = f.nested<EUICCInfo1View>(EUICCInfo1View::kTag, "euiccInfo1");
      });
}

template <class S>
void InitiateAuthenticationRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x81, euicc_challenge).add_utf8(0x83, smdp_address);
    euicc_info1.encode_to(w);
  });
}

template <class S>
Bytes InitiateAuthenticationRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<ServerSigned1T<S>> ServerSigned1T<S>::decode(ByteView der,
                                                    der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<ServerSigned1T>(
      der, tag, "ServerSigned1", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.euicc_challenge = f.octets(0x81, "euiccChallenge", kOctet16);
        m.server_address = f.text(0x83, "serverAddress");
        m.server_challenge = f.octets(0x84, "serverChallenge", kOctet16);
      });
}

template <class S>
void ServerSigned1T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add(0x81, euicc_challenge);
    w.add_utf8(0x83, server_address).add(0x84, server_challenge);
  });
}

template <class S>
Bytes ServerSigned1T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<InitiateAuthenticationOkEs9T<S>> InitiateAuthenticationOkEs9T<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<InitiateAuthenticationOkEs9T>(
      der, tag, "InitiateAuthenticationOkEs9", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.server_signed1 = f.nested<ServerSigned1View>(kTagSequence, "serverSigned1");
        const der::Tlv signature = f.signature("serverSignature1");
        m.server_signature1 = signature.value;
        m.server_signature1_tlv = signature.raw;
        m.euicc_ci_pkid_to_be_used = f.octets(kTagOctetString, "euiccCiPKIdToBeUsed");
        m.server_certificate = f.certificate("serverCertificate");
      });
}

template <class S>
void InitiateAuthenticationOkEs9T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id);
    server_signed1.encode_to(w);
    w.add(kTagSignature, server_signature1).add(kTagOctetString, euicc_ci_pkid_to_be_used);
    w.add_raw(server_certificate);
  });
}

template <class S>
Bytes InitiateAuthenticationOkEs9T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<InitiateAuthenticationResponseT<S>> InitiateAuthenticationResponseT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<InitiateAuthenticationResponseT>(
      der, tag, "InitiateAuthenticationResponse");
}

template <class S>
void InitiateAuthenticationResponseT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes InitiateAuthenticationResponseT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct InitiateAuthenticationRequestT<View>;
template struct InitiateAuthenticationRequestT<Owned>;
template struct ServerSigned1T<View>;
template struct ServerSigned1T<Owned>;
template struct InitiateAuthenticationOkEs9T<View>;
template struct InitiateAuthenticationOkEs9T<Owned>;
template struct InitiateAuthenticationResponseT<View>;
template struct InitiateAuthenticationResponseT<Owned>;

}  // namespace smdp::asn1
