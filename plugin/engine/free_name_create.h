// Creating a QBO name-list entity (a customer, an item) whose name may already be taken: QBO
// refuses a DisplayName or Name another customer, vendor, employee or item uses (6240), so the
// name is numbered, "Name (2)", "Name (3)"..., until one is free.
#pragma once

#include <functional>
#include <string>

#include <boost/json/object.hpp>

#include "qbo_client/api_client.h"
#include "qbo_client/entity_refs.h"

namespace qbo_sync::engine {

inline constexpr int kMaxNameAttempts = 20;

struct FreeNameCreate {
  std::string entity;      // "Customer", "Item"
  std::string base;        // the name to try first
  std::string key_prefix;  // the idempotency key of each try is key_prefix + its name
  std::function<boost::json::object(const std::string& name)> body_for;
  std::string all_taken;  // the admin's message once every numbered name is taken
};

// The created entity, QBO's first fault other than a taken name, or a duplicate_name fault with
// `all_taken` once kMaxNameAttempts names were tried.
qbo::Outcome<qbo::Entity> create_under_free_name(qbo::ApiClient& api,
                                                 const qbo::Connection& connection,
                                                 const FreeNameCreate& create);

}  // namespace qbo_sync::engine
