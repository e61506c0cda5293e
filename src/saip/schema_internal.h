// SPDX-License-Identifier: Apache-2.0
// Types shared between the schema table files (schema_common.cc, schema_files.cc,
// schema_other.cc). Private to the schema; codec users go through schema.h.
#pragma once

#include "saip/schema.h"

namespace smdp::saip::schema {

// Built-in types (no tags of their own: a Field gives the tag).
extern const Type kOctetStringType;
extern const Type kIntegerType;
extern const Type kBooleanType;
extern const Type kNullType;
extern const Type kOidType;
extern const Type kUtf8Type;
extern const Type kBitStringType;

// PEHeader, File and its Fcp (PEDefinitions "PEHeader", "File", "Fcp").
extern const Type kPEHeader;
extern const Type kProprietaryInfo;
extern const Type kFcp;
extern const Type kFile;

// The file-system PEs (PE-MF ... PE-OPT-IoT).
extern const Type kPeMf;
extern const Type kPeCd;
extern const Type kPeTelecom;
extern const Type kPeUsim;
extern const Type kPeOptUsim;
extern const Type kPeIsim;
extern const Type kPeOptIsim;
extern const Type kPePhonebook;
extern const Type kPeGsmAccess;
extern const Type kPeCsim;
extern const Type kPeOptCsim;
extern const Type kPeEap;
extern const Type kPeDf5gs;
extern const Type kPeDfSaip;
extern const Type kPeDfSnpn;
extern const Type kPeDf5gprose;
extern const Type kPeIot;
extern const Type kPeOptIot;

}  // namespace smdp::saip::schema
