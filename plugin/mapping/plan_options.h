// The tax engine's options for an account, from the tax choices in its settings.
#pragma once

#include "events/typed_events.h"
#include "tax/document_plan.h"

namespace qbo_sync::mapping {

tax::PlanOptions plan_options_for(const events::TaxChoices& choices);

}  // namespace qbo_sync::mapping
