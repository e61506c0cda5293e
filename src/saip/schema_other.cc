// SPDX-License-Identifier: Apache-2.0
// Schema tables for ProfileElement and the PEs other than the file system: header,
// genericFileManagement, pinCodes, pukCodes, akaParameter, cdmaParameter,
// securityDomain, rfm, application, nonStandard, end, rfu1-5 (PEDefinitions.asn v3.x).
#include <algorithm>

#include "saip/schema_internal.h"

namespace smdp::saip::schema {
namespace {

constexpr bool O = true;  // OPTIONAL
constexpr bool C = true;  // constructed

// ---- ProfileHeader ----
constexpr Field kServicesListFields[] = {
    {"contactless", ctx(0), &kNullType, O},
    {"usim", ctx(1), &kNullType, O},
    {"isim", ctx(2), &kNullType, O},
    {"csim", ctx(3), &kNullType, O},
    {"milenage", ctx(4), &kNullType, O},
    {"tuak128", ctx(5), &kNullType, O},
    {"cave", ctx(6), &kNullType, O},
    {"gba-usim", ctx(7), &kNullType, O},
    {"gba-isim", ctx(8), &kNullType, O},
    {"mbms", ctx(9), &kNullType, O},
    {"eap", ctx(10), &kNullType, O},
    {"javacard", ctx(11), &kNullType, O},
    {"multos", ctx(12), &kNullType, O},
    {"multiple-usim", ctx(13), &kNullType, O},
    {"multiple-isim", ctx(14), &kNullType, O},
    {"multiple-csim", ctx(15), &kNullType, O},
    {"tuak256", ctx(16), &kNullType, O},
    {"usim-test-algorithm", ctx(17), &kNullType, O},
    {"ber-tlv", ctx(18), &kNullType, O},
    {"dfLink", ctx(19), &kNullType, O},
    {"cat-tp", ctx(20), &kNullType, O},
    {"get-identity", ctx(21), &kNullType, O},
    {"profile-a-x25519", ctx(22), &kNullType, O},
    {"profile-b-p256", ctx(23), &kNullType, O},
    {"suciCalculatorApi", ctx(24), &kNullType, O},
    {"dns-resolution", ctx(25), &kNullType, O},
    {"scp11ac", ctx(26), &kNullType, O},
    {"scp11c-authorization-mechanism", ctx(27), &kNullType, O},
    {"s16mode", ctx(28), &kNullType, O},
    {"eaka", ctx(29), &kNullType, O},
};
const Type kServicesList{"ServicesList", Kind::sequence, kServicesListFields};

constexpr Field kOidElement[] = {{"item", kOid, &kOidType}};
const Type kOidList{"", Kind::sequence_of, kOidElement};

constexpr Field kMandatoryAidFields[] = {
    {"aid", ctx(0), &kOctetStringType},
    {"version", ctx(1), &kOctetStringType},
};
const Type kMandatoryAid{"", Kind::sequence, kMandatoryAidFields};
constexpr Field kMandatoryAidElement[] = {{"item", kSequence, &kMandatoryAid}};
const Type kMandatoryAids{"", Kind::sequence_of, kMandatoryAidElement};

constexpr Field kIotOptionsFields[] = {{"pix", ctx(0), &kOctetStringType}};
const Type kIotOptions{"IotOptions", Kind::sequence, kIotOptionsFields};

constexpr Field kProfileHeaderFields[] = {
    {"major-version", ctx(0), &kIntegerType},
    {"minor-version", ctx(1), &kIntegerType},
    {"profileType", ctx(2), &kUtf8Type, O},
    {"iccid", ctx(3), &kOctetStringType},
    {"pol", ctx(4), &kOctetStringType, O},
    {"eUICC-Mandatory-services", ctx(5, C), &kServicesList},
    {"eUICC-Mandatory-GFSTEList", ctx(6, C), &kOidList},
    {"connectivityParameters", ctx(7), &kOctetStringType, O},
    {"eUICC-Mandatory-AIDs", ctx(8, C), &kMandatoryAids, O},
    {"iotOptions", ctx(9, C), &kIotOptions, O},
};
const Type kProfileHeader{"ProfileHeader", Kind::sequence, kProfileHeaderFields};

// ---- PE-GenericFileManagement ----
// FileManagement's CHOICE has explicit tags, so fillFileOffset keeps INTEGER.
constexpr Field kFileManagementAlternatives[] = {
    {"filePath", ctx(0), &kOctetStringType},
    {"createFCP", app(2, C), &kFcp},
    {"fillFileOffset", kInteger, &kIntegerType},
    {"fillFileContent", ctx(1), &kOctetStringType},
};
const Type kFileManagementEntry{"", Kind::choice, kFileManagementAlternatives};
constexpr Field kFileManagementElement[] = {{"item", 0, &kFileManagementEntry}};
const Type kFileManagement{"FileManagement", Kind::sequence_of, kFileManagementElement};
constexpr Field kFileManagementListElement[] = {{"FileManagement", kSequence, &kFileManagement}};
const Type kFileManagementList{"", Kind::sequence_of, kFileManagementListElement};

constexpr Field kGenericFileManagementFields[] = {
    {"gfm-header", ctx(0, C), &kPEHeader},
    {"fileManagementCMD", ctx(1, C), &kFileManagementList},
};
const Type kPeGenericFileManagement{"PE-GenericFileManagement", Kind::sequence,
                                    kGenericFileManagementFields};

// ---- PE-PINCodes / PE-PUKCodes ----
constexpr NamedNumber kPinKeyReferences[] = {
    {"pinAppl1", 1},
    {"pinAppl2", 2},
    {"pinAppl3", 3},
    {"pinAppl4", 4},
    {"pinAppl5", 5},
    {"pinAppl6", 6},
    {"pinAppl7", 7},
    {"pinAppl8", 8},
    {"adm1", 10},
    {"adm2", 11},
    {"adm3", 12},
    {"adm4", 13},
    {"adm5", 14},
    {"secondPINAppl1", 129},
    {"secondPINAppl2", 130},
    {"secondPINAppl3", 131},
    {"secondPINAppl4", 132},
    {"secondPINAppl5", 133},
    {"secondPINAppl6", 134},
    {"secondPINAppl7", 135},
    {"secondPINAppl8", 136},
    {"adm6", 138},
    {"adm7", 139},
    {"adm8", 140},
    {"adm9", 141},
    {"adm10", 142},
};
const Type kPinKeyReferenceValue{"PINKeyReferenceValue", Kind::integer, {}, kPinKeyReferences};

constexpr NamedNumber kPukKeyReferences[] = {
    {"pukAppl1", 1},         {"pukAppl2", 2},         {"pukAppl3", 3},
    {"pukAppl4", 4},         {"pukAppl5", 5},         {"pukAppl6", 6},
    {"pukAppl7", 7},         {"pukAppl8", 8},         {"secondPUKAppl1", 129},
    {"secondPUKAppl2", 130}, {"secondPUKAppl3", 131}, {"secondPUKAppl4", 132},
    {"secondPUKAppl5", 133}, {"secondPUKAppl6", 134}, {"secondPUKAppl7", 135},
    {"secondPUKAppl8", 136},
};
const Type kPukKeyReferenceValue{"PUKKeyReferenceValue", Kind::integer, {}, kPukKeyReferences};

constexpr Field kPinConfigurationFields[] = {
    {"keyReference", ctx(0), &kPinKeyReferenceValue},
    {"pinValue", ctx(1), &kOctetStringType},
    {"unblockingPINReference", ctx(2), &kPukKeyReferenceValue, O},
    {"pinAttributes", ctx(3), &kIntegerType, false, "07"},
    {"maxNumOfAttemps-retryNumLeft", ctx(4), &kIntegerType, false, "33"},
};
const Type kPinConfiguration{"PINConfiguration", Kind::sequence, kPinConfigurationFields};
constexpr Field kPinConfigElement[] = {{"PINConfiguration", kSequence, &kPinConfiguration}};
const Type kPinConfigList{"", Kind::sequence_of, kPinConfigElement};

constexpr Field kPinCodesAlternatives[] = {
    {"pinconfig", ctx(0, C), &kPinConfigList},
    {"filePath", ctx(1), &kOctetStringType},
};
const Type kPinCodesChoice{"", Kind::choice, kPinCodesAlternatives};

constexpr Field kPinCodesFields[] = {
    {"pin-Header", ctx(0, C), &kPEHeader},
    {"pinCodes", ctx(1, C), &kPinCodesChoice},
};
const Type kPePinCodes{"PE-PINCodes", Kind::sequence, kPinCodesFields};

constexpr Field kPukConfigurationFields[] = {
    {"keyReference", ctx(0), &kPukKeyReferenceValue},
    {"pukValue", ctx(1), &kOctetStringType},
    {"maxNumOfAttemps-retryNumLeft", ctx(2), &kIntegerType, false, "00AA"},
};
const Type kPukConfiguration{"PUKConfiguration", Kind::sequence, kPukConfigurationFields};
constexpr Field kPukConfigElement[] = {{"PUKConfiguration", kSequence, &kPukConfiguration}};
const Type kPukConfigList{"", Kind::sequence_of, kPukConfigElement};

constexpr Field kPukCodesFields[] = {
    {"puk-Header", ctx(0, C), &kPEHeader},
    {"pukCodes", ctx(1, C), &kPukConfigList},
};
const Type kPePukCodes{"PE-PUKCodes", Kind::sequence, kPukCodesFields};

// ---- PE-AKAParameter ----
constexpr Field kMappingParameterFields[] = {
    {"mappingOptions", ctx(0), &kOctetStringType},
    {"mappingSource", ctx(1), &kOctetStringType},
};
const Type kMappingParameter{"MappingParameter", Kind::sequence, kMappingParameterFields};

constexpr NamedNumber kAlgorithmIds[] = {
    {"milenage", 1},
    {"tuak", 2},
    {"usim-test-algorithm", 3},
};
const Type kAlgorithmId{"", Kind::integer, {}, kAlgorithmIds};

constexpr Field kAlgoParameterFields[] = {
    {"algorithmID", ctx(0), &kAlgorithmId},
    {"algorithmOptions", ctx(1), &kOctetStringType},
    {"key", ctx(2), &kOctetStringType},
    {"opc", ctx(3), &kOctetStringType},
    {"rotationConstants", ctx(4), &kOctetStringType, false, "4000204060"},
    {"xoringConstants", ctx(5), &kOctetStringType, false,
     "00000000000000000000000000000000000000000000000000000000000000010000000000000000"
     "00000000000000020000000000000000000000000000000400000000000000000000000000000008"},
    {"authCounterMax", ctx(6), &kOctetStringType, O},
    {"numberOfKeccak", ctx(7), &kIntegerType, false, "01"},
};
const Type kAlgoParameter{"AlgoParameter", Kind::sequence, kAlgoParameterFields};

constexpr Field kAlgoConfigurationAlternatives[] = {
    {"mappingParameter", ctx(0, C), &kMappingParameter},
    {"algoParameter", ctx(1, C), &kAlgoParameter},
};
const Type kAlgoConfiguration{"", Kind::choice, kAlgoConfigurationAlternatives};

constexpr Field kSqnElement[] = {{"item", kOctetString, &kOctetStringType}};
const Type kSqnInit{"", Kind::sequence_of, kSqnElement};

// 32 x OCTET STRING '000000000000'H
#define SMDP_SAIP_SQN0 "0406000000000000"
#define SMDP_SAIP_SQN0x8                                                                    \
  SMDP_SAIP_SQN0 SMDP_SAIP_SQN0 SMDP_SAIP_SQN0 SMDP_SAIP_SQN0 SMDP_SAIP_SQN0 SMDP_SAIP_SQN0 \
      SMDP_SAIP_SQN0 SMDP_SAIP_SQN0
constexpr std::string_view kSqnInitDefault =
    SMDP_SAIP_SQN0x8 SMDP_SAIP_SQN0x8 SMDP_SAIP_SQN0x8 SMDP_SAIP_SQN0x8;
#undef SMDP_SAIP_SQN0x8
#undef SMDP_SAIP_SQN0

constexpr Field kAkaParameterFields[] = {
    {"aka-header", ctx(0, C), &kPEHeader},
    {"algoConfiguration", ctx(1, C), &kAlgoConfiguration},
    {"sqnOptions", ctx(2), &kOctetStringType, false, "02"},
    {"sqnDelta", ctx(3), &kOctetStringType, false, "000010000000"},
    {"sqnAgeLimit", ctx(4), &kOctetStringType, false, "000010000000"},
    {"sqnInit", ctx(5, C), &kSqnInit, false, kSqnInitDefault},
};
const Type kPeAkaParameter{"PE-AKAParameter", Kind::sequence, kAkaParameterFields};

// ---- PE-CDMAParameter ----
constexpr Field kCdmaParameterFields[] = {
    {"cdma-header", ctx(0, C), &kPEHeader},
    {"authenticationKey", ctx(1), &kOctetStringType},
    {"ssd", ctx(2), &kOctetStringType, O},
    {"hrpdAccessAuthenticationData", ctx(3), &kOctetStringType, O},
    {"simpleIPAuthenticationData", ctx(4), &kOctetStringType, O},
    {"mobileIPAuthenticationData", ctx(5), &kOctetStringType, O},
};
const Type kPeCdmaParameter{"PE-CDMAParameter", Kind::sequence, kCdmaParameterFields};

// ---- ApplicationInstance and its parts (explicit tags: no automatic tagging) ----
constexpr Field kTs102226AdditionalFields[] = {
    {"protocolParameterData", ctx(0), &kOctetStringType},
};
const Type kTs102226Additional{"TS102226AdditionalContactlessParameters", Kind::sequence,
                               kTs102226AdditionalFields};

constexpr Field kApplicationSystemParametersFields[] = {
    {"volatileMemoryQuotaC7", priv(7), &kOctetStringType, O},
    {"nonVolatileMemoryQuotaC8", priv(8), &kOctetStringType, O},
    {"globalServiceParameters", priv(11), &kOctetStringType, O},
    {"implicitSelectionParameter", priv(15), &kOctetStringType, O},
    {"volatileReservedMemory", priv(23), &kOctetStringType, O},
    {"nonVolatileReservedMemory", priv(24), &kOctetStringType, O},
    {"ts102226SIMFileAccessToolkitParameter", priv(10), &kOctetStringType, O},
    {"ts102226AdditionalContactlessParameters", ctx(0, C), &kTs102226Additional, O},
    {"contactlessProtocolParameters", priv(25), &kOctetStringType, O},
    {"userInteractionContactlessParameters", priv(26), &kOctetStringType, O},
    {"cumulativeGrantedVolatileMemory", ctx(2), &kOctetStringType, O},
    {"cumulativeGrantedNonVolatileMemory", ctx(3), &kOctetStringType, O},
};
const Type kApplicationSystemParameters{"ApplicationSystemParameters", Kind::sequence,
                                        kApplicationSystemParametersFields};

constexpr Field kUiccApplicationParametersFields[] = {
    {"uiccToolkitApplicationSpecificParametersField", ctx(0), &kOctetStringType, O},
    {"uiccAccessApplicationSpecificParametersField", ctx(1), &kOctetStringType, O},
    {"uiccAdministrativeAccessApplicationSpecificParametersField", ctx(2), &kOctetStringType, O},
};
const Type kUiccApplicationParameters{"UICCApplicationParameters", Kind::sequence,
                                      kUiccApplicationParametersFields};

constexpr Field kControlReferenceTemplateFields[] = {
    {"applicationProviderIdentifier", app(32), &kOctetStringType},
};
const Type kControlReferenceTemplate{"ControlReferenceTemplate", Kind::sequence,
                                     kControlReferenceTemplateFields};

constexpr Field kProcessDataElement[] = {{"item", kOctetString, &kOctetStringType}};
const Type kOctetStringList{"", Kind::sequence_of, kProcessDataElement};

constexpr Field kApplicationInstanceFields[] = {
    {"applicationLoadPackageAID", app(15), &kOctetStringType},
    {"classAID", app(15), &kOctetStringType},
    {"instanceAID", app(15), &kOctetStringType},
    {"extraditeSecurityDomainAID", app(15), &kOctetStringType, O},
    {"applicationPrivileges", ctx(2), &kOctetStringType},
    {"lifeCycleState", ctx(3), &kOctetStringType, false, "07"},
    {"applicationSpecificParametersC9", priv(9), &kOctetStringType},
    {"systemSpecificParameters", priv(15, C), &kApplicationSystemParameters, O},
    {"applicationParameters", priv(10, C), &kUiccApplicationParameters, O},
    {"processData", kSequence, &kOctetStringList, O},
    {"controlReferenceTemplate", ctx(16, C), &kControlReferenceTemplate, O},
};
const Type kApplicationInstance{"ApplicationInstance", Kind::sequence, kApplicationInstanceFields};

// ---- PE-SecurityDomain ----
constexpr Field kKeyComponentFields[] = {
    {"keyType", ctx(0), &kOctetStringType},
    {"keyData", ctx(6), &kOctetStringType},
    {"macLength", ctx(7), &kIntegerType, false, "08"},
};
const Type kKeyComponent{"", Kind::sequence, kKeyComponentFields};
constexpr Field kKeyComponentElement[] = {{"item", kSequence, &kKeyComponent}};
const Type kKeyComponentList{"", Kind::sequence_of, kKeyComponentElement};

constexpr Field kKeyObjectFields[] = {
    {"keyUsageQualifier", ctx(21), &kOctetStringType},
    {"keyAccess", ctx(22), &kOctetStringType, false, "00"},
    {"keyIdentifier", ctx(2), &kOctetStringType},
    {"keyVersionNumber", ctx(3), &kOctetStringType},
    {"keyCounterValue", ctx(5), &kOctetStringType, O},
    {"keyCompontents", kSequence, &kKeyComponentList},
};
const Type kKeyObject{"KeyObject", Kind::sequence, kKeyObjectFields};
constexpr Field kKeyObjectElement[] = {{"KeyObject", kSequence, &kKeyObject}};
const Type kKeyList{"", Kind::sequence_of, kKeyObjectElement};

constexpr Field kOpenPersoDataFields[] = {
    {"restrictParameter", priv(25), &kOctetStringType, O},
    {"contactlessProtocolParameters", kOctetString, &kOctetStringType, O},
};
const Type kOpenPersoData{"", Kind::sequence, kOpenPersoDataFields};

constexpr Field kCatTpParametersFields[] = {
    {"catTpMaxSduSize", ctx(0), &kIntegerType},
    {"catTpMaxPduSize", ctx(1), &kIntegerType},
};
const Type kCatTpParameters{"", Kind::sequence, kCatTpParametersFields};

constexpr Field kSecurityDomainFields[] = {
    {"sd-Header", ctx(0, C), &kPEHeader},
    {"instance", ctx(1, C), &kApplicationInstance},
    {"keyList", ctx(2, C), &kKeyList, O},
    {"sdPersoData", ctx(3, C), &kOctetStringList, O},
    {"openPersoData", ctx(4, C), &kOpenPersoData, O},
    {"catTpParameters", ctx(5, C), &kCatTpParameters, O},
};
const Type kPeSecurityDomain{"PE-SecurityDomain", Kind::sequence, kSecurityDomainFields};

// ---- PE-RFM (explicit tags: no automatic tagging; rfm-header and tarList share [0]) ----
constexpr Field kTarElement[] = {{"item", kOctetString, &kOctetStringType}};
const Type kTarList{"", Kind::sequence_of, kTarElement};

constexpr Field kAdfRfmAccessFields[] = {
    {"adfAID", ctx(0), &kOctetStringType},
    {"adfAccessDomain", ctx(1), &kOctetStringType},
    {"adfAdminAccessDomain", ctx(2), &kOctetStringType},
};
const Type kAdfRfmAccess{"ADFRFMAccess", Kind::sequence, kAdfRfmAccessFields};

constexpr Field kRfmFields[] = {
    {"rfm-header", ctx(0, C), &kPEHeader},
    {"instanceAID", app(15), &kOctetStringType},
    {"securityDomainAID", app(15), &kOctetStringType, O},
    {"tarList", ctx(0, C), &kTarList, O},
    {"minimumSecurityLevel", ctx(1), &kOctetStringType},
    {"uiccAccessDomain", kOctetString, &kOctetStringType},
    {"uiccAdminAccessDomain", kOctetString, &kOctetStringType},
    {"adfRFMAccess", kSequence, &kAdfRfmAccess, O},
};
const Type kPeRfm{"PE-RFM", Kind::sequence, kRfmFields};

// ---- PE-Application ----
constexpr Field kApplicationLoadPackageFields[] = {
    {"loadPackageAID", app(15), &kOctetStringType},
    {"securityDomainAID", app(15), &kOctetStringType, O},
    {"nonVolatileCodeLimitC6", priv(6), &kOctetStringType, O},
    {"volatileDataLimitC7", priv(7), &kOctetStringType, O},
    {"nonVolatileDataLimitC8", priv(8), &kOctetStringType, O},
    {"hashValue", priv(1), &kOctetStringType, O},
    {"loadBlockObject", priv(4), &kOctetStringType},
};
const Type kApplicationLoadPackage{"ApplicationLoadPackage", Kind::sequence,
                                   kApplicationLoadPackageFields};
constexpr Field kInstanceElement[] = {{"ApplicationInstance", kSequence, &kApplicationInstance}};
const Type kInstanceList{"", Kind::sequence_of, kInstanceElement};

constexpr Field kApplicationFields[] = {
    {"app-Header", ctx(0, C), &kPEHeader},
    {"loadBlock", ctx(1, C), &kApplicationLoadPackage, O},
    {"instanceList", ctx(2, C), &kInstanceList, O},
};
const Type kPeApplication{"PE-Application", Kind::sequence, kApplicationFields};

// ---- PE-NonStandard, PE-End, PE-Dummy ----
constexpr Field kNonStandardFields[] = {
    {"nonStandard-header", ctx(0, C), &kPEHeader},
    {"issuerID", ctx(1), &kOidType},
    {"content", ctx(2), &kOctetStringType},
};
const Type kPeNonStandard{"PE-NonStandard", Kind::sequence, kNonStandardFields};

constexpr Field kEndFields[] = {{"end-header", ctx(0, C), &kPEHeader}};
const Type kPeEnd{"PE-End", Kind::sequence, kEndFields};
const Type kPeDummy{"PE-Dummy", Kind::sequence};

// ---- ProfileElement ----
constexpr Field kProfileElementAlternatives[] = {
    {"header", ctx(0, C), &kProfileHeader},
    {"genericFileManagement", ctx(1, C), &kPeGenericFileManagement},
    {"pinCodes", ctx(2, C), &kPePinCodes},
    {"pukCodes", ctx(3, C), &kPePukCodes},
    {"akaParameter", ctx(4, C), &kPeAkaParameter},
    {"cdmaParameter", ctx(5, C), &kPeCdmaParameter},
    {"securityDomain", ctx(6, C), &kPeSecurityDomain},
    {"rfm", ctx(7, C), &kPeRfm},
    {"application", ctx(8, C), &kPeApplication},
    {"nonStandard", ctx(9, C), &kPeNonStandard},
    {"end", ctx(10, C), &kPeEnd},
    {"rfu1", ctx(11, C), &kPeDummy},
    {"rfu2", ctx(12, C), &kPeDummy},
    {"rfu3", ctx(13, C), &kPeDummy},
    {"rfu4", ctx(14, C), &kPeDummy},
    {"rfu5", ctx(15, C), &kPeDummy},
    {"mf", ctx(16, C), &kPeMf},
    {"cd", ctx(17, C), &kPeCd},
    {"telecom", ctx(18, C), &kPeTelecom},
    {"usim", ctx(19, C), &kPeUsim},
    {"opt-usim", ctx(20, C), &kPeOptUsim},
    {"isim", ctx(21, C), &kPeIsim},
    {"opt-isim", ctx(22, C), &kPeOptIsim},
    {"phonebook", ctx(23, C), &kPePhonebook},
    {"gsm-access", ctx(24, C), &kPeGsmAccess},
    {"csim", ctx(25, C), &kPeCsim},
    {"opt-csim", ctx(26, C), &kPeOptCsim},
    {"eap", ctx(27, C), &kPeEap},
    {"df-5gs", ctx(28, C), &kPeDf5gs},
    {"df-saip", ctx(29, C), &kPeDfSaip},
    {"df-snpn", ctx(30, C), &kPeDfSnpn},
    {"df-5gprose", ctx(31, C), &kPeDf5gprose},
    {"iot", ctx(32, C), &kPeIot},
    {"opt-iot", ctx(33, C), &kPeOptIot},
};
const Type kProfileElement{"ProfileElement", Kind::choice, kProfileElementAlternatives};

}  // namespace

const Type& profile_element() { return kProfileElement; }

const Field* find_field(const Type& type, std::string_view name) {
  for (const Field& f : type.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool matches(const Field& field, der::Tag tag) {
  if (field.tag != 0) return field.tag == tag;
  if (field.type == nullptr || field.type->kind != Kind::choice) return false;
  return std::ranges::any_of(field.type->fields,
                             [tag](const Field& alt) { return matches(alt, tag); });
}

std::optional<std::int64_t> named_value(const Type& type, std::string_view name) {
  for (const NamedNumber& n : type.named_numbers) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

std::string_view number_name(const Type& type, std::int64_t value) {
  for (const NamedNumber& n : type.named_numbers) {
    if (n.value == value) return n.name;
  }
  return {};
}

}  // namespace smdp::saip::schema
