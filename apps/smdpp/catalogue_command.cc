// SPDX-License-Identifier: Apache-2.0
// `smdpp template add|list|validate` and `smdpp type add|list`: the operator's
// catalogue of profile templates and profile types (core/profile_types.h).
#include <iostream>

#include "base/file.h"
#include "base/strings.h"
#include "commands.h"
#include "core/clock.h"
#include "core/profile_types.h"
#include "data_store.h"
#include "saip/package.h"
#include "saip/validate.h"
#include "service_options.h"

namespace smdpp {
namespace {

using namespace smdp;

struct TemplateOptions {
  std::string name, package;
};

int validate_package(const std::string& path) {
  auto package = read_file(path);
  if (!package) return report_failure("template validate", "cannot read " + path);
  auto decoded = saip::ProfilePackage::decode(*package);
  if (!decoded) return report_failure("template validate", decoded.error());
  const auto report = saip::validate(*decoded);
  std::cout << path << ": " << decoded->elements.size() << " profile elements, "
            << report.problems.size() << " problem(s)\n"
            << report.to_text();
  return report.ok() ? 0 : 1;
}

int add_template(const DataOptions& d, const TemplateOptions& o) {
  auto package = read_file(o.package);
  if (!package) return report_failure("template add", "cannot read " + o.package);
  auto store = open_store(d);
  if (!store) return report_failure("template add", store.error());
  static const core::SystemClock clock;
  saip::ValidationReport report;
  auto added = core::import_template(**store, o.name, *package, clock, &report);
  if (!added) {
    std::cerr << report.to_text();
    return report_failure("template add", added.error());
  }
  std::cout << "template " << added->name << ": " << added->package.size() << " bytes, SHA-256 "
            << to_hex(added->sha256) << "\n";
  return 0;
}

int list_templates(const DataOptions& d) {
  auto store = open_store(d);
  if (!store) return report_failure("template list", store.error());
  auto all = (*store)->list_templates();
  if (!all) return report_failure("template list", all.error());
  for (const auto& t : *all) std::cout << t.name << "  sha256=" << to_hex(t.sha256) << "\n";
  return 0;
}

struct TypeOptions {
  core::ProfileTypeDefinition def;
  std::string profile_class = "operational";
  std::string icon;
  std::vector<std::string> notify;  // "install,enable@fqdn"
  unsigned order_ttl = 0;
};

Result<void> apply_type_options(TypeOptions& o) {
  auto bad = [](std::string what) { return fail(core::CatalogueErrc::invalid_metadata, what); };
  const std::vector<std::pair<std::string_view, std::uint64_t>> classes = {
      {"test", 0}, {"provisioning", 1}, {"operational", 2}};
  bool known = false;
  for (auto [name, value] : classes) {
    if (o.profile_class == name) o.def.profile_class = value, known = true;
  }
  if (!known) return bad("--class is test, provisioning or operational");
  if (!o.icon.empty()) {
    auto icon = read_file(o.icon);
    if (!icon) return bad("cannot read icon " + o.icon);
    o.def.icon = std::move(*icon);
    o.def.icon_type = o.icon.ends_with(".png") ? 1 : 0;
  }
  for (const auto& spec : o.notify) {
    const auto at = spec.find('@');
    if (at == std::string::npos) return bad("--notify is EVENTS@FQDN: " + spec);
    core::NotificationTarget t;
    t.address = spec.substr(at + 1);
    for (const auto& e : split_list(spec.substr(0, at))) {
      if (e == "install")
        t.install = true;
      else if (e == "enable")
        t.enable = true;
      else if (e == "disable")
        t.disable = true;
      else if (e == "delete")
        t.remove = true;
      else
        return bad("--notify event '" + e + "' (install, enable, disable, delete)");
    }
    o.def.notifications.push_back(std::move(t));
  }
  if (o.order_ttl > 0) o.def.order_ttl = std::chrono::seconds{o.order_ttl};
  return {};
}

int add_type(const DataOptions& d, TypeOptions& o) {
  if (auto applied = apply_type_options(o); !applied)
    return report_failure("type add", applied.error());
  auto store = open_store(d);
  if (!store) return report_failure("type add", store.error());
  if (!o.def.operator_name.empty()) {
    auto owner = (*store)->get_operator(o.def.operator_name);
    if (!owner) return report_failure("type add", owner.error());
    if (!*owner)
      return report_failure(
          "type add", "no operator " + o.def.operator_name + " (add it with `smdpp operator add`)");
  }
  static const core::SystemClock clock;
  auto added = core::define_profile_type(**store, o.def, clock);
  if (!added) return report_failure("type add", added.error());
  std::cout << "profile type " << added->name << " (template " << added->template_name
            << ", variables " << added->variables << ")\n";
  return 0;
}

int list_types(const DataOptions& d) {
  auto store = open_store(d);
  if (!store) return report_failure("type list", store.error());
  auto all = (*store)->list_profile_types();
  if (!all) return report_failure("type list", all.error());
  for (const auto& t : *all) {
    std::cout << t.name << "  template=" << t.template_name << "  variables=" << t.variables
              << "  low-stock=" << t.low_stock_threshold << "  precompute=" << t.precompute
              << "  operator=" << (t.operator_name.empty() ? "-" : t.operator_name) << "\n";
  }
  return 0;
}

}  // namespace

int template_main(int argc, char** argv) {
  CLI::App app("Profile templates: validated SAIP packages that profile types personalise.",
               "smdpp template");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  TemplateOptions o;
  CLI::App* add_cmd = app.add_subcommand("add", "validate a profile package and store it");
  add_cmd->add_option("--name", o.name, "template name")->required();
  add_cmd->add_option("--package", o.package, "the profile package (SAIP DER)")->required();
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "decode and validate a package, print every problem");
  validate_cmd->add_option("--package", o.package, "the profile package (SAIP DER)")->required();
  CLI::App* list_cmd = app.add_subcommand("list", "list stored templates");
  for (CLI::App* c : {add_cmd, validate_cmd, list_cmd}) c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (add_cmd->parsed()) return add_template(d, o);
    if (validate_cmd->parsed()) return validate_package(o.package);
    return list_templates(d);
  });
}

int type_main(int argc, char** argv) {
  CLI::App app("Profile types: a template, its per-subscription variables and its metadata.",
               "smdpp type");
  app.require_subcommand(1);
  DataOptions d;
  app.set_config("--config", "", "read options from a TOML/INI file");
  add_data_options(app, d);
  TypeOptions o;
  auto& def = o.def;
  CLI::App* add_cmd = app.add_subcommand("add", "define a profile type");
  add_cmd->add_option("--name", def.name, "profile type name")->required();
  add_cmd->add_option("--template", def.template_name, "a stored template")->required();
  add_cmd
      ->add_option("--variables", def.variables,
                   "per-subscription variables: iccid,imsi,ki,opc,pin1,pin2,puk1,puk2,"
                   "adm1,ef:<path>")
      ->capture_default_str();
  add_cmd->add_option("--service-provider", def.service_provider_name, "metadata, <= 32");
  add_cmd->add_option("--profile-name", def.profile_name, "metadata, <= 64");
  add_cmd->add_option("--class", o.profile_class, "test, provisioning or operational")
      ->capture_default_str();
  add_cmd->add_option("--icon", o.icon, "icon file (.png or .jpg, <= 1024 bytes)");
  add_cmd->add_flag("--ppr-update-control", def.ppr_update_control, "PPR update control");
  add_cmd->add_flag("--ppr1", def.ppr1, "PPR1: disabling not allowed");
  add_cmd->add_flag("--ppr2", def.ppr2, "PPR2: deletion not allowed");
  add_cmd->add_option("--notify", o.notify,
                      "notification configuration EVENTS@FQDN, e.g. install,delete@mno.example");
  add_cmd->add_option("--low-stock", def.low_stock_threshold,
                      "inventory event when Available falls below this (0: none)");
  add_cmd->add_option("--precompute", def.precompute,
                      "protected packages to keep ready for the next orders");
  add_cmd->add_option("--max-attempts", def.max_download_attempts, "download attempts per order")
      ->capture_default_str();
  add_cmd->add_option("--order-ttl", o.order_ttl, "order expiry in seconds (0: none)");
  add_cmd->add_option("--operator", def.operator_name,
                      "the operator that owns it on ES2+ (`smdpp operator add`)");
  CLI::App* list_cmd = app.add_subcommand("list", "list profile types");
  for (CLI::App* c : {add_cmd, list_cmd}) c->fallthrough();
  return smdp::cli::run(app, argc, argv, [&] {
    if (add_cmd->parsed()) return add_type(d, o);
    return list_types(d);
  });
}

}  // namespace smdpp
