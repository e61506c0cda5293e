// SPDX-License-Identifier: Apache-2.0
// Independent ASN.1 oracle for tests: asn1c 0.9.28 code generated from
// testdata/asn1/asn1c (SGP.22 v2.5 RSPDefinitions, SAIP v3.3.1 PEDefinitions, PKIX1).
//
// asn1c decodes BER, so DER is checked by decoding, re-encoding with asn1c's own DER
// encoder and comparing bytes (der_round_trip). Do not rely on asn1c constraint checks
// (broken after the first use of a type in 0.9.28). See README.md here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

// Same declaration as asn1c's constr_TYPE.h, so generated headers may follow.
typedef struct asn_TYPE_descriptor_s asn_TYPE_descriptor_t;

namespace smdp::testing::asn1c {

// The generated descriptor for ASN.1 type `name` (e.g. "EUICCInfo1",
// "BoundProfilePackage", "ProfileElement"; the same object as asn_DEF_<name>), or
// nullptr if the modules define no such type.
const asn_TYPE_descriptor_t* find_type(std::string_view name);
// As find_type, but throws std::invalid_argument for an unknown name.
const asn_TYPE_descriptor_t& type(std::string_view name);

// One value decoded by asn1c, freed with ASN_STRUCT_FREE. Move-only.
class Value {
 public:
  Value(const asn_TYPE_descriptor_t& type, void* value) : type_(&type), value_(value) {}
  Value(Value&& other) noexcept : type_(other.type_), value_(other.value_) {
    other.value_ = nullptr;
  }
  Value& operator=(Value&& other) noexcept;
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;
  ~Value();

  const asn_TYPE_descriptor_t& type() const { return *type_; }
  // The generated C struct (e.g. EUICCInfo1_t), owned by this Value.
  void* get() const { return value_; }
  template <class T>
  T* as() const {
    return static_cast<T*>(value_);
  }

 private:
  const asn_TYPE_descriptor_t* type_;
  void* value_;
};

// BER-decodes one value of `type` from the start of `ber`. On success sets *consumed
// (if given) to the bytes it spans; trailing bytes are left to the caller. On failure
// returns nullopt and says why (if `why` is given).
std::optional<Value> decode(const asn_TYPE_descriptor_t& type, ByteView ber,
                            std::size_t* consumed = nullptr, std::string* why = nullptr);

// asn1c's DER encoding of `value`, a struct of `type`; nullopt (and why) on failure.
std::optional<Bytes> der_encode(const asn_TYPE_descriptor_t& type, const void* value,
                                std::string* why = nullptr);
inline std::optional<Bytes> der_encode(const Value& v, std::string* why = nullptr) {
  return der_encode(v.type(), v.get(), why);
}

// XER (XML) text of `value`, for failure messages; "" if asn1c cannot print it.
std::string to_xer(const asn_TYPE_descriptor_t& type, const void* value);

// True iff `der` is exactly one value of `type` (all bytes consumed) that asn1c decodes
// and re-encodes to the same bytes. Otherwise false, and *why (if given) tells the
// failing step, or the first differing offset with hex of both encodings around it.
bool der_round_trip(const asn_TYPE_descriptor_t& type, ByteView der, std::string* why);

// As der_round_trip for a concatenation of values of `type` (e.g. a SAIP profile
// package: ProfileElement after ProfileElement). Each value is checked on its own
// bytes; stops at the first failure. *values (if given) = the spans of the values that
// passed, in order (views into `der`). An empty `der` is zero values: true.
bool der_round_trip_each(const asn_TYPE_descriptor_t& type, ByteView der, std::string* why,
                         std::vector<ByteView>* values = nullptr);

}  // namespace smdp::testing::asn1c
