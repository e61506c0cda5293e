// SPDX-License-Identifier: Apache-2.0
// Schema tables for the built-in types, PEHeader, ProprietaryInfo, Fcp and File
// (PEDefinitions.asn; SAIP v3.x §8.3 file system).
#include "saip/schema_internal.h"

namespace smdp::saip::schema {

const Type kOctetStringType{"", Kind::octet_string};
const Type kIntegerType{"", Kind::integer};
const Type kBooleanType{"", Kind::boolean};
const Type kNullType{"", Kind::null};
const Type kOidType{"", Kind::object_identifier};
const Type kUtf8Type{"", Kind::utf8_string};
const Type kBitStringType{"", Kind::bit_string};

namespace {

// PEHeader ::= SEQUENCE { mandated NULL OPTIONAL, identification UInt15 }
constexpr Field kPEHeaderFields[] = {
    {"mandated", ctx(0), &kNullType, true},
    {"identification", ctx(1), &kIntegerType},
};

// ProprietaryInfo: explicit tags on some components, so the others keep UNIVERSAL tags.
constexpr Field kProprietaryInfoFields[] = {
    {"specialFileInformation", priv(0), &kOctetStringType, false, "00"},
    {"fillPattern", priv(1), &kOctetStringType, true},
    {"repeatPattern", priv(2), &kOctetStringType, true},
    {"maximumFileSize", ctx(6), &kOctetStringType, true},
    {"fileDetails", ctx(4), &kOctetStringType, false, "01"},
};

constexpr Field kFcpFields[] = {
    {"fileDescriptor", ctx(2), &kOctetStringType, true},
    {"fileID", ctx(3), &kOctetStringType, true},
    {"dfName", ctx(4), &kOctetStringType, true},
    {"lcsi", ctx(10), &kOctetStringType, false, "05"},
    {"securityAttributesReferenced", ctx(11), &kOctetStringType, true},
    {"efFileSize", ctx(0), &kOctetStringType, true},
    {"pinStatusTemplateDO", priv(6), &kOctetStringType, true},
    {"shortEFID", ctx(8), &kOctetStringType, true},
    {"proprietaryEFInfo", ctx(5, true), &kProprietaryInfo, true},
    {"linkPath", priv(7), &kOctetStringType, true},
};

// File ::= SEQUENCE OF CHOICE { doNotCreate NULL, fileDescriptor Fcp,
//                               fillFileOffset UInt16, fillFileContent OCTET STRING }
constexpr Field kFileEntryAlternatives[] = {
    {"doNotCreate", ctx(0), &kNullType},
    {"fileDescriptor", ctx(1, true), &kFcp},
    {"fillFileOffset", ctx(2), &kIntegerType},
    {"fillFileContent", ctx(3), &kOctetStringType},
};
const Type kFileEntry{"", Kind::choice, kFileEntryAlternatives};
constexpr Field kFileElement[] = {{"item", 0, &kFileEntry}};

}  // namespace

const Type kPEHeader{"PEHeader", Kind::sequence, kPEHeaderFields};
const Type kProprietaryInfo{"ProprietaryInfo", Kind::sequence, kProprietaryInfoFields};
const Type kFcp{"Fcp", Kind::sequence, kFcpFields};
const Type kFile{"File", Kind::sequence_of, kFileElement};

}  // namespace smdp::saip::schema
