// SPDX-License-Identifier: Apache-2.0
// Concurrency: eUICCs racing for one matchingId; exactly one gets the profile, because
// holding a profile is a guarded transition in the store (DESIGN.md principle 4).
#include <barrier>
#include <thread>

#include "e2e_fixture.h"

namespace smdp::e2e {
namespace {

class Race : public E2e {};

TEST_F(Race, when_four_euiccs_race_for_one_matching_id_then_exactly_one_gets_the_profile) {
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(round);
    start_service([&](server::ServiceConfig& c) {
      c.database_path = (dir_ / ("race-" + std::to_string(round) + ".db")).string();
    });
    const auto p = register_profile();
    const std::string ac = activation_code(p);
    std::vector<euicc::Card> cards;
    // Four distinct eUICCs (one EID is one eUICC: it keeps one session at a time).
    for (auto [curve, eid] : {std::pair{"nist", kEidA}, std::pair{"nist", kEidB},
                              std::pair{"brp", kEidC}, std::pair{"brp", kEidD}})
      cards.push_back(card(curve, eid));
    std::vector<lpa::DownloadResult> results(cards.size());
    std::barrier start(static_cast<std::ptrdiff_t>(cards.size()));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < cards.size(); ++i) {
      threads.emplace_back([&, i] {
        auto c = client();
        lpa::DownloadOptions o;
        o.now = clock_.now();
        start.arrive_and_wait();
        results[i] = lpa::download(cards[i], c, ac, o);
      });
    }
    for (auto& t : threads) t.join();
    int installed = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].ok()) {
        ++installed;
        EXPECT_EQ(cards[i].installed_profiles().size(), 1u);
      } else {
        const std::string c = codes(results[i]);
        EXPECT_TRUE(c == "8.2/1.2" || c == "8.1.1/3.8" || c == "8.2/3.7") << c;
        EXPECT_TRUE(cards[i].installed_profiles().empty());
      }
    }
    EXPECT_EQ(installed, 1);
    EXPECT_EQ(profile(p.iccid).state, core::ProfileState::installed);
  }
}

}  // namespace
}  // namespace smdp::e2e
