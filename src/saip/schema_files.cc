// SPDX-License-Identifier: Apache-2.0
// Schema tables for the file-system PEs (PE-MF ... PE-OPT-IoT, SAIP v3.x §8.3, Annex A
// templates). Each is SEQUENCE { <x>-header PEHeader, templateID OBJECT IDENTIFIER,
// then File components }, automatically tagged [0], [1], [2] ...
// Transcribed from PEDefinitions.asn (component names and OPTIONAL marks verbatim).
#include <array>
#include <cstddef>

#include "saip/schema_internal.h"

namespace smdp::saip::schema {
namespace {

struct FileSpec {
  std::string_view name;
  bool optional;
};
constexpr bool O = true;   // OPTIONAL
constexpr bool M = false;  // mandatory

template <std::size_t N>
constexpr std::array<Field, N + 2> fs_fields(std::string_view header,
                                             const std::array<FileSpec, N>& files) {
  std::array<Field, N + 2> out{};
  out[0] = Field{header, ctx(0, true), &kPEHeader};
  out[1] = Field{"templateID", ctx(1), &kOidType};
  for (std::size_t i = 0; i < N; ++i) {
    out[i + 2] = Field{files[i].name, ctx(static_cast<std::uint32_t>(i + 2), true), &kFile,
                       files[i].optional};
  }
  return out;
}

// PE-MF
constexpr auto kPeMfFields = fs_fields("mf-header", std::array{
                                                        FileSpec{"mf", M},
                                                        FileSpec{"ef-pl", O},
                                                        FileSpec{"ef-iccid", M},
                                                        FileSpec{"ef-dir", M},
                                                        FileSpec{"ef-arr", M},
                                                        FileSpec{"ef-umpc", O},
                                                    });

// PE-CD
constexpr auto kPeCdFields = fs_fields("cd-header", std::array{
                                                        FileSpec{"df-cd", M},
                                                        FileSpec{"ef-launchpad", O},
                                                        FileSpec{"ef-icon", O},
                                                    });

// PE-TELECOM
constexpr auto kPeTelecomFields = fs_fields(
    "telecom-header",
    std::array{
        FileSpec{"df-telecom", M}, FileSpec{"ef-arr", O},          FileSpec{"ef-rma", O},
        FileSpec{"ef-sume", O},    FileSpec{"ef-ice-dn", O},       FileSpec{"ef-ice-ff", O},
        FileSpec{"ef-psismsc", O}, FileSpec{"df-graphics", O},     FileSpec{"ef-img", O},
        FileSpec{"ef-iidf", O},    FileSpec{"ef-ice-graphics", O}, FileSpec{"ef-launch-scws", O},
        FileSpec{"ef-icon", O},    FileSpec{"df-phonebook", O},    FileSpec{"ef-pbr", O},
        FileSpec{"ef-ext1", O},    FileSpec{"ef-aas", O},          FileSpec{"ef-gas", O},
        FileSpec{"ef-psc", O},     FileSpec{"ef-cc", O},           FileSpec{"ef-puid", O},
        FileSpec{"ef-iap", O},     FileSpec{"ef-adn", O},          FileSpec{"ef-pbc", O},
        FileSpec{"ef-anr", O},     FileSpec{"ef-puri", O},         FileSpec{"ef-email", O},
        FileSpec{"ef-sne", O},     FileSpec{"ef-uid", O},          FileSpec{"ef-grp", O},
        FileSpec{"ef-ccp1", O},    FileSpec{"df-multimedia", O},   FileSpec{"ef-mml", O},
        FileSpec{"ef-mmdf", O},    FileSpec{"df-mmss", O},         FileSpec{"ef-mlpl", O},
        FileSpec{"ef-mspl", O},    FileSpec{"ef-mmssmode", O},     FileSpec{"df-mcs", O},
        FileSpec{"ef-mst", O},     FileSpec{"ef-mcs-config", O},   FileSpec{"df-v2x", O},
        FileSpec{"ef-vst", O},     FileSpec{"ef-v2x-config", O},   FileSpec{"ef-v2xp-pc5", O},
        FileSpec{"ef-v2xp-Uu", O},
    });

// PE-USIM
constexpr auto kPeUsimFields = fs_fields(
    "usim-header",
    std::array{
        FileSpec{"adf-usim", M},  FileSpec{"ef-imsi", M},      FileSpec{"ef-arr", M},
        FileSpec{"ef-keys", O},   FileSpec{"ef-keysPS", O},    FileSpec{"ef-hpplmn", O},
        FileSpec{"ef-ust", M},    FileSpec{"ef-fdn", O},       FileSpec{"ef-sms", O},
        FileSpec{"ef-smsp", O},   FileSpec{"ef-smss", O},      FileSpec{"ef-spn", M},
        FileSpec{"ef-est", M},    FileSpec{"ef-start-hfn", O}, FileSpec{"ef-threshold", O},
        FileSpec{"ef-psloci", O}, FileSpec{"ef-acc", M},       FileSpec{"ef-fplmn", O},
        FileSpec{"ef-loci", O},   FileSpec{"ef-ad", O},        FileSpec{"ef-ecc", M},
        FileSpec{"ef-netpar", O}, FileSpec{"ef-epsloci", O},   FileSpec{"ef-epsnsc", O},
    });

// PE-OPT-USIM
constexpr auto kPeOptUsimFields =
    fs_fields("optusim-header", std::array{
                                    FileSpec{"ef-li", O},
                                    FileSpec{"ef-acmax", O},
                                    FileSpec{"ef-acm", O},
                                    FileSpec{"ef-gid1", O},
                                    FileSpec{"ef-gid2", O},
                                    FileSpec{"ef-msisdn", O},
                                    FileSpec{"ef-puct", O},
                                    FileSpec{"ef-cbmi", O},
                                    FileSpec{"ef-cbmid", O},
                                    FileSpec{"ef-sdn", O},
                                    FileSpec{"ef-ext2", O},
                                    FileSpec{"ef-ext3", O},
                                    FileSpec{"ef-cbmir", O},
                                    FileSpec{"ef-plmnwact", O},
                                    FileSpec{"ef-oplmnwact", O},
                                    FileSpec{"ef-hplmnwact", O},
                                    FileSpec{"ef-dck", O},
                                    FileSpec{"ef-cnl", O},
                                    FileSpec{"ef-smsr", O},
                                    FileSpec{"ef-bdn", O},
                                    FileSpec{"ef-ext5", O},
                                    FileSpec{"ef-ccp2", O},
                                    FileSpec{"ef-ext4", O},
                                    FileSpec{"ef-acl", O},
                                    FileSpec{"ef-cmi", O},
                                    FileSpec{"ef-ici", O},
                                    FileSpec{"ef-oci", O},
                                    FileSpec{"ef-ict", O},
                                    FileSpec{"ef-oct", O},
                                    FileSpec{"ef-vgcs", O},
                                    FileSpec{"ef-vgcss", O},
                                    FileSpec{"ef-vbs", O},
                                    FileSpec{"ef-vbss", O},
                                    FileSpec{"ef-emlpp", O},
                                    FileSpec{"ef-aaem", O},
                                    FileSpec{"ef-hiddenkey", O},
                                    FileSpec{"ef-pnn", O},
                                    FileSpec{"ef-opl", O},
                                    FileSpec{"ef-mbdn", O},
                                    FileSpec{"ef-ext6", O},
                                    FileSpec{"ef-mbi", O},
                                    FileSpec{"ef-mwis", O},
                                    FileSpec{"ef-cfis", O},
                                    FileSpec{"ef-ext7", O},
                                    FileSpec{"ef-spdi", O},
                                    FileSpec{"ef-mmsn", O},
                                    FileSpec{"ef-ext8", O},
                                    FileSpec{"ef-mmsicp", O},
                                    FileSpec{"ef-mmsup", O},
                                    FileSpec{"ef-mmsucp", O},
                                    FileSpec{"ef-nia", O},
                                    FileSpec{"ef-vgcsca", O},
                                    FileSpec{"ef-vbsca", O},
                                    FileSpec{"ef-gbabp", O},
                                    FileSpec{"ef-msk", O},
                                    FileSpec{"ef-muk", O},
                                    FileSpec{"ef-ehplmn", O},
                                    FileSpec{"ef-gbanl", O},
                                    FileSpec{"ef-ehplmnpi", O},
                                    FileSpec{"ef-lrplmnsi", O},
                                    FileSpec{"ef-nafkca", O},
                                    FileSpec{"ef-spni", O},
                                    FileSpec{"ef-pnni", O},
                                    FileSpec{"ef-ncp-ip", O},
                                    FileSpec{"ef-ufc", O},
                                    FileSpec{"ef-nasconfig", O},
                                    FileSpec{"ef-uicciari", O},
                                    FileSpec{"ef-pws", O},
                                    FileSpec{"ef-fdnuri", O},
                                    FileSpec{"ef-bdnuri", O},
                                    FileSpec{"ef-sdnuri", O},
                                    FileSpec{"ef-ial", O},
                                    FileSpec{"ef-ips", O},
                                    FileSpec{"ef-ipd", O},
                                    FileSpec{"ef-epdgid", O},
                                    FileSpec{"ef-epdgselection", O},
                                    FileSpec{"ef-epdgidem", O},
                                    FileSpec{"ef-epdgselectionem", O},
                                    FileSpec{"ef-frompreferred", O},
                                    FileSpec{"ef-imsconfigdata", O},
                                    FileSpec{"ef-3gpppsdataoff", O},
                                    FileSpec{"ef-3gpppsdataoffservicelist", O},
                                    FileSpec{"ef-xcapconfigdata", O},
                                    FileSpec{"ef-earfcnlist", O},
                                    FileSpec{"ef-mudmidconfigdata", O},
                                    FileSpec{"ef-eaka", O},
                                });

// PE-ISIM
constexpr auto kPeIsimFields = fs_fields("isim-header", std::array{
                                                            FileSpec{"adf-isim", M},
                                                            FileSpec{"ef-impi", M},
                                                            FileSpec{"ef-impu", M},
                                                            FileSpec{"ef-domain", M},
                                                            FileSpec{"ef-ist", M},
                                                            FileSpec{"ef-ad", O},
                                                            FileSpec{"ef-arr", M},
                                                        });

// PE-OPT-ISIM
constexpr auto kPeOptIsimFields =
    fs_fields("optisim-header", std::array{
                                    FileSpec{"ef-pcscf", O},
                                    FileSpec{"ef-sms", O},
                                    FileSpec{"ef-smsp", O},
                                    FileSpec{"ef-smss", O},
                                    FileSpec{"ef-smsr", O},
                                    FileSpec{"ef-gbabp", O},
                                    FileSpec{"ef-gbanl", O},
                                    FileSpec{"ef-nafkca", O},
                                    FileSpec{"ef-uicciari", O},
                                    FileSpec{"ef-frompreferred", O},
                                    FileSpec{"ef-imsconfigdata", O},
                                    FileSpec{"ef-xcapconfigdata", O},
                                    FileSpec{"ef-webrtcuri", O},
                                    FileSpec{"ef-mudmidconfigdata", O},
                                });

// PE-PHONEBOOK
constexpr auto kPePhonebookFields = fs_fields("phonebook-header", std::array{
                                                                      FileSpec{"df-phonebook", M},
                                                                      FileSpec{"ef-pbr", O},
                                                                      FileSpec{"ef-ext1", O},
                                                                      FileSpec{"ef-aas", O},
                                                                      FileSpec{"ef-gas", O},
                                                                      FileSpec{"ef-psc", O},
                                                                      FileSpec{"ef-cc", O},
                                                                      FileSpec{"ef-puid", O},
                                                                      FileSpec{"ef-iap", O},
                                                                      FileSpec{"ef-adn", O},
                                                                      FileSpec{"ef-pbc", O},
                                                                      FileSpec{"ef-anr", O},
                                                                      FileSpec{"ef-puri", O},
                                                                      FileSpec{"ef-email", O},
                                                                      FileSpec{"ef-sne", O},
                                                                      FileSpec{"ef-uid", O},
                                                                      FileSpec{"ef-grp", O},
                                                                      FileSpec{"ef-ccp1", O},
                                                                  });

// PE-GSM-ACCESS
constexpr auto kPeGsmAccessFields = fs_fields("gsm-access-header", std::array{
                                                                       FileSpec{"df-gsm-access", M},
                                                                       FileSpec{"ef-kc", O},
                                                                       FileSpec{"ef-kcgprs", O},
                                                                       FileSpec{"ef-cpbcch", O},
                                                                       FileSpec{"ef-invscan", O},
                                                                   });

// PE-CSIM
constexpr auto kPeCsimFields = fs_fields(
    "csim-header",
    std::array{
        FileSpec{"adf-csim", M},        FileSpec{"ef-arr", M},         FileSpec{"ef-call-count", M},
        FileSpec{"ef-imsi-m", M},       FileSpec{"ef-imsi-t", M},      FileSpec{"ef-tmsi", M},
        FileSpec{"ef-ah", M},           FileSpec{"ef-aop", M},         FileSpec{"ef-aloc", M},
        FileSpec{"ef-cdmahome", M},     FileSpec{"ef-znregi", M},      FileSpec{"ef-snregi", M},
        FileSpec{"ef-distregi", M},     FileSpec{"ef-accolc", M},      FileSpec{"ef-term", M},
        FileSpec{"ef-acp", M},          FileSpec{"ef-prl", M},         FileSpec{"ef-ruimid", M},
        FileSpec{"ef-csim-st", M},      FileSpec{"ef-spc", M},         FileSpec{"ef-otapaspc", M},
        FileSpec{"ef-namlock", M},      FileSpec{"ef-ota", M},         FileSpec{"ef-sp", M},
        FileSpec{"ef-esn-meid-me", M},  FileSpec{"ef-li", M},          FileSpec{"ef-usgind", M},
        FileSpec{"ef-ad", M},           FileSpec{"ef-max-prl", M},     FileSpec{"ef-spcs", M},
        FileSpec{"ef-mecrp", M},        FileSpec{"ef-home-tag", M},    FileSpec{"ef-group-tag", M},
        FileSpec{"ef-specific-tag", M}, FileSpec{"ef-call-prompt", M},
    });

// PE-OPT-CSIM
constexpr auto kPeOptCsimFields = fs_fields("optcsim-header", std::array{
                                                                  FileSpec{"ef-ssci", O},
                                                                  FileSpec{"ef-fdn", O},
                                                                  FileSpec{"ef-sms", O},
                                                                  FileSpec{"ef-smsp", O},
                                                                  FileSpec{"ef-smss", O},
                                                                  FileSpec{"ef-ssfc", O},
                                                                  FileSpec{"ef-spn", O},
                                                                  FileSpec{"ef-mdn", O},
                                                                  FileSpec{"ef-ecc", O},
                                                                  FileSpec{"ef-me3gpdopc", O},
                                                                  FileSpec{"ef-3gpdopm", O},
                                                                  FileSpec{"ef-sipcap", O},
                                                                  FileSpec{"ef-mipcap", O},
                                                                  FileSpec{"ef-sipupp", O},
                                                                  FileSpec{"ef-mipupp", O},
                                                                  FileSpec{"ef-sipsp", O},
                                                                  FileSpec{"ef-mipsp", O},
                                                                  FileSpec{"ef-sippapss", O},
                                                                  FileSpec{"ef-puzl", O},
                                                                  FileSpec{"ef-maxpuzl", O},
                                                                  FileSpec{"ef-hrpdcap", O},
                                                                  FileSpec{"ef-hrpdupp", O},
                                                                  FileSpec{"ef-csspr", O},
                                                                  FileSpec{"ef-atc", O},
                                                                  FileSpec{"ef-eprl", O},
                                                                  FileSpec{"ef-bcsmscfg", O},
                                                                  FileSpec{"ef-bcsmspref", O},
                                                                  FileSpec{"ef-bcsmstable", O},
                                                                  FileSpec{"ef-bcsmsp", O},
                                                                  FileSpec{"ef-bakpara", O},
                                                                  FileSpec{"ef-upbakpara", O},
                                                                  FileSpec{"ef-mmsn", O},
                                                                  FileSpec{"ef-ext8", O},
                                                                  FileSpec{"ef-mmsicp", O},
                                                                  FileSpec{"ef-mmsup", O},
                                                                  FileSpec{"ef-mmsucp", O},
                                                                  FileSpec{"ef-auth-capability", O},
                                                                  FileSpec{"ef-3gcik", O},
                                                                  FileSpec{"ef-dck", O},
                                                                  FileSpec{"ef-gid1", O},
                                                                  FileSpec{"ef-gid2", O},
                                                                  FileSpec{"ef-cdmacnl", O},
                                                                  FileSpec{"ef-sf-euimid", O},
                                                                  FileSpec{"ef-est", O},
                                                                  FileSpec{"ef-hidden-key", O},
                                                                  FileSpec{"ef-lcsver", O},
                                                                  FileSpec{"ef-lcscp", O},
                                                                  FileSpec{"ef-sdn", O},
                                                                  FileSpec{"ef-ext2", O},
                                                                  FileSpec{"ef-ext3", O},
                                                                  FileSpec{"ef-ici", O},
                                                                  FileSpec{"ef-oci", O},
                                                                  FileSpec{"ef-ext5", O},
                                                                  FileSpec{"ef-ccp2", O},
                                                                  FileSpec{"ef-applabels", O},
                                                                  FileSpec{"ef-model", O},
                                                                  FileSpec{"ef-rc", O},
                                                                  FileSpec{"ef-smscap", O},
                                                                  FileSpec{"ef-mipflags", O},
                                                                  FileSpec{"ef-3gpduppext", O},
                                                                  FileSpec{"ef-ipv6cap", O},
                                                                  FileSpec{"ef-tcpconfig", O},
                                                                  FileSpec{"ef-dgc", O},
                                                                  FileSpec{"ef-wapbrowsercp", O},
                                                                  FileSpec{"ef-wapbrowserbm", O},
                                                                  FileSpec{"ef-mmsconfig", O},
                                                                  FileSpec{"ef-jdl", O},
                                                              });

// PE-EAP
constexpr auto kPeEapFields = fs_fields("eap-header", std::array{
                                                          FileSpec{"df-eap", M},
                                                          FileSpec{"ef-eapkeys", O},
                                                          FileSpec{"ef-eapstatus", M},
                                                          FileSpec{"ef-puid", O},
                                                          FileSpec{"ef-ps", O},
                                                          FileSpec{"ef-curid", O},
                                                          FileSpec{"ef-reid", O},
                                                          FileSpec{"ef-realm", O},
                                                      });

// PE-DF-5GS
constexpr auto kPeDf5gsFields = fs_fields("df-5gs-header", std::array{
                                                               FileSpec{"df-df-5gs", M},
                                                               FileSpec{"ef-5gs3gpploci", O},
                                                               FileSpec{"ef-5gsn3gpploci", O},
                                                               FileSpec{"ef-5gs3gppnsc", O},
                                                               FileSpec{"ef-5gsn3gppnsc", O},
                                                               FileSpec{"ef-5gauthkeys", O},
                                                               FileSpec{"ef-uac-aic", O},
                                                               FileSpec{"ef-suci-calc-info", O},
                                                               FileSpec{"ef-opl5g", O},
                                                               FileSpec{"ef-supinai", O},
                                                               FileSpec{"ef-routing-indicator", O},
                                                               FileSpec{"ef-ursp", O},
                                                               FileSpec{"ef-tn3gppsnn", O},
                                                               FileSpec{"ef-cag", O},
                                                               FileSpec{"ef-sor-cmci", O},
                                                               FileSpec{"ef-dri", O},
                                                               FileSpec{"ef-5gsedrx", O},
                                                               FileSpec{"ef-5gnswo-conf", O},
                                                               FileSpec{"ef-mchpplmn", O},
                                                               FileSpec{"ef-kausf-derivation", O},
                                                           });

// PE-DF-SAIP
constexpr auto kPeDfSaipFields =
    fs_fields("df-saip-header", std::array{
                                    FileSpec{"df-df-saip", M},
                                    FileSpec{"ef-suci-calc-info-usim", O},
                                });

// PE-DF-SNPN
constexpr auto kPeDfSnpnFields = fs_fields("df-snpn-header", std::array{
                                                                 FileSpec{"df-df-snpn", M},
                                                                 FileSpec{"ef-pws-snpn", O},
                                                             });

// PE-DF-5GPROSE
constexpr auto kPeDf5gproseFields =
    fs_fields("df-5g-prose-header", std::array{
                                        FileSpec{"df-df-5g-prose", M},
                                        FileSpec{"ef-5g-prose-st", O},
                                        FileSpec{"ef-5g-prose-dd", O},
                                        FileSpec{"ef-5g-prose-dc", O},
                                        FileSpec{"ef-5g-prose-u2nru", O},
                                        FileSpec{"ef-5g-prose-ru", O},
                                        FileSpec{"ef-5g-prose-uir", O},
                                    });

// PE-IoT
constexpr auto kPeIotFields = fs_fields(
    "iot-header",
    std::array{
        FileSpec{"mf", O},        FileSpec{"ef-pl", O},        FileSpec{"ef-iccid", O},
        FileSpec{"ef-dir", O},    FileSpec{"ef-arr", O},       FileSpec{"ef-umpc", O},
        FileSpec{"adf-usim", O},  FileSpec{"ef-imsi", M},      FileSpec{"ef-arr-usim", O},
        FileSpec{"ef-keys", O},   FileSpec{"ef-keysPS", O},    FileSpec{"ef-hpplmn", O},
        FileSpec{"ef-ust", O},    FileSpec{"ef-start-hfn", O}, FileSpec{"ef-threshold", O},
        FileSpec{"ef-psloci", O}, FileSpec{"ef-acc", M},       FileSpec{"ef-fplmn", O},
        FileSpec{"ef-loci", O},   FileSpec{"ef-ad", O},        FileSpec{"ef-ecc", O},
        FileSpec{"ef-netpar", O},
    });

// PE-OPT-IoT
constexpr auto kPeOptIotFields =
    fs_fields("optiot-header", std::array{
                                   FileSpec{"ef-fdn", O},
                                   FileSpec{"ef-sms", O},
                                   FileSpec{"ef-smsp", O},
                                   FileSpec{"ef-smss", O},
                                   FileSpec{"ef-spn", O},
                                   FileSpec{"ef-est", O},
                                   FileSpec{"ef-oplmnwact", O},
                                   FileSpec{"ef-hplmnwact", O},
                                   FileSpec{"ef-ehplmn", O},
                                   FileSpec{"ef-epsloci", O},
                                   FileSpec{"ef-epsnsc", O},
                                   FileSpec{"df-df-5gs", O},
                                   FileSpec{"ef-5gs3gpploci", O},
                                   FileSpec{"ef-5gsn3gpploci", O},
                                   FileSpec{"ef-5gs3gppnsc", O},
                                   FileSpec{"ef-5gsn3gppnsc", O},
                                   FileSpec{"ef-5gauthkeys", O},
                                   FileSpec{"ef-uac-aic", O},
                                   FileSpec{"ef-suci-calc-info", O},
                                   FileSpec{"ef-opl5g", O},
                                   FileSpec{"ef-supi-nai", O},
                                   FileSpec{"ef-routing-indicator", O},
                                   FileSpec{"ef-ursp", O},
                                   FileSpec{"ef-tn3gppsnn", O},
                                   FileSpec{"df-df-saip", O},
                                   FileSpec{"ef-suci-calc-info-usim", O},
                               });

}  // namespace

const Type kPeMf{"PE-MF", Kind::sequence, kPeMfFields};
const Type kPeCd{"PE-CD", Kind::sequence, kPeCdFields};
const Type kPeTelecom{"PE-TELECOM", Kind::sequence, kPeTelecomFields};
const Type kPeUsim{"PE-USIM", Kind::sequence, kPeUsimFields};
const Type kPeOptUsim{"PE-OPT-USIM", Kind::sequence, kPeOptUsimFields};
const Type kPeIsim{"PE-ISIM", Kind::sequence, kPeIsimFields};
const Type kPeOptIsim{"PE-OPT-ISIM", Kind::sequence, kPeOptIsimFields};
const Type kPePhonebook{"PE-PHONEBOOK", Kind::sequence, kPePhonebookFields};
const Type kPeGsmAccess{"PE-GSM-ACCESS", Kind::sequence, kPeGsmAccessFields};
const Type kPeCsim{"PE-CSIM", Kind::sequence, kPeCsimFields};
const Type kPeOptCsim{"PE-OPT-CSIM", Kind::sequence, kPeOptCsimFields};
const Type kPeEap{"PE-EAP", Kind::sequence, kPeEapFields};
const Type kPeDf5gs{"PE-DF-5GS", Kind::sequence, kPeDf5gsFields};
const Type kPeDfSaip{"PE-DF-SAIP", Kind::sequence, kPeDfSaipFields};
const Type kPeDfSnpn{"PE-DF-SNPN", Kind::sequence, kPeDfSnpnFields};
const Type kPeDf5gprose{"PE-DF-5GPROSE", Kind::sequence, kPeDf5gproseFields};
const Type kPeIot{"PE-IoT", Kind::sequence, kPeIotFields};
const Type kPeOptIot{"PE-OPT-IoT", Kind::sequence, kPeOptIotFields};

}  // namespace smdp::saip::schema
