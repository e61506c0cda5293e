// SPDX-License-Identifier: Apache-2.0
// Internal helpers shared by the ES9+ procedures of RspServer (core/rsp_server.h).
#pragma once

#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"
#include "core/rsp_server.h"
#include "crypto/ec.h"
#include "pki/chain_errors.h"

namespace smdp::core::detail {

inline std::unexpected<Refusal> refuse(StatusCode code, std::string message) {
  return std::unexpected(Refusal{code, std::move(message)});
}

// The §5.6.3 status code of a refused eUICC certificate chain (authenticate_client.cc).
StatusCode chain_status(pki::ChainErrc e);

// A store fault: 1.2/4.2, with the operation named (the detail goes to the log only).
std::unexpected<Refusal> store_fault(const Error& error, std::string_view operation);

// SM-DP+ addresses are FQDNs: compared case-insensitively (SGP.22 §6.5 binding).
bool same_address(std::string_view a, std::string_view b);

// The 5F37 TLV of a raw r||s signature, as signatures are chained into signed data.
Bytes signature_tlv(ByteView raw_signature);

// ECDSA over `message`, raw r||s.
Result<Bytes> sign(const crypto::EcPrivateKey& key, ByteView message);

// True while `profile` keeps a Bound Profile Package for a retry (its bound_until not
// passed, §3.1.3.2).
bool retained_bpp(const ProfileRecord& profile, TimePoint now);

// The EID as 16 octets (32 BCD digits), as ES8+ binds it.
Bytes eid_octets(std::string_view eid);

// ICCID digits <-> the 10-octet EF.ICCID coding (nibble-swapped BCD, F padding).
Bytes iccid_to_octets(std::string_view iccid);
std::string iccid_from_octets(ByteView octets);

}  // namespace smdp::core::detail
