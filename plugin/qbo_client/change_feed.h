// QBO's change-data-capture answer, typed: the entities that changed, per entity name and in QBO's
// order, deleted ones marked, and QBO's time of the answer. The envelope
// ({"CDCResponse":[{"QueryResponse":[{"Customer":[...],"startPosition":1}, ...]}],"time":...}) is
// read here only; a malformed one is a fault naming the offending part by JSON Pointer.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "qbo_client/entity_refs.h"
#include "qbo_client/outcome.h"

namespace qbo_sync::qbo {

// One changed entity. A deleted one ({"status":"Deleted"}) carries only its Id and MetaData.
struct ChangedEntity {
  Entity entity;
  bool deleted = false;
  std::string last_updated;  // MetaData.LastUpdatedTime as QBO wrote it; empty when absent
};

struct ChangeFeed {
  std::string time;  // QBO's time of the answer ("time"); empty when absent
  std::map<std::string, std::vector<ChangedEntity>, std::less<>> changes;  // by entity name

  // The changes of one entity ("Customer"); empty when it had none.
  const std::vector<ChangedEntity>& of(std::string_view entity) const;
  // How many objects the answer held, deleted ones included (QBO caps an answer at 1000).
  std::size_t size() const;
};

// Reads the whole JSON body of a CDC answer. Members of a QueryResponse named with a capital
// letter are entity lists; the others (startPosition, maxResults, totalCount) are ignored.
Outcome<ChangeFeed> read_change_feed(const boost::json::value& body);

}  // namespace qbo_sync::qbo
