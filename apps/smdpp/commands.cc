// SPDX-License-Identifier: Apache-2.0
#include "commands.h"

namespace smdpp {

std::span<const Command> commands() {
  static const Command table[] = {
      {"pki", "create a test PKI in SGP.22 profile, or issue certificates under a CI", pki_main},
      {"serve", "run the SM-DP+: ES9+ and ES2+ over HTTPS, the admin port", serve_main},
      {"profile", "register a downloadable profile (prints its activation code), list profiles",
       profile_main},
      {"template", "import and validate profile templates (SAIP packages), list them",
       template_main},
      {"type", "define profile types: template, variables, metadata; list them", type_main},
      {"keys", "create the data key that seals subscription secrets", keys_main},
      {"inventory", "import subscriptions (CSV), show stock and events, precompute, export",
       inventory_main},
      {"order", "order a profile of a type or by ICCID, release or cancel orders, print codes",
       order_main},
      {"operator", "operators (MNOs) on ES2+: client certificate identity, callbacks",
       operator_main},
      {"outbox", "callbacks and SM-DS events owed: list them, retry undeliverable ones",
       outbox_main},
      {"db", "the database schema: migrate it (PostgreSQL: before serve), check it", db_main},
      {"demo", "bind a profile for a demo eUICC and install it (ES8+ end to end)", demo_main},
  };
  return table;
}

}  // namespace smdpp
