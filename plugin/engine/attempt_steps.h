// An attempt at a sync record as a sequence of named steps (settle an unknown outcome, resolve the
// customer, plan, post, verify, follow-ups...), each a member function of the attempt that answers
// kContinue or the outcome that ends the attempt; run_steps walks them in order.
#pragma once

#include <array>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>

#include "qbo_client/fault.h"
#include "store/store.h"

namespace qbo_sync::engine {

// A step's answer: kContinue (go on to the next step) or the attempt's outcome.
using StepResult = std::optional<store::AttemptOutcome>;
inline constexpr std::nullopt_t kContinue = std::nullopt;

template <class Attempt>
using Step = StepResult (Attempt::*)();

// Runs `steps` on `attempt` until one of them ends it; kContinue when all of them went on.
template <class Attempt, std::size_t N>
StepResult run_steps(Attempt& attempt, const std::array<Step<Attempt>, N>& steps) {
  for (const Step<Attempt> step : steps) {
    if (StepResult outcome = (attempt.*step)()) return outcome;
  }
  return kContinue;
}

// `attempt()`, or when it throws (nothing was decided: a store or parse failure) `after_fault` of a
// transient fault carrying the error, so that the record is tried again rather than lost.
store::AttemptOutcome run_guarded(
    const std::function<store::AttemptOutcome()>& attempt,
    const std::function<store::AttemptOutcome(const qbo::Fault&)>& after_fault);

}  // namespace qbo_sync::engine
