#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api_types.h"
#include "rules/tax.h"

namespace qbo_sandbox {

// One stored object and when it last changed (for CDC).
struct Record {
  boost::json::object object;
  std::chrono::system_clock::time_point updated;
};

// A deleted transaction, remembered for CDC.
struct Tombstone {
  std::string entity;
  std::string id;
  std::chrono::system_clock::time_point at;
};

// A stored answer to a request that carried a requestid.
struct StoredAnswer {
  ApiResponse response;
  std::chrono::system_clock::time_point at;
};

// One QBO company (realm) and everything in it. Not thread-safe: the Ledger guards it.
class Company {
 public:
  Company(std::string realm_id, CompanyPreset preset);

  const std::string& realm_id() const { return realm_id_; }
  CompanyPreset preset() const { return preset_; }
  tax::Region region() const;
  std::string_view home_currency() const;       // "CAD" / "USD"
  std::string_view home_currency_name() const;  // "Canadian Dollar" / "United States Dollar"

  // The next Id of an entity's sequence ("1", "2", ...).
  std::string next_id(std::string_view sequence);
  // Keeps the sequence ahead of an Id placed from outside (seeding).
  void note_id(std::string_view sequence, std::string_view id);
  // The next automatic DocNumber of a transaction type ("1001", ...).
  std::string next_doc_number(std::string_view entity);

  Record* find(std::string_view entity, std::string_view id);
  const Record* find(std::string_view entity, std::string_view id) const;
  void put(std::string_view entity, boost::json::object object,
           std::chrono::system_clock::time_point at);
  void erase(std::string_view entity, std::string_view id,
             std::chrono::system_clock::time_point at);

  // Every live object of an entity, in Id order.
  std::vector<const boost::json::object*> all(std::string_view entity) const;
  std::vector<Record*> all_records(std::string_view entity);
  const std::map<std::string, std::map<std::int64_t, Record>, std::less<>>& objects() const {
    return objects_;
  }
  const std::vector<Tombstone>& deleted() const { return deleted_; }

  // Who holds a name in a name space ("name" for the DisplayName of Customer, Vendor and
  // Employee; "Item" and "Account" for their Name), compared trimmed and case-blind: pairs of
  // (entity, Id).
  const std::set<std::pair<std::string, std::string>>& name_holders(std::string_view space,
                                                                    std::string_view name) const;
  // The transactions of one type that carry a DocNumber, as (entity, Id).
  const std::set<std::pair<std::string, std::string>>& doc_number_holders(
      std::string_view entity, std::string_view doc_number) const;
  // The invoices of one customer, as ("Invoice", Id).
  const std::set<std::pair<std::string, std::string>>& invoices_of(
      std::string_view customer_id) const;

  boost::json::array tax_codes() const;
  boost::json::array tax_rates() const;

  std::map<std::string, StoredAnswer, std::less<>>& stored_answers() { return stored_answers_; }

 private:
  std::string realm_id_;
  CompanyPreset preset_;
  std::map<std::string, std::map<std::int64_t, Record>, std::less<>> objects_;
  std::vector<Tombstone> deleted_;
  std::map<std::string, std::int64_t, std::less<>> next_ids_;
  std::map<std::string, std::int64_t, std::less<>> next_doc_numbers_;
  std::map<std::string, StoredAnswer, std::less<>> stored_answers_;
  std::map<std::string, std::set<std::pair<std::string, std::string>>, std::less<>> names_;

  // Index keys of an object: its name, DocNumber, and for an invoice its customer.
  void index(std::string_view entity, const boost::json::object& object, bool add);
  const std::set<std::pair<std::string, std::string>>& holders(const std::string& key) const;
};

// A name as the uniqueness rules compare it: trimmed, with Unicode case folding (so that "Zoë" and
// "ZOË" are one name).
std::string normalized_name(std::string_view name);
// The name space of an entity ("name", "Item", "Account"), empty when its names are not unique.
std::string_view name_space_of(std::string_view entity);

// Numeric Id of an object's "Id", or nullopt.
std::optional<std::int64_t> numeric_id(std::string_view id);

}  // namespace qbo_sandbox
