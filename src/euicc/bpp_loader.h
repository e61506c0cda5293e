// SPDX-License-Identifier: Apache-2.0
// The card half of ES8+ (SGP.22 §3.1.3.3 / §5.7.6 LoadBoundProfilePackage): what an
// eUICC does with a Bound Profile Package. Written from the specification for tests
// and the software eUICC; it shares only the DER, crypto and SCP03t layers with the
// SM-DP+ side.
//
// Checks, in order: BF36 structure; BF23 remoteOpId, transactionId, CRT values and
// smdpSign (against PK.DPpb from the already-verified CERT.DPpb, over the received
// bytes and our otPK); session keys; every '87'/'88'/'86' MAC in order (the MAC chain
// also proves the order and completeness of the segments); ConfigureISDP and
// StoreMetadata structure; ReplaceSessionKeys when present; the profile elements.
#pragma once

#include <cstdint>
#include <expected>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "crypto/ec.h"

namespace smdp::euicc {

// ErrorReason of SGP.22 ProfileInstallationResult (ASN.1 ErrorReason).
enum class ErrorReason : std::uint8_t {
  incorrect_input_values = 1,
  invalid_signature = 2,
  invalid_transaction_id = 3,
  unsupported_crt_values = 4,
  unsupported_remote_operation_type = 5,
  scp03t_structure_error = 7,
  scp03t_security_error = 8,
  install_failed_due_to_iccid_already_exists_on_euicc = 9,
  install_failed_due_to_insufficient_memory_for_profile = 10,
  install_failed_due_to_pe_processing_error = 12,
};

// BppCommandId of SGP.22 ProfileInstallationResult.
enum class BppCommandId : std::uint8_t {
  initialise_secure_channel = 0,
  configure_isdp = 1,
  store_metadata = 2,
  store_metadata2 = 3,
  replace_session_keys = 4,
  load_profile_elements = 5,
};

struct LoadError {
  BppCommandId command;
  ErrorReason reason;
  std::string detail;  // for test failure messages and logs; no secrets
};

// What the eUICC knows of the RSP session when the BPP arrives.
struct SessionContext {
  ByteView transaction_id;                 // from smdpSigned2, already verified
  ByteView eid;                            // 16 bytes
  const crypto::EcPrivateKey& euicc_otsk;  // otSK.EUICC.ECKA generated at PrepareDownload
  const crypto::EcPublicKey& pk_dppb;      // from CERT.DPpb verified at PrepareDownload
};

struct InstalledProfile {
  Bytes configure_isdp;   // BF24 plaintext
  Bytes store_metadata;   // BF25, reassembled from the 88 segments
  Bytes profile_package;  // the profile elements, reassembled from the 86 segments
  bool used_ppk = false;  // ReplaceSessionKeys was applied
  std::size_t segment_count = 0;
};

std::expected<InstalledProfile, LoadError> load_bound_profile_package(ByteView bpp,
                                                                      const SessionContext& ctx);

}  // namespace smdp::euicc
