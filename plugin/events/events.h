// The events unit: validation at the boundary and typed CRM events (one include for its users).
#pragma once

#include "events/event_validator.h"
#include "events/hook_kind.h"
#include "events/input_error.h"
#include "events/json_pointer.h"
#include "events/typed_events.h"
