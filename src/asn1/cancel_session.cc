// SPDX-License-Identifier: Apache-2.0
// EuiccCancelSessionSigned / CancelSessionResponse / CancelSessionRequestEs9 /
// CancelSessionResponseEs9 <-> DER (RSPDefinitions).
#include "asn1/cancel_session.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

template <class S>
Result<EuiccCancelSessionSignedT<S>> EuiccCancelSessionSignedT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<EuiccCancelSessionSignedT>(
      der, tag, "EuiccCancelSessionSigned", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.smdp_oid = f.oid(0x81, "smdpOid");
        m.reason = f.integer(0x82, "reason");
      });
}

template <class S>
void EuiccCancelSessionSignedT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add(0x81, smdp_oid).add_uint(0x82, reason);
  });
}

template <class S>
Bytes EuiccCancelSessionSignedT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CancelSessionResponseOkT<S>> CancelSessionResponseOkT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<CancelSessionResponseOkT>(
      der, tag, "CancelSessionResponseOk", [](detail::Fields& f, auto& m) {
        m.euicc_cancel_session_signed =
            f.nested<EuiccCancelSessionSignedView>(kTagSequence, "euiccCancelSessionSigned");
        const der::Tlv signature = f.signature("euiccCancelSessionSignature");
        m.euicc_cancel_session_signature = signature.value;
        m.euicc_cancel_session_signature_tlv = signature.raw;
      });
}

template <class S>
void CancelSessionResponseOkT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    euicc_cancel_session_signed.encode_to(w);
    w.add(kTagSignature, euicc_cancel_session_signature);
  });
}

template <class S>
Bytes CancelSessionResponseOkT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CancelSessionResponseT<S>> CancelSessionResponseT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<CancelSessionResponseT>(der, tag, "CancelSessionResponse");
}

template <class S>
void CancelSessionResponseT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes CancelSessionResponseT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CancelSessionRequestEs9T<S>> CancelSessionRequestEs9T<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<CancelSessionRequestEs9T>(
      der, tag, "CancelSessionRequestEs9", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.cancel_session_response =
            f.nested<CancelSessionResponseView>(0xA1, "cancelSessionResponse");
      });
}

template <class S>
void CancelSessionRequestEs9T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id);
    cancel_session_response.encode_to(w, 0xA1);
  });
}

template <class S>
Bytes CancelSessionRequestEs9T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CancelSessionOkT<S>> CancelSessionOkT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<CancelSessionOkT>(der, tag, "CancelSessionOk",
                                                   [](detail::Fields&, auto&) {});
}

template <class S>
void CancelSessionOkT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [](der::Writer&) {});
}

template <class S>
Bytes CancelSessionOkT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<CancelSessionResponseEs9T<S>> CancelSessionResponseEs9T<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<CancelSessionResponseEs9T>(der, tag,
                                                               "CancelSessionResponseEs9");
}

template <class S>
void CancelSessionResponseEs9T<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes CancelSessionResponseEs9T<S>::encode() const {
  return detail::encode_message(*this);
}

template struct EuiccCancelSessionSignedT<View>;
template struct EuiccCancelSessionSignedT<Owned>;
template struct CancelSessionResponseOkT<View>;
template struct CancelSessionResponseOkT<Owned>;
template struct CancelSessionResponseT<View>;
template struct CancelSessionResponseT<Owned>;
template struct CancelSessionRequestEs9T<View>;
template struct CancelSessionRequestEs9T<Owned>;
template struct CancelSessionOkT<View>;
template struct CancelSessionOkT<Owned>;
template struct CancelSessionResponseEs9T<View>;
template struct CancelSessionResponseEs9T<Owned>;

}  // namespace smdp::asn1
