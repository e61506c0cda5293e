// SPDX-License-Identifier: Apache-2.0
// Personalisation: a profile type's template package made into one subscription's
// package. The result differs from the template only where the variables are:
//   iccid  header/iccid and mf/ef-iccid
//   imsi   usim/ef-imsi; the IMSI inside ISIM identities (isim/ef-impi, isim/ef-impu
//          NAIs and their mnc/mcc domain) where the template has them
//   ki,opc akaParameter algoParameter key / opc (Milenage, TUAK; every akaParameter PE)
//   pin1 (pinAppl1), pin2 (secondPINAppl1), adm1 (adm1) in pinCodes pinconfig entries;
//   puk1 (pukAppl1), puk2 (secondPUKAppl1) in pukCodes
//   ef:<path> the File at that path gets the value as its content
#pragma once

#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "saip/package.h"
#include "saip/variables.h"

namespace smdp::saip {

// Checks that `template_package` has a place for every variable (Errc::not_found names
// the first one missing) and that the lengths it fixes fit (a 32-byte TUAK key in a
// Milenage template is Errc::invalid_value).
Result<void> check_template_variables(const ProfilePackage& template_package,
                                      const std::vector<Variable>& variables);

// check_template_variables() for the variables of `values`, then the lengths the
// template fixes: ki/opc as long as the template's key/opc in every akaParameter and
// allowed by its algorithm (Milenage 16/16, TUAK 16 or 32/32, test algorithm 16/16),
// ef:<path> values within the File's size (efFileSize, else the SAIP template default
// size of EF.ICCID/IMSI/SPN/AD, else no longer than what the template writes) and a
// whole number of records in a record file. Errc::invalid_value names the variable.
Result<void> check_template_values(const ProfilePackage& template_package,
                                   const SubscriptionValues& values);

// The personalised package. Every value in `values` is applied; variables of the type
// that `values` lacks keep the template's value.
Result<ProfilePackage> personalise(const ProfilePackage& template_package,
                                   const SubscriptionValues& values);

}  // namespace smdp::saip
