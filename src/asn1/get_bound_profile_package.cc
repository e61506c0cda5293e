// SPDX-License-Identifier: Apache-2.0
// GetBoundProfilePackageRequest / GetBoundProfilePackageOk / GetBoundProfilePackageResponse
// <-> DER (RSPDefinitions).
#include "asn1/get_bound_profile_package.h"

#include "asn1/codec.h"

namespace smdp::asn1 {

namespace {
constexpr der::Tag kTagBoundProfilePackage = 0xBF36;
}  // namespace

template <class S>
Result<GetBoundProfilePackageRequestT<S>> GetBoundProfilePackageRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<GetBoundProfilePackageRequestT>(
      der, tag, "GetBoundProfilePackageRequest", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.prepare_download_response = f.nested<PrepareDownloadResponseView>(
            PrepareDownloadResponseView::kTag, "prepareDownloadResponse");
      });
}

template <class S>
void GetBoundProfilePackageRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id);
    prepare_download_response.encode_to(w);
  });
}

template <class S>
Bytes GetBoundProfilePackageRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<GetBoundProfilePackageOkT<S>> GetBoundProfilePackageOkT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_sequence<GetBoundProfilePackageOkT>(
      der, tag, "GetBoundProfilePackageOk", [](detail::Fields& f, auto& m) {
        m.transaction_id = f.octets(0x80, "transactionId", kTransactionIdSize);
        m.bound_profile_package = f.opaque(kTagBoundProfilePackage, "boundProfilePackage").raw;
      });
}

template <class S>
void GetBoundProfilePackageOkT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_sequence(out, tag, extensions, [this](der::Writer& w) {
    w.add(0x80, transaction_id).add_raw(bound_profile_package);
  });
}

template <class S>
Bytes GetBoundProfilePackageOkT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<GetBoundProfilePackageResponseT<S>> GetBoundProfilePackageResponseT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return detail::decode_ok_or_error<GetBoundProfilePackageResponseT>(
      der, tag, "GetBoundProfilePackageResponse");
}

template <class S>
void GetBoundProfilePackageResponseT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  detail::encode_ok_or_error(out, tag, result);
}

template <class S>
Bytes GetBoundProfilePackageResponseT<S>::encode() const {
  return detail::encode_message(*this);
}

template struct GetBoundProfilePackageRequestT<View>;
template struct GetBoundProfilePackageRequestT<Owned>;
template struct GetBoundProfilePackageOkT<View>;
template struct GetBoundProfilePackageOkT<Owned>;
template struct GetBoundProfilePackageResponseT<View>;
template struct GetBoundProfilePackageResponseT<Owned>;

}  // namespace smdp::asn1
