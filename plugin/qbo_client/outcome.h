// The result of a call that can fail with a Fault: a value or a fault, never both.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "qbo_client/fault.h"

namespace qbo_sync::qbo {

template <class T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Outcome(Fault fault) : state_(std::move(fault)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  const Fault& fault() const& {
    assert(!ok());
    return std::get<Fault>(state_);
  }
  Fault&& fault() && {
    assert(!ok());
    return std::get<Fault>(std::move(state_));
  }

 private:
  std::variant<T, Fault> state_;
};

}  // namespace qbo_sync::qbo
