// SPDX-License-Identifier: Apache-2.0
// Errors the software eUICC (card.h) reports as Result values: requests it cannot even
// answer with an SGP.22 error inside the response, and refused state blobs. Errors the
// specification defines (AuthenticateErrorCode, DownloadErrorCode, ErrorReason ...)
// are inside the returned DER instead.
#pragma once

#include "base/error.h"

namespace smdp::euicc {
enum class CardErrc {
  malformed_request = 1,  // the command data is not the expected ES10b message
  no_session,             // LoadBoundProfilePackage outside a prepared RSP session
  invalid_state,          // restore_state: blob not a state this card wrote
  wrong_eid,              // restore_state: blob of another eUICC
};
}  // namespace smdp::euicc
SMDP_DECLARE_ERROR_ENUM(smdp::euicc, CardErrc)
