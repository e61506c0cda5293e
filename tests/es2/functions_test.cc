// SPDX-License-Identifier: Apache-2.0
// ES2+ DownloadOrder, ConfirmOrder, CancelOrder, ReleaseProfile (SGP.22 §5.3.1-§5.3.4,
// JSON binding §6.5.2.1-§6.5.2.4) called in-process on a real SQLite store: the field
// rules of es2/functions.h and the status code of each refusal.
#include "es2/functions.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/core_fixture.h"
#include "core/operator_store.h"
#include "core/status.h"
#include "crypto/rng.h"

namespace smdp::es2 {
namespace {

using core::StatusCode;
using nlohmann::json;

class Es2Functions_ : public core::testing::CoreTest {
 protected:
  void SetUp() override {
    CoreTest::SetUp();
    for (const char* name : {"mno", "other"}) {
      core::OperatorRecord op;
      op.name = name;
      op.client_cn = name;
      ASSERT_TRUE(store_->add_operator(op));
    }
    mno_.name = "mno";
    other_.name = "other";
    ASSERT_EQ(gtp_type("iccid,imsi,ki,opc", "mno").operator_name, "mno");
    add_stock(3);
    functions_ = std::make_unique<Es2Functions>(Es2Config{"smdp.example.com", {"smds.example.com"}},
                                                *store_, *store_, rng_, clock_);
  }

  Answer call(std::string_view function, const json& body,
              const core::OperatorRecord* op = nullptr) {
    auto a = functions_->call(op ? *op : mno_, function, body);
    EXPECT_TRUE(a.has_value()) << function;
    return a ? *a : Answer{};
  }
  static std::optional<StatusCode> code(const Answer& a) { return a.code; }

  core::OperatorRecord mno_, other_;
  crypto::SystemRng rng_;
  std::unique_ptr<Es2Functions> functions_;
};

TEST_F(Es2Functions_, when_function_unknown_then_nullopt) {
  EXPECT_FALSE(functions_->call(mno_, "getProfileStatus", json::object()));
}

TEST_F(Es2Functions_, when_download_order_by_type_then_padded_iccid) {
  const Answer a = call("downloadOrder", {{"profileType", "gtp"}});
  ASSERT_FALSE(a.code) << a.message;
  const json body = json::parse(a.body);
  EXPECT_EQ(body["header"]["functionExecutionStatus"]["status"], "Executed-Success");
  EXPECT_EQ(body["iccid"].get<std::string>().size(), 20u);
}

TEST_F(Es2Functions_, when_neither_iccid_nor_profile_type_then_1_6_2_3) {
  EXPECT_EQ(code(call("downloadOrder", json::object())), core::kConditionalElementMissing);
}

TEST_F(Es2Functions_, when_field_has_wrong_type_or_format_then_1_6_2_1) {
  EXPECT_EQ(code(call("downloadOrder", {{"profileType", 5}})), core::kInvalidParameter);
  EXPECT_EQ(code(call("downloadOrder", {{"iccid", "12345"}})), core::kInvalidParameter);
  EXPECT_EQ(code(call("downloadOrder", {{"profileType", "gtp"}, {"eid", "123"}})),
            core::kInvalidParameter);
}

TEST_F(Es2Functions_, when_type_of_another_operator_then_8_2_5_1_2) {
  EXPECT_EQ(code(call("downloadOrder", {{"profileType", "gtp"}}, &other_)),
            core::kProfileTypeNotAllowed);
  EXPECT_EQ(code(call("downloadOrder", {{"profileType", "nope"}})), core::kProfileTypeUnknown);
}

TEST_F(Es2Functions_, when_iccid_of_another_operator_or_unknown_then_8_2_1) {
  EXPECT_EQ(code(call("downloadOrder", {{"iccid", iccid(0)}}, &other_)), core::kIccidNotAllowed);
  EXPECT_EQ(code(call("downloadOrder", {{"iccid", "89499900000000009999"}})), core::kIccidUnknown);
}

TEST_F(Es2Functions_, when_confirm_order_release_flag_missing_or_not_boolean_then_1_6) {
  ASSERT_FALSE(call("downloadOrder", {{"iccid", iccid(0)}}).code);
  EXPECT_EQ(code(call("confirmOrder", {{"iccid", iccid(0)}})), core::kMandatoryElementMissing);
  EXPECT_EQ(code(call("confirmOrder", {{"iccid", iccid(0)}, {"releaseFlag", "yes"}})),
            core::kInvalidParameter);
}

TEST_F(Es2Functions_, when_confirm_order_names_unknown_smds_then_8_9_5_1) {
  ASSERT_FALSE(call("downloadOrder", {{"iccid", iccid(0)}}).code);
  EXPECT_EQ(code(call("confirmOrder", {{"iccid", iccid(0)},
                                       {"releaseFlag", true},
                                       {"smdsAddress", "rogue.example.com"}})),
            core::kSmdsInaccessible);
}

TEST_F(Es2Functions_, when_order_confirmed_then_matching_id_and_our_address) {
  ASSERT_FALSE(call("downloadOrder", {{"iccid", iccid(0)}}).code);
  const Answer a = call("confirmOrder", {{"iccid", iccid(0)}, {"releaseFlag", true}});
  ASSERT_FALSE(a.code) << a.message;
  const json body = json::parse(a.body);
  EXPECT_FALSE(body["matchingId"].get<std::string>().empty());
  EXPECT_EQ(body["smdpAddress"], "smdp.example.com");
}

TEST_F(Es2Functions_, when_cancel_order_without_iccid_then_8_2_1_2_2) {
  EXPECT_EQ(code(call("cancelOrder", {{"finalProfileStatusIndicator", "Available"}})),
            core::kIccidMissing);
}

TEST_F(Es2Functions_, when_cancel_order_indicator_invalid_then_1_6_2_1) {
  ASSERT_FALSE(call("downloadOrder", {{"iccid", iccid(0)}}).code);
  EXPECT_EQ(
      code(call("cancelOrder", {{"iccid", iccid(0)}, {"finalProfileStatusIndicator", "Gone"}})),
      core::kInvalidParameter);
  EXPECT_EQ(code(call("cancelOrder", {{"iccid", iccid(0)}})), core::kMandatoryElementMissing);
}

TEST_F(Es2Functions_, when_cancel_order_names_other_eid_or_matching_id_then_mismatch) {
  ASSERT_FALSE(call("downloadOrder", {{"iccid", iccid(0)}}).code);
  ASSERT_FALSE(call("confirmOrder", {{"iccid", iccid(0)}, {"releaseFlag", true}}).code);
  EXPECT_EQ(code(call("cancelOrder", {{"iccid", iccid(0)},
                                      {"eid", "89049032123451234512345678901235"},
                                      {"finalProfileStatusIndicator", "Available"}})),
            core::kEidMismatch);
  EXPECT_EQ(code(call("cancelOrder", {{"iccid", iccid(0)},
                                      {"matchingId", "NOT-THE-ONE"},
                                      {"finalProfileStatusIndicator", "Available"}})),
            core::kMatchingIdMismatch);
  EXPECT_FALSE(
      call("cancelOrder", {{"iccid", iccid(0)}, {"finalProfileStatusIndicator", "Available"}})
          .code);
}

TEST_F(Es2Functions_, when_release_profile_of_available_then_8_2_1_3_5) {
  EXPECT_EQ(code(call("releaseProfile", {{"iccid", iccid(1)}})), core::kIccidInvalidTransition);
  EXPECT_EQ(code(call("releaseProfile", json::object())), core::kMandatoryElementMissing);
}

}  // namespace
}  // namespace smdp::es2
