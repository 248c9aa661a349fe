#include "events/input_error.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace qbo_sync::events {

std::string to_json(const InputError& error) {
  return boost::json::serialize(
      boost::json::value{{"code", error.code}, {"message", error.message}, {"path", error.path}});
}

}  // namespace qbo_sync::events
