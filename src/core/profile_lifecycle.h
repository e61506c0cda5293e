// SPDX-License-Identifier: Apache-2.0
// The profile state machine of SGP.22 (§3.1.1 ES2+ download order, §3.1.3 download,
// §5.3 ES2+ functions), as one table every state change goes through:
//
//   Available --DownloadOrder--> Allocated (no EID) | Linked (EID)
//   Allocated | Linked --ConfirmOrder--> Confirmed | Released (releaseFlag)
//   Confirmed --ReleaseProfile--> Released
//   Released --GetBoundProfilePackage--> Downloaded --PIR--> Installed | Error
//   Downloaded --cancelled after the BPP (postponed, timeout)--> Released
//   Released | Downloaded --download failed for good--> Error
//   Allocated | Linked | Confirmed | Released | Error --CancelOrder--> Available | Unavailable
//   Available --operator withdraws--> Unavailable
//
// Installed and Unavailable are final. Allocated and Linked may also move to each
// other (ConfirmOrder may bring the EID).
#pragma once

#include "base/error.h"
#include "core/store.h"

namespace smdp::core {

enum class LifecycleErrc {
  invalid_transition = 1,  // the table above does not allow it
};

}  // namespace smdp::core
SMDP_DECLARE_ERROR_ENUM(smdp::core, LifecycleErrc)

namespace smdp::core {

bool transition_allowed(ProfileState from, ProfileState to);

// Sets profile.state to `to` when the table allows it (a no-op when equal states are
// allowed); LifecycleErrc::invalid_transition naming both states otherwise. Any state
// but Released and Downloaded drops the bound package kept for a retry (§3.1.3.2).
Result<void> transition(ProfileRecord& profile, ProfileState to);

}  // namespace smdp::core
