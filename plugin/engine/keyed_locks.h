// A fixed set of mutexes chosen by a key's hash: work on the same key (one contact, one product)
// is serialised so that two payments of a new contact cannot both create its customer, while
// different keys rarely wait for each other.
#pragma once

#include <array>
#include <functional>
#include <mutex>
#include <string_view>

namespace qbo_sync::engine {

class KeyedLocks {
 public:
  std::mutex& for_key(std::string_view key) {
    return stripes_[std::hash<std::string_view>{}(key) % stripes_.size()];
  }

 private:
  std::array<std::mutex, 64> stripes_;
};

}  // namespace qbo_sync::engine
