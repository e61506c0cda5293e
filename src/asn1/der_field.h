// SPDX-License-Identifier: Apache-2.0
// A received DER value kept with its decoded view: the bytes are shared and immutable,
// so `view` (which points into them) stays valid across copies and moves of the holder,
// for as long as any copy lives. Signatures are verified over these exact bytes
// (DESIGN.md principle 2).
#pragma once

#include <memory>
#include <utility>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::asn1 {

template <class V>
struct DerField {
  std::shared_ptr<const Bytes> der;  // never null in a decoded message
  V view{};                          // points into *der
};

// Decodes `bytes` as exactly one V (V::decode), keeping the bytes.
template <class V>
Result<DerField<V>> decode_field(Bytes bytes) {
  auto der = std::make_shared<const Bytes>(std::move(bytes));
  auto view = V::decode(ByteView(*der));
  if (!view) return std::unexpected(std::move(view.error()));
  return DerField<V>{std::move(der), std::move(*view)};
}

}  // namespace smdp::asn1
