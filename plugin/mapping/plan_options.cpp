#include "mapping/plan_options.h"

namespace qbo_sync::mapping {

tax::PlanOptions plan_options_for(const events::TaxChoices& choices) {
  tax::PlanOptions options;
  options.discount_handling =
      choices.document_discounts == events::DocumentDiscountChoice::fold_into_lines
          ? tax::DocumentDiscountHandling::fold_into_lines
          : tax::DocumentDiscountHandling::discount_line;
  options.inclusive_pricing =
      choices.tax_inclusive_prices == events::TaxInclusivePriceChoice::send_tax_inclusive
          ? tax::InclusivePricing::send_tax_inclusive
          : tax::InclusivePricing::send_net_amounts;
  if (choices.rounding_tolerance_minor) {
    options.tolerance = tax::RoundingToleranceKind::fixed;
    options.fixed_tolerance_minor = *choices.rounding_tolerance_minor;
  }
  return options;
}

}  // namespace qbo_sync::mapping
