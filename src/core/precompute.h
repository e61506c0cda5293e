// SPDX-License-Identifier: Apache-2.0
// Pre-computation of Protected Profile Packages (SGP.22 §2.5.5 PPP, bound later with
// ReplaceSessionKeys, §2.5.3): for the next `precompute` profiles of a type (the
// oldest Available ones, which orders take first), personalise, encrypt once under
// fresh random PPKs and store the result sealed, so that a download only pays for the
// key agreement, one signature and three small TLVs.
#pragma once

#include "base/error.h"
#include "core/clock.h"
#include "core/inventory_store.h"
#include "core/profile_source.h"
#include "core/store.h"
#include "crypto/rng.h"

namespace smdp::core {

// Tops up the type's ready packages to type.precompute; returns how many it computed.
// A profile taken by an order meanwhile is skipped (its package is bound as usual).
Result<int> precompute_protected_packages(Store& store, InventoryStore& inventory,
                                          ProfileSource& profiles, const ProfileTypeRecord& type,
                                          crypto::Rng& rng, const Clock& clock);

}  // namespace smdp::core
