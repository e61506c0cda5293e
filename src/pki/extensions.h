// SPDX-License-Identifier: Apache-2.0
// DER codecs for the X.509 extensions an SM-DP+ interprets itself (RFC 5280 §4.2.1,
// SGP.22 §4.5.2.1): key identifiers, certificate policies and the EUM's name
// constraint. Input is an extension's extnValue contents; parsing is strict DER.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"

namespace smdp::pki::ext {

// SubjectKeyIdentifier ::= OCTET STRING.
Result<Bytes> parse_subject_key_identifier(ByteView extn_value);

// AuthorityKeyIdentifier: its keyIdentifier [0], nullopt if only issuer/serial are given.
Result<std::optional<Bytes>> parse_authority_key_identifier(ByteView extn_value);

// CertificatePolicies: the dotted policy OIDs, in order (qualifiers are skipped).
Result<std::vector<std::string>> parse_certificate_policies(ByteView extn_value);

// NameConstraints, SGP.22 §4.5.2.1 EUM profile: the serialNumber attribute of each
// directoryName in permittedSubtrees is a permitted EID prefix. Other name forms and
// excludedSubtrees are validated for framing and otherwise ignored.
Result<std::vector<std::string>> parse_permitted_eid_prefixes(ByteView extn_value);

// SubjectAltName: the dotted OID of its registeredID ([8]), nullopt when there is none
// (SGP.22 §4.5.2.1: the SM-DP+ OID in CERT.DPauth/DPpb/TLS; the EUM/CI OIDs). More than
// one registeredID is refused.
Result<std::optional<std::string>> parse_registered_id(ByteView extn_value);

// The EUM NameConstraints value: permittedSubtrees = { directoryName
// { O = organization (UTF8String), serialNumber = eid_prefix (PrintableString) } },
// as in the SGP.26 EUM certificate.
Bytes encode_eum_name_constraints(std::string_view organization, std::string_view eid_prefix);

// CertificatePolicies with one policy and no qualifiers (every SGP.22 certificate).
Result<Bytes> encode_certificate_policies(std::string_view dotted_oid);

// Dotted text of OBJECT IDENTIFIER contents octets (X.690 §8.19), strictly minimal.
Result<std::string> oid_to_text(ByteView contents);
// Contents octets of a dotted OID ("2.23.146.1.2.1.2"): at least two arcs, the first
// 0..2, the second below 40 unless the first is 2.
Result<Bytes> oid_from_text(std::string_view dotted);

}  // namespace smdp::pki::ext
