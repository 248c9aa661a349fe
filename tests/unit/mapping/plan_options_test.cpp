#include "mapping/plan_options.h"

#include <gtest/gtest.h>

namespace qbo_sync::mapping {
namespace {

TEST(PlanOptions, DefaultChoicesKeepTheTaxEnginesDefaults) {
  const tax::PlanOptions options = plan_options_for(events::TaxChoices{});
  const tax::PlanOptions engine_defaults;
  EXPECT_EQ(options.discount_handling, engine_defaults.discount_handling);
  EXPECT_EQ(options.inclusive_pricing, engine_defaults.inclusive_pricing);
  EXPECT_EQ(options.tolerance, tax::RoundingToleranceKind::per_line_bound);
}

TEST(PlanOptions, EveryChoiceReachesTheTaxEngine) {
  events::TaxChoices choices;
  choices.document_discounts = events::DocumentDiscountChoice::fold_into_lines;
  choices.tax_inclusive_prices = events::TaxInclusivePriceChoice::send_tax_inclusive;
  choices.rounding_tolerance_minor = 3;
  const tax::PlanOptions options = plan_options_for(choices);
  EXPECT_EQ(options.discount_handling, tax::DocumentDiscountHandling::fold_into_lines);
  EXPECT_EQ(options.inclusive_pricing, tax::InclusivePricing::send_tax_inclusive);
  EXPECT_EQ(options.tolerance, tax::RoundingToleranceKind::fixed);
  EXPECT_EQ(options.fixed_tolerance_minor, 3);
}

TEST(PlanOptions, AZeroToleranceIsKeptAsZeroNotTheDefault) {
  events::TaxChoices choices;
  choices.rounding_tolerance_minor = 0;
  const tax::PlanOptions options = plan_options_for(choices);
  EXPECT_EQ(options.tolerance, tax::RoundingToleranceKind::fixed);
  EXPECT_EQ(options.fixed_tolerance_minor, 0);
}

}  // namespace
}  // namespace qbo_sync::mapping
