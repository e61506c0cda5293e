// SPDX-License-Identifier: Apache-2.0
// ES2+ subject/reason codes (SGP.22 §5.3.1-§5.3.4), values as collected in
// shared/SGP22-CODES.md. The generic codes and the response header rendering are the
// JSON binding's (es9/status.h), shared by every interface.
#pragma once

#include "es9/status.h"

namespace smdp::es2 {

using es9::StatusCode;

inline constexpr StatusCode kIccidNotAllowed{"8.2.1", "1.2"};
inline constexpr StatusCode kIccidMissing{"8.2.1", "2.2"};
inline constexpr StatusCode kIccidInUse{"8.2.1", "3.3"};
inline constexpr StatusCode kIccidInvalidTransition{"8.2.1", "3.5"};
inline constexpr StatusCode kIccidUnknown{"8.2.1", "3.9"};
inline constexpr StatusCode kProfileTypeNotAllowed{"8.2.5", "1.2"};
inline constexpr StatusCode kProfileTypeUnavailable{"8.2.5", "3.7"};
inline constexpr StatusCode kProfileTypeMismatch{"8.2.5", "3.8"};
inline constexpr StatusCode kProfileTypeUnknown{"8.2.5", "3.9"};
inline constexpr StatusCode kEidMissing{"8.1.1", "2.2"};
inline constexpr StatusCode kEidMismatch{"8.1.1", "3.10"};
inline constexpr StatusCode kMatchingIdInUse{"8.2.6", "3.3"};
inline constexpr StatusCode kMatchingIdMismatch{"8.2.6", "3.10"};
inline constexpr StatusCode kSmdsInaccessible{"8.9", "5.1"};

}  // namespace smdp::es2
