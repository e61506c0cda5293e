// SPDX-License-Identifier: Apache-2.0
// RemoteProfileProvisioningRequest / RemoteProfileProvisioningResponse <-> DER
// (RSPDefinitions, SGP.22 §6.6).
#include "asn1/remote_provisioning.h"

#include "asn1/codec.h"

namespace smdp::asn1 {
namespace {

// The alternative of `Variant` whose kTag is `inner`'s tag, decoded from its TLV.
template <class Variant, std::size_t I = 0>
Result<Variant> decode_alternative(const der::Tlv& inner) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return std::unexpected(detail::unknown_alternative(inner.tag));
  } else {
    using Alternative = std::variant_alternative_t<I, Variant>;
    if (inner.tag != Alternative::kTag) return decode_alternative<Variant, I + 1>(inner);
    auto decoded = Alternative::decode(inner.raw);
    if (!decoded) return std::unexpected(decoded.error());
    return Variant(std::in_place_index<I>, *std::move(decoded));
  }
}

template <class T, class Variant>
Result<T> decode_envelope(ByteView der, der::Tag tag, std::string_view type_name) {
  auto inner = detail::open_choice(der, tag);
  if (!inner) return detail::failure(inner.error(), type_name);
  auto alternative = decode_alternative<Variant>(*inner);
  if (!alternative) return detail::failure(alternative.error(), type_name);
  return T{*std::move(alternative), der};
}

template <class Variant>
void encode_envelope(der::Writer& out, der::Tag tag, const Variant& alternative) {
  out.add_constructed(tag, [&](der::Writer& w) {
    std::visit([&w](const auto& a) { a.encode_to(w); }, alternative);
  });
}

}  // namespace

template <class S>
Result<AuthenticateClientResponseEs11T<S>> AuthenticateClientResponseEs11T<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  auto opened = detail::open(der, tag);
  if (!opened) return detail::failure(opened.error(), "AuthenticateClientResponseEs11");
  return AuthenticateClientResponseEs11T{der, der};
}

template <class S>
void AuthenticateClientResponseEs11T<S>::encode_to(der::Writer& out, der::Tag /*tag*/) const {
  out.add_raw(der);
}

template <class S>
Bytes AuthenticateClientResponseEs11T<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<RemoteProfileProvisioningRequestT<S>> RemoteProfileProvisioningRequestT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return decode_envelope<RemoteProfileProvisioningRequestT, decltype(request)>(
      der, tag, "RemoteProfileProvisioningRequest");
}

template <class S>
void RemoteProfileProvisioningRequestT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  encode_envelope(out, tag, request);
}

template <class S>
Bytes RemoteProfileProvisioningRequestT<S>::encode() const {
  return detail::encode_message(*this);
}

template <class S>
Result<RemoteProfileProvisioningResponseT<S>> RemoteProfileProvisioningResponseT<S>::decode(
    ByteView der, der::Tag tag) requires std::same_as<S, View> {
  return decode_envelope<RemoteProfileProvisioningResponseT, decltype(response)>(
      der, tag, "RemoteProfileProvisioningResponse");
}

template <class S>
void RemoteProfileProvisioningResponseT<S>::encode_to(der::Writer& out, der::Tag tag) const {
  encode_envelope(out, tag, response);
}

template <class S>
Bytes RemoteProfileProvisioningResponseT<S>::encode() const {
  return detail::encode_message(*this);
}

Bytes wrap_remote_provisioning(ByteView alternative) {
  der::Writer w;
  w.add_constructed(kTagRemoteProfileProvisioning,
                    [&](der::Writer& inner) { inner.add_raw(alternative); });
  return w.take();
}

template struct AuthenticateClientResponseEs11T<View>;
template struct AuthenticateClientResponseEs11T<Owned>;
template struct RemoteProfileProvisioningRequestT<View>;
template struct RemoteProfileProvisioningRequestT<Owned>;
template struct RemoteProfileProvisioningResponseT<View>;
template struct RemoteProfileProvisioningResponseT<Owned>;

}  // namespace smdp::asn1
