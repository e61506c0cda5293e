// SPDX-License-Identifier: Apache-2.0
// Profile package validation (validate.h): SAIP v2.3/v3.x §7 (order, PE headers),
// §8.1 (services), §8.3 (files, Fcp rules), §9.1 (akaParameter), §10 (PIN/PUK and
// pinStatusTemplateDO usage).
#include "saip/validate.h"

#include <map>
#include <set>

#include "saip/file_shape.h"

namespace smdp::saip {
namespace {

constexpr std::uint64_t kMilenage = 1;
constexpr std::uint64_t kTuak = 2;
constexpr std::uint64_t kTestAlgorithm = 3;

std::string hex_byte(std::uint8_t b) {
  constexpr std::string_view digits = "0123456789ABCDEF";
  return std::string{digits[b >> 4], digits[b & 0x0F]};
}

std::string indexed(std::string_view name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

std::string join(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return std::string(a) + "/" + std::string(b);
}

class Checker {
 public:
  explicit Checker(const ProfilePackage& package) : package_(package) {}

  ValidationReport run() {
    collect_pins();
    check_order();
    check_identifications();
    check_services();
    for (std::size_t i = 0; i < package_.elements.size(); ++i) {
      const Node& pe = package_.elements[i];
      if (!pe.known) continue;
      check_files(i, pe);
      if (pe.name == "akaParameter") check_aka(i, pe);
      if (pe.name == "pinCodes") check_pin_codes(i, pe);
      if (pe.name == "pukCodes") check_puk_codes(i, pe);
    }
    return std::move(report_);
  }

 private:
  void add(std::size_t pe_index, std::string path, std::string message) {
    std::string pe_name;
    if (pe_index < package_.elements.size()) {
      pe_name = std::string(package_.elements[pe_index].name);
    }
    report_.problems.push_back({pe_index, std::move(pe_name), std::move(path), std::move(message)});
  }
  void add_package(std::string message) {
    report_.problems.push_back({0, "", "", std::move(message)});
  }

  // ---- order and identification ----

  void check_order() {
    const auto& pes = package_.elements;
    std::size_t headers = 0;
    std::size_t ends = 0;
    for (std::size_t i = 0; i < pes.size(); ++i) {
      if (pes[i].known && pes[i].name == "header") {
        if (++headers > 1) add(i, "", "a second header PE");
        if (i != 0 && headers == 1) add(i, "", "the header PE is not the first PE");
      }
      if (pes[i].known && pes[i].name == "end") {
        if (++ends > 1) add(i, "", "a second end PE");
        if (i + 1 != pes.size() && ends == 1) add(i, "", "the end PE is not the last PE");
      }
    }
    if (headers == 0) add_package("no header PE");
    if (ends == 0) add_package("no end PE");
  }

  void check_identifications() {
    std::map<std::uint64_t, std::size_t> seen;
    for (std::size_t i = 0; i < package_.elements.size(); ++i) {
      const Node& pe = package_.elements[i];
      if (!pe.known || pe.name == "header" || pe.children.empty()) continue;
      const Node& header = pe.children.front();
      const Node* id = header.child("identification");
      if (id == nullptr) continue;
      const auto value = id->as_uint();
      if (!value) {
        add(i, join(header.name, "identification"), "identification out of range");
        continue;
      }
      auto [it, fresh] = seen.emplace(*value, i);
      if (!fresh) {
        add(i, join(header.name, "identification"),
            "identification " + std::to_string(*value) + " already used by PE " +
                std::to_string(it->second));
      }
    }
  }

  // ---- services ----

  void check_services() {
    const Node* header = package_.find("header");
    if (header == nullptr) return;
    std::set<std::string_view> listed;
    if (const Node* services = header->child("eUICC-Mandatory-services")) {
      for (const Node& s : services->children) listed.insert(s.name);
    }
    const auto require = [&](std::size_t i, std::string path, std::string_view service) {
      if (!listed.contains(service)) {
        add(i, std::move(path),
            "needs service " + std::string(service) + " not in eUICC-Mandatory-services");
      }
    };
    for (std::size_t i = 0; i < package_.elements.size(); ++i) {
      const Node& pe = package_.elements[i];
      if (!pe.known) continue;
      if (pe.name == "usim" || pe.name == "isim" || pe.name == "csim") require(i, "", pe.name);
      // The CSIM's parameters: whether CAVE is used is not signalled by the PE, and the
      // GSMA TS.48 packages carry one listing csim without cave.
      if (pe.name == "cdmaParameter") require(i, "", "csim");
      if (pe.name == "akaParameter") {
        const Node* params = algo_parameter(pe);
        const Node* alg = params != nullptr ? params->child("algorithmID") : nullptr;
        if (alg == nullptr) continue;
        const std::string path = "algoConfiguration/algoParameter/algorithmID";
        const std::uint64_t id = alg->as_uint().value_or(0);
        if (id == kMilenage) require(i, path, "milenage");
        if (id == kTestAlgorithm) require(i, path, "usim-test-algorithm");
        if (id == kTuak) {
          const Node* key = params->child("key");
          require(i, path, key != nullptr && key->value.size() == 32 ? "tuak256" : "tuak128");
        }
      }
    }
  }

  // ---- files ----

  void check_files(std::size_t i, const Node& pe) {
    for (const Node& child : pe.children) {
      if (is_file_node(child)) check_template_file(i, child);
    }
    if (pe.name != "genericFileManagement") return;
    const Node* cmds = pe.child("fileManagementCMD");
    if (cmds == nullptr) return;
    for (std::size_t c = 0; c < cmds->children.size(); ++c) {
      check_file_management(i, indexed("fileManagementCMD", c), cmds->children[c]);
    }
  }

  void check_template_file(std::size_t i, const Node& file) {
    const Node* fcp = file_descriptor(file);
    std::vector<const Node*> fills;
    for (const Node& e : file.children) {
      if (e.name == "fillFileOffset" || e.name == "fillFileContent") fills.push_back(&e);
    }
    check_file(i, std::string(file.name), fcp, file.name, fills, true);
  }

  // A FileManagement command list: createFCP opens a file that the following fills
  // write; filePath selects an existing one whose shape is not known here.
  void check_file_management(std::size_t i, const std::string& path, const Node& cmd) {
    const Node* fcp = nullptr;
    std::string file_path;
    std::vector<const Node*> fills;
    bool open = false;
    std::size_t creates = 0;
    const auto flush = [&] {
      if (open) check_file(i, file_path, fcp, "", fills, false);
      fills.clear();
      open = false;
    };
    for (const Node& e : cmd.children) {
      if (e.name == "createFCP") {
        flush();
        fcp = &e;
        file_path = join(path, indexed("createFCP", creates++));
        open = true;
      } else if (e.name == "filePath") {
        flush();
      } else if (open && (e.name == "fillFileOffset" || e.name == "fillFileContent")) {
        fills.push_back(&e);
      }
    }
    flush();
  }

  void check_file(std::size_t i, const std::string& path, const Node* fcp, std::string_view name,
                  const std::vector<const Node*>& fills, bool template_file) {
    const FileShape shape = file_shape(fcp, name);
    const std::string fcp_path = join(path, template_file ? "fileDescriptor" : "");
    if (fcp != nullptr) {
      check_pin_status_template(i, fcp_path, *fcp);
      const bool has_size = fcp->child("efFileSize") != nullptr;
      if (shape.df && has_size) add(i, join(fcp_path, "efFileSize"), "efFileSize on a DF");
      if (!shape.df && shape.link && has_size) {
        add(i, join(fcp_path, "efFileSize"), "efFileSize on a link file");
      }
      if (!shape.df && !shape.link && !shape.ber_tlv && !has_size && !template_file) {
        add(i, fcp_path, "an EF without efFileSize");
      }
      if (shape.record_length != 0 && shape.size && *shape.size % shape.record_length != 0) {
        add(i, join(fcp_path, "efFileSize"),
            "efFileSize " + std::to_string(*shape.size) +
                " is not a multiple of the record length " + std::to_string(shape.record_length));
      }
    }
    std::size_t offset = 0;
    for (const Node* e : fills) {
      if (e->name == "fillFileOffset") {
        offset += e->as_uint().value_or(0);
        continue;
      }
      const std::string content_path = join(path, "fillFileContent");
      if (shape.df) {
        add(i, content_path, "content for a DF");
        return;
      }
      if (shape.record_length != 0 && offset % shape.record_length != 0) {
        add(i, content_path,
            "record content not a multiple of the record length " +
                std::to_string(shape.record_length) + " (a write starts at offset " +
                std::to_string(offset) + ")");
        return;  // every later write is shifted too: one problem per file
      }
      offset += e->value.size();
      if (shape.size && offset > *shape.size) {
        add(i, content_path,
            "content reaches " + std::to_string(offset) + " octets, beyond efFileSize " +
                std::to_string(*shape.size));
        return;
      }
    }
  }

  // ---- PIN / PUK ----

  static const Node* pin_list(const Node& pe) {
    const Node* codes = pe.child("pinCodes");
    return codes != nullptr ? codes->child("pinconfig") : nullptr;
  }

  void collect_pins() {
    for (const Node& pe : package_.elements) {
      if (!pe.known) continue;
      if (pe.name == "pinCodes") {
        if (const Node* list = pin_list(pe)) {
          for (const Node& item : list->children) {
            if (const Node* k = item.child("keyReference"); k && k->as_uint()) {
              pins_.insert(*k->as_uint());
            }
          }
        }
      }
      if (pe.name == "pukCodes") {
        if (const Node* list = pe.child("pukCodes")) {
          for (const Node& item : list->children) {
            if (const Node* k = item.child("keyReference"); k && k->as_uint()) {
              puks_.insert(*k->as_uint());
            }
          }
        }
      }
    }
  }

  void check_pin_codes(std::size_t i, const Node& pe) {
    const Node* list = pin_list(pe);
    if (list == nullptr) return;
    std::set<std::uint64_t> here;
    for (std::size_t n = 0; n < list->children.size(); ++n) {
      const Node& item = list->children[n];
      const std::string path = "pinCodes/" + indexed("pinconfig", n);
      const Node* k = item.child("keyReference");
      if (k != nullptr && k->as_uint() && !here.insert(*k->as_uint()).second) {
        add(i, join(path, "keyReference"),
            "keyReference " + std::to_string(*k->as_uint()) + " defined twice in this PE");
      }
      const Node* unblock = item.child("unblockingPINReference");
      if (unblock != nullptr) {
        const auto ref = unblock->as_uint();
        if (!ref || !puks_.contains(*ref)) {
          add(i, join(path, "unblockingPINReference"),
              "unblockingPINReference " + (ref ? std::to_string(*ref) : std::string("?")) +
                  " is not defined in a pukCodes PE");
        }
      }
    }
  }

  void check_puk_codes(std::size_t i, const Node& pe) {
    const Node* list = pe.child("pukCodes");
    if (list == nullptr) return;
    std::set<std::uint64_t> here;
    for (std::size_t n = 0; n < list->children.size(); ++n) {
      const Node* k = list->children[n].child("keyReference");
      if (k != nullptr && k->as_uint() && !here.insert(*k->as_uint()).second) {
        add(i, join(indexed("pukCodes", n), "keyReference"),
            "keyReference " + std::to_string(*k->as_uint()) + " defined twice in this PE");
      }
    }
  }

  // pinStatusTemplateDO lists the key references of the PINs a DF uses.
  void check_pin_status_template(std::size_t i, const std::string& fcp_path, const Node& fcp) {
    const Node* ps = fcp.child("pinStatusTemplateDO");
    if (ps == nullptr) return;
    for (const std::uint8_t ref : ps->value) {
      if (!pins_.contains(ref)) {
        add(i, join(fcp_path, "pinStatusTemplateDO"),
            "PIN key reference '" + hex_byte(ref) + "'H is not defined in a pinCodes PE");
      }
    }
  }

  // ---- AKA ----

  static const Node* algo_parameter(const Node& pe) {
    const Node* config = pe.child("algoConfiguration");
    return config != nullptr ? config->child("algoParameter") : nullptr;
  }

  void check_size(std::size_t i, const std::string& path, const Node* field,
                  std::initializer_list<std::size_t> allowed, std::string_view what) {
    if (field == nullptr) return;
    for (std::size_t n : allowed) {
      if (field->value.size() == n) return;
    }
    std::string sizes;
    for (std::size_t n : allowed) sizes += (sizes.empty() ? "" : " or ") + std::to_string(n);
    add(i, path,
        std::string(what) + " of " + std::to_string(field->value.size()) + " octets, expected " +
            sizes);
  }

  void check_aka(std::size_t i, const Node& pe) {
    if (const Node* params = algo_parameter(pe)) {
      const std::string base = "algoConfiguration/algoParameter";
      const Node* alg = params->child("algorithmID");
      const std::uint64_t id = alg != nullptr ? alg->as_uint().value_or(0) : 0;
      const Node* key = params->child("key");
      const Node* opc = params->child("opc");
      if (id == kMilenage) {
        check_size(i, join(base, "key"), key, {16}, "Milenage key");
        check_size(i, join(base, "opc"), opc, {16}, "Milenage OPc");
      } else if (id == kTuak) {
        check_size(i, join(base, "key"), key, {16, 32}, "TUAK key");
        check_size(i, join(base, "opc"), opc, {32}, "TUAK TOPc");
      } else if (id != kTestAlgorithm) {
        add(i, join(base, "algorithmID"), "unknown algorithmID");
      }
      check_size(i, join(base, "rotationConstants"), params->child("rotationConstants"), {5},
                 "rotationConstants");
      check_size(i, join(base, "xoringConstants"), params->child("xoringConstants"), {80},
                 "xoringConstants");
    }
    if (const Node* sqn = pe.child("sqnInit")) {
      if (sqn->children.size() != 32) {
        add(i, "sqnInit",
            "sqnInit has " + std::to_string(sqn->children.size()) + " entries, expected 32");
      }
      for (std::size_t n = 0; n < sqn->children.size(); ++n) {
        check_size(i, "sqnInit/" + std::to_string(n), &sqn->children[n], {6}, "sqnInit entry");
      }
    }
  }

  const ProfilePackage& package_;
  ValidationReport report_;
  std::set<std::uint64_t> pins_;
  std::set<std::uint64_t> puks_;
};

}  // namespace

std::string ValidationReport::to_text() const {
  std::string out;
  for (const Problem& p : problems) {
    if (p.pe_name.empty()) {
      out += "package";
    } else {
      out += "PE " + std::to_string(p.pe_index) + " " + p.pe_name;
    }
    out += ": ";
    if (!p.path.empty()) out += p.path + ": ";
    out += p.message;
    out += '\n';
  }
  return out;
}

ValidationReport validate(const ProfilePackage& package) { return Checker(package).run(); }

}  // namespace smdp::saip
