// SPDX-License-Identifier: Apache-2.0
// Personalisation of a template package (personalise.h). Places of each variable:
// SAIP §8.1 (header iccid), §8.3 (files), §9.1 (akaParameter), §10 (pinCodes/pukCodes);
// codings TS 102 221 §13.2 (EF.ICCID), TS 31.102 §4.2.2 (EF.IMSI), TS 31.103 §4.2.2-4.2.4
// (IMPI/IMPU NAIs), TS 23.003 §13 (IMS domain from the IMSI).
#include "saip/personalise.h"

#include <algorithm>
#include <type_traits>

#include "saip/file_shape.h"

namespace smdp::saip {
namespace {

// PINKeyReferenceValue / PUKKeyReferenceValue (PEDefinitions).
constexpr std::uint64_t kPinAppl1 = 1;
constexpr std::uint64_t kAdm1 = 10;
constexpr std::uint64_t kSecondPinAppl1 = 129;
constexpr std::uint64_t kPukAppl1 = 1;
constexpr std::uint64_t kSecondPukAppl1 = 129;
// AlgoParameter algorithmID.
constexpr std::uint64_t kMilenage = 1;
constexpr std::uint64_t kTuak = 2;
constexpr std::uint64_t kTestAlgorithm = 3;

template <class P>
using NodeOf = std::conditional_t<std::is_const_v<P>, const Node, Node>;

// Items of a SEQUENCE OF found at pe_name/outer[/inner] in every PE of that name.
template <class P>
std::vector<NodeOf<P>*> list_items(P& package, std::string_view pe_name, std::string_view outer,
                                   std::string_view inner) {
  std::vector<NodeOf<P>*> out;
  for (NodeOf<P>& pe : package.elements) {
    if (!pe.known || pe.name != pe_name) continue;
    NodeOf<P>* list = pe.child(outer);
    if (list != nullptr && !inner.empty()) list = list->child(inner);
    if (list == nullptr) continue;
    for (NodeOf<P>& item : list->children) out.push_back(&item);
  }
  return out;
}

template <class P>
std::vector<NodeOf<P>*> pin_configs(P& package) {
  return list_items(package, "pinCodes", "pinCodes", "pinconfig");
}
template <class P>
std::vector<NodeOf<P>*> puk_configs(P& package) {
  return list_items(package, "pukCodes", "pukCodes", "");
}

// Every akaParameter's algoParameter (a mappingParameter has no key of its own).
template <class P>
std::vector<NodeOf<P>*> algo_parameters(P& package) {
  std::vector<NodeOf<P>*> out;
  for (NodeOf<P>& pe : package.elements) {
    if (!pe.known || pe.name != "akaParameter") continue;
    NodeOf<P>* config = pe.child("algoConfiguration");
    NodeOf<P>* params = config != nullptr ? config->child("algoParameter") : nullptr;
    if (params != nullptr) out.push_back(params);
  }
  return out;
}

// The File `file_name` of every PE named one of `pe_names`.
template <class P>
std::vector<NodeOf<P>*> files_named(P& package, std::initializer_list<std::string_view> pe_names,
                                    std::string_view file_name) {
  std::vector<NodeOf<P>*> out;
  for (NodeOf<P>& pe : package.elements) {
    if (!pe.known || std::ranges::find(pe_names, pe.name) == pe_names.end()) continue;
    NodeOf<P>* file = pe.child(file_name);
    if (file != nullptr && is_file_node(*file)) out.push_back(file);
  }
  return out;
}

template <class P>
std::vector<NodeOf<P>*> iccid_files(P& package) {
  return files_named(package, {"mf", "iot"}, "ef-iccid");
}
template <class P>
std::vector<NodeOf<P>*> imsi_files(P& package) {
  return files_named(package, {"usim", "iot"}, "ef-imsi");
}
template <class P>
std::vector<NodeOf<P>*> ims_identity_files(P& package) {
  auto out = files_named(package, {"isim"}, "ef-impi");
  for (auto* f : files_named(package, {"isim"}, "ef-impu")) out.push_back(f);
  return out;
}

bool key_reference_is(const Node& item, std::uint64_t ref) {
  const Node* k = item.child("keyReference");
  return k != nullptr && k->as_uint() == ref;
}

std::optional<std::uint64_t> pin_reference(VariableKind kind) {
  switch (kind) {
    case VariableKind::pin1:
      return kPinAppl1;
    case VariableKind::pin2:
      return kSecondPinAppl1;
    case VariableKind::adm1:
      return kAdm1;
    default:
      return std::nullopt;
  }
}
std::optional<std::uint64_t> puk_reference(VariableKind kind) {
  if (kind == VariableKind::puk1) return kPukAppl1;
  if (kind == VariableKind::puk2) return kSecondPukAppl1;
  return std::nullopt;
}

// The PE name of a find_path path ("usim[1]/ef-spn" -> "usim").
std::string_view path_pe_name(std::string_view path) {
  std::string_view first = path.substr(0, path.find('/'));
  return first.substr(0, first.find('['));
}

// The EF an ef:<path> variable addresses, or null.
const Node* ef_target(const ProfilePackage& package, const std::string& path) {
  const Node* node = find_path(package, path);
  if (node == nullptr || !is_file_node(*node)) return nullptr;
  if (file_shape(file_descriptor(*node), node->name).df) return nullptr;
  return node;
}

// The most a File may hold: efFileSize, else the template default, else what it writes.
std::size_t file_capacity(const Node& file, std::string_view pe_name) {
  const FileShape shape = file_shape(file_descriptor(file), file.name);
  if (shape.size) return *shape.size;
  if (auto d = template_default_size(pe_name, file.name)) return *d;
  return file_content(file).size();
}

bool has_place(const ProfilePackage& package, const Variable& v) {
  const auto has_ref = [](const auto& items, std::uint64_t ref) {
    return std::ranges::any_of(items, [&](const Node* n) { return key_reference_is(*n, ref); });
  };
  switch (v.kind) {
    case VariableKind::iccid:
      return find_path(package, "header/iccid") != nullptr;
    case VariableKind::imsi:
      return !imsi_files(package).empty();
    case VariableKind::ki:
      return std::ranges::any_of(algo_parameters(package),
                                 [](const Node* a) { return a->child("key") != nullptr; });
    case VariableKind::opc:
      return std::ranges::any_of(algo_parameters(package),
                                 [](const Node* a) { return a->child("opc") != nullptr; });
    case VariableKind::pin1:
    case VariableKind::pin2:
    case VariableKind::adm1:
      return has_ref(pin_configs(package), *pin_reference(v.kind));
    case VariableKind::puk1:
    case VariableKind::puk2:
      return has_ref(puk_configs(package), *puk_reference(v.kind));
    case VariableKind::ef_content:
      return ef_target(package, v.path) != nullptr;
  }
  return false;
}

std::string algorithm_name(std::uint64_t id) {
  if (id == kMilenage) return "milenage";
  if (id == kTuak) return "tuak";
  if (id == kTestAlgorithm) return "usim-test-algorithm";
  return "unknown algorithm";
}

// Octets an algorithm accepts for its key (Ki) or opc (OPc/TOPc).
bool algorithm_accepts(std::uint64_t id, bool key, std::size_t octets) {
  if (id == kTuak) return key ? (octets == 16 || octets == 32) : octets == 32;
  if (id == kMilenage || id == kTestAlgorithm) return octets == 16;
  return false;
}

Result<void> check_aka_length(const ProfilePackage& package, const VariableValue& v) {
  const bool key = v.variable.kind == VariableKind::ki;
  const std::size_t octets = v.value.size() / 2;
  for (const Node* params : algo_parameters(package)) {
    const Node* field = params->child(key ? "key" : "opc");
    if (field == nullptr) continue;
    const Node* alg = params->child("algorithmID");
    const std::uint64_t id = alg != nullptr ? alg->as_uint().value_or(0) : 0;
    if (!algorithm_accepts(id, key, octets) || field->value.size() != octets) {
      return fail(Errc::invalid_value, v.variable.name() + ": " + std::to_string(octets) +
                                           " octets where the template's " + algorithm_name(id) +
                                           " parameters have " +
                                           std::to_string(field->value.size()));
    }
  }
  return {};
}

Result<void> check_ef_length(const ProfilePackage& package, const VariableValue& v) {
  const Node* file = ef_target(package, v.variable.path);
  const std::size_t octets = v.value.size() / 2;
  const std::size_t capacity = file_capacity(*file, path_pe_name(v.variable.path));
  if (octets > capacity) {
    return fail(Errc::invalid_value, v.variable.name() + ": " + std::to_string(octets) +
                                         " octets do not fit the file's " +
                                         std::to_string(capacity));
  }
  const FileShape shape = file_shape(file_descriptor(*file), file->name);
  if (shape.record_length != 0 && octets % shape.record_length != 0) {
    return fail(Errc::invalid_value, v.variable.name() + ": " + std::to_string(octets) +
                                         " octets are not whole records of " +
                                         std::to_string(shape.record_length));
  }
  return {};
}

// An ef: variable may not address a File that another variable of `values` sets.
Result<void> check_no_overlap(const ProfilePackage& package, const SubscriptionValues& values,
                              const VariableValue& v) {
  const Node* file = ef_target(package, v.variable.path);
  const auto clashes = [&](VariableKind kind, const std::vector<const Node*>& files) {
    return find_value(values, kind) != nullptr && std::ranges::find(files, file) != files.end();
  };
  if (clashes(VariableKind::iccid, iccid_files(package))) {
    return fail(Errc::invalid_value, v.variable.name() + ": the file iccid sets");
  }
  if (clashes(VariableKind::imsi, imsi_files(package)) ||
      clashes(VariableKind::imsi, ims_identity_files(package))) {
    return fail(Errc::invalid_value, v.variable.name() + ": a file imsi sets");
  }
  return {};
}

// Writes `content` into `file`, keeping its fillFileContent/fillFileOffset layout when
// only written bytes change; otherwise one fillFileContent replaces the entries.
void write_content(Node& file, ByteView content) {
  const Bytes old = file_content(file);
  if (std::ranges::equal(old, content)) return;
  if (old.size() == content.size()) {
    bool in_place = true;
    std::size_t offset = 0;
    for (const Node& e : file.children) {
      if (e.name == "fillFileOffset") {
        const auto skip = e.as_uint();
        if (!skip) {
          in_place = false;
          break;
        }
        for (std::size_t i = offset; i < offset + *skip && i < old.size(); ++i) {
          in_place = in_place && old[i] == content[i];
        }
        offset += *skip;
      } else if (e.name == "fillFileContent") {
        offset += e.value.size();
      }
    }
    if (in_place) {
      offset = 0;
      for (Node& e : file.children) {
        if (e.name == "fillFileOffset") {
          offset += *e.as_uint();
        } else if (e.name == "fillFileContent") {
          const std::size_t n = e.value.size();
          e.value.assign(content.begin() + static_cast<std::ptrdiff_t>(offset),
                         content.begin() + static_cast<std::ptrdiff_t>(offset + n));
          offset += n;
        }
      }
      return;
    }
  }
  set_file_content(file, content);
}

// MNC length from EF.AD byte 4 (TS 31.102 §4.2.18), 2 when absent or out of range.
std::size_t mnc_length(const ProfilePackage& package) {
  for (const Node* ad : files_named(package, {"usim", "iot"}, "ef-ad")) {
    const Bytes c = file_content(*ad);
    if (c.size() >= 4 && ((c[3] & 0x0F) == 2 || (c[3] & 0x0F) == 3)) return c[3] & 0x0F;
  }
  return 2;
}

// "mnc001.mcc001" for IMSI 00101...: the home network domain labels (TS 23.003 §13.2).
std::string ims_domain_labels(std::string_view imsi, std::size_t mnc_len) {
  std::string mnc(imsi.substr(3, mnc_len));
  while (mnc.size() < 3) mnc.insert(mnc.begin(), '0');
  return "mnc" + mnc + ".mcc" + std::string(imsi.substr(0, 3));
}

struct Replacement {
  std::string from, to;
};

std::string replace_all(std::string s, const std::vector<Replacement>& replacements) {
  for (const auto& r : replacements) {
    if (r.from.empty() || r.from == r.to) continue;
    for (std::size_t pos = s.find(r.from); pos != std::string::npos;
         pos = s.find(r.from, pos + r.to.size())) {
      s.replace(pos, r.from.size(), r.to);
    }
  }
  return s;
}

// Rewrites the NAI TLVs ('80' L value, TS 31.103 §4.2.2/§4.2.4) at the start of each
// record (or of a transparent file) of an ISIM identity file.
Result<void> rewrite_nais(Node& file, const std::vector<Replacement>& replacements) {
  const Bytes flat = file_content(file);
  const FileShape shape = file_shape(file_descriptor(file), file.name);
  const std::size_t capacity = shape.size.value_or(flat.size());
  const std::size_t step = shape.record_length != 0 ? shape.record_length : capacity;
  if (step == 0) return {};
  Bytes out = flat;
  bool changed = false;
  for (std::size_t r = 0; r + 2 <= flat.size(); r += step) {
    const std::size_t len = flat[r + 1];
    if (flat[r] != 0x80 || len >= 0x80 || r + 2 + len > flat.size()) continue;
    const std::string old_nai(flat.begin() + static_cast<std::ptrdiff_t>(r + 2),
                              flat.begin() + static_cast<std::ptrdiff_t>(r + 2 + len));
    const std::string nai = replace_all(old_nai, replacements);
    if (nai == old_nai) continue;
    const std::size_t end = std::min(r + step, capacity);
    if (nai.size() >= 0x80 || r + 2 + nai.size() > end) {
      return fail(Errc::invalid_value, "imsi: the NAI in isim/" + std::string(file.name) +
                                           " would not fit its " +
                                           (shape.record_length != 0 ? "record" : "file"));
    }
    if (out.size() < r + 2 + nai.size()) out.resize(r + 2 + nai.size(), 0xFF);
    out[r + 1] = static_cast<std::uint8_t>(nai.size());
    std::ranges::copy(nai, out.begin() + static_cast<std::ptrdiff_t>(r + 2));
    for (std::size_t i = r + 2 + nai.size(); i < r + 2 + len; ++i) out[i] = 0xFF;
    changed = true;
  }
  if (changed) write_content(file, out);
  return {};
}

Result<void> apply_imsi(const ProfilePackage& template_package, ProfilePackage& out,
                        const std::string& imsi) {
  std::string old_imsi;  // empty when the template has none
  if (auto files = imsi_files(template_package); !files.empty()) {
    old_imsi = decode_imsi_ef(file_content(*files.front())).value_or("");
  }
  const Bytes coded = encode_imsi_ef(imsi);
  for (Node* file : imsi_files(out)) write_content(*file, coded);
  if (old_imsi == imsi || old_imsi.size() < 6) return {};
  const std::vector<Replacement> replacements{
      {old_imsi, imsi},
      {ims_domain_labels(old_imsi, mnc_length(template_package)),
       ims_domain_labels(imsi, mnc_length(out))},
  };
  for (Node* file : ims_identity_files(out)) {
    if (auto r = rewrite_nais(*file, replacements); !r) return r;
  }
  return {};
}

void set_pin_values(std::vector<Node*> items, std::uint64_t ref, std::string_view value,
                    std::string_view field) {
  for (Node* item : items) {
    if (!key_reference_is(*item, ref)) continue;
    if (Node* v = item->child(field)) v->value = encode_pin_value(value);
  }
}

}  // namespace

Result<void> check_template_variables(const ProfilePackage& template_package,
                                      const std::vector<Variable>& variables) {
  for (const Variable& v : variables) {
    if (!has_place(template_package, v)) {
      return fail(Errc::not_found, v.name() + ": the template has no place for it");
    }
  }
  return {};
}

Result<void> check_template_values(const ProfilePackage& template_package,
                                   const SubscriptionValues& values) {
  std::vector<Variable> variables;
  for (const auto& v : values) variables.push_back(v.variable);
  if (auto r = check_template_variables(template_package, variables); !r) return r;
  for (const auto& v : values) {
    // Values are normalised by contract; a caller's mistake is refused, never applied.
    auto normal = normalise_value(v.variable, v.value);
    if (!normal) return std::unexpected(normal.error());
    if (*normal != v.value)
      return fail(Errc::invalid_value, v.variable.name() + ": not normalised");
    Result<void> r;
    switch (v.variable.kind) {
      case VariableKind::ki:
      case VariableKind::opc:
        r = check_aka_length(template_package, v);
        break;
      case VariableKind::ef_content:
        r = check_ef_length(template_package, v);
        if (r) r = check_no_overlap(template_package, values, v);
        break;
      default:
        break;
    }
    if (!r) return r;
  }
  return {};
}

Result<ProfilePackage> personalise(const ProfilePackage& template_package,
                                   const SubscriptionValues& values) {
  if (auto r = check_template_values(template_package, values); !r) {
    return std::unexpected(r.error());
  }
  ProfilePackage out = template_package;
  // Whole-file values first: EF.AD may decide the MNC length of the IMS domain.
  for (const auto& v : values) {
    if (v.variable.kind != VariableKind::ef_content) continue;
    if (Node* file = find_path(out, v.variable.path)) {
      set_file_content(*file, from_hex(v.value).value_or(Bytes{}));  // normalised hex
    }
  }
  for (const auto& v : values) {
    switch (v.variable.kind) {
      case VariableKind::iccid:
        find_path(out, "header/iccid")->value = encode_iccid_header(v.value);
        for (Node* file : iccid_files(out)) write_content(*file, encode_iccid_ef(v.value));
        break;
      case VariableKind::imsi:
        if (auto r = apply_imsi(template_package, out, v.value); !r) {
          return std::unexpected(r.error());
        }
        break;
      case VariableKind::ki:
      case VariableKind::opc:
        for (Node* params : algo_parameters(out)) {
          if (Node* f = params->child(v.variable.kind == VariableKind::ki ? "key" : "opc")) {
            f->value = from_hex(v.value).value_or(Bytes{});
          }
        }
        break;
      case VariableKind::pin1:
      case VariableKind::pin2:
      case VariableKind::adm1:
        set_pin_values(pin_configs(out), pin_reference(v.variable.kind).value_or(0), v.value,
                       "pinValue");
        break;
      case VariableKind::puk1:
      case VariableKind::puk2:
        set_pin_values(puk_configs(out), puk_reference(v.variable.kind).value_or(0), v.value,
                       "pukValue");
        break;
      case VariableKind::ef_content:
        break;
    }
  }
  return out;
}

}  // namespace smdp::saip
