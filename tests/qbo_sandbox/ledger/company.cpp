#include "company.h"

#include <charconv>

#include "text/ascii.h"
#include "text/case_folding.h"

namespace qbo_sandbox {

std::optional<std::int64_t> numeric_id(std::string_view id) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (error != std::errc() || end != id.data() + id.size() || id.empty()) return std::nullopt;
  return value;
}

std::string normalized_name(std::string_view name) {
  return qbo_sync::text::fold_case(qbo_sync::text::trim(name));
}

std::string_view name_space_of(std::string_view entity) {
  if (entity == "Customer" || entity == "Vendor" || entity == "Employee") return "name";
  if (entity == "Item" || entity == "Account") return entity;
  return {};
}

namespace {

std::string name_key(std::string_view space, std::string_view name) {
  return std::string(space) + '\n' + normalized_name(name);
}

// Ids that are not numbers (the US TaxCodes "TAX" and "NON") are kept apart from numeric ones
// by a key outside the numeric range, in the order they were stored.
std::int64_t storage_key(std::string_view id, const std::map<std::int64_t, Record>& existing) {
  if (const auto number = numeric_id(id)) return *number;
  for (const auto& [key, record] : existing) {
    const auto* stored = record.object.if_contains("Id");
    if (stored && stored->is_string() && stored->get_string() == id) return key;
  }
  std::int64_t key = -1;
  if (!existing.empty() && existing.begin()->first < 0) key = existing.begin()->first - 1;
  return key;
}

std::int64_t lookup_key(std::string_view id, const std::map<std::int64_t, Record>& existing) {
  if (const auto number = numeric_id(id)) return *number;
  for (const auto& [key, record] : existing) {
    const auto* stored = record.object.if_contains("Id");
    if (stored && stored->is_string() && stored->get_string() == id) return key;
  }
  return 0;  // never used by a stored object
}

}  // namespace

Company::Company(std::string realm_id, CompanyPreset preset)
    : realm_id_(std::move(realm_id)), preset_(preset) {}

tax::Region Company::region() const {
  return preset_ != CompanyPreset::united_states ? tax::Region::canada : tax::Region::united_states;
}

std::string_view Company::home_currency() const {
  return preset_ != CompanyPreset::united_states ? "CAD" : "USD";
}

std::string_view Company::home_currency_name() const {
  return preset_ != CompanyPreset::united_states ? "Canadian Dollar" : "United States Dollar";
}

std::string Company::next_id(std::string_view sequence) {
  auto found = next_ids_.find(sequence);
  if (found == next_ids_.end()) found = next_ids_.emplace(std::string(sequence), 1).first;
  return std::to_string(found->second++);
}

void Company::note_id(std::string_view sequence, std::string_view id) {
  const auto number = numeric_id(id);
  if (!number) return;
  auto found = next_ids_.find(sequence);
  if (found == next_ids_.end()) found = next_ids_.emplace(std::string(sequence), 1).first;
  if (found->second <= *number) found->second = *number + 1;
}

std::string Company::next_doc_number(std::string_view entity) {
  auto found = next_doc_numbers_.find(entity);
  if (found == next_doc_numbers_.end())
    found = next_doc_numbers_.emplace(std::string(entity), 1001).first;
  return std::to_string(found->second++);
}

Record* Company::find(std::string_view entity, std::string_view id) {
  const auto table = objects_.find(entity);
  if (table == objects_.end()) return nullptr;
  const auto found = table->second.find(lookup_key(id, table->second));
  return found == table->second.end() ? nullptr : &found->second;
}

const Record* Company::find(std::string_view entity, std::string_view id) const {
  return const_cast<Company*>(this)->find(entity, id);
}

void Company::put(std::string_view entity, boost::json::object object,
                  std::chrono::system_clock::time_point at) {
  auto table = objects_.find(entity);
  if (table == objects_.end())
    table = objects_.emplace(std::string(entity), std::map<std::int64_t, Record>{}).first;
  const auto* id = object.if_contains("Id");
  const std::string id_text = id && id->is_string() ? std::string(id->get_string()) : std::string();
  const auto key = storage_key(id_text, table->second);
  const auto existing = table->second.find(key);
  if (existing != table->second.end()) index(entity, existing->second.object, false);
  index(entity, object, true);
  table->second[key] = Record{std::move(object), at};
}

void Company::index(std::string_view entity, const boost::json::object& object, bool add) {
  const auto* id = object.if_contains("Id");
  if (!id || !id->is_string()) return;
  std::vector<std::string> keys;
  const auto text = [&object](std::string_view key) -> const boost::json::string* {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? &value->get_string() : nullptr;
  };
  if (const auto space = name_space_of(entity); !space.empty()) {
    if (const auto* name = text(space == "name" ? "DisplayName" : "Name"))
      keys.push_back(name_key(space, *name));
  }
  if (const auto* doc_number = text("DocNumber")) {
    keys.push_back("doc\n" + std::string(entity) + "\n" + std::string(*doc_number));
  }
  if (entity == "Invoice") {
    const auto* ref = object.if_contains("CustomerRef");
    const auto* value = ref && ref->is_object() ? ref->get_object().if_contains("value") : nullptr;
    if (value && value->is_string())
      keys.push_back("invoices\n" + std::string(value->get_string()));
  }
  for (const auto& key : keys) {
    std::pair<std::string, std::string> holder{std::string(entity), std::string(id->get_string())};
    if (add) {
      names_[key].insert(std::move(holder));
      continue;
    }
    const auto found = names_.find(key);
    if (found == names_.end()) continue;
    found->second.erase(holder);
    if (found->second.empty()) names_.erase(found);
  }
}

const std::set<std::pair<std::string, std::string>>& Company::holders(
    const std::string& key) const {
  static const std::set<std::pair<std::string, std::string>> none;
  const auto found = names_.find(key);
  return found == names_.end() ? none : found->second;
}

const std::set<std::pair<std::string, std::string>>& Company::name_holders(
    std::string_view space, std::string_view name) const {
  return holders(name_key(space, name));
}

const std::set<std::pair<std::string, std::string>>& Company::doc_number_holders(
    std::string_view entity, std::string_view doc_number) const {
  return holders("doc\n" + std::string(entity) + "\n" + std::string(doc_number));
}

const std::set<std::pair<std::string, std::string>>& Company::invoices_of(
    std::string_view customer_id) const {
  return holders("invoices\n" + std::string(customer_id));
}

void Company::erase(std::string_view entity, std::string_view id,
                    std::chrono::system_clock::time_point at) {
  const auto table = objects_.find(entity);
  if (table == objects_.end()) return;
  const auto found = table->second.find(lookup_key(id, table->second));
  if (found == table->second.end()) return;
  index(entity, found->second.object, false);
  table->second.erase(found);
  deleted_.push_back(Tombstone{std::string(entity), std::string(id), at});
}

std::vector<const boost::json::object*> Company::all(std::string_view entity) const {
  std::vector<const boost::json::object*> result;
  const auto table = objects_.find(entity);
  if (table == objects_.end()) return result;
  result.reserve(table->second.size());
  for (const auto& [key, record] : table->second) result.push_back(&record.object);
  return result;
}

std::vector<Record*> Company::all_records(std::string_view entity) {
  std::vector<Record*> result;
  const auto table = objects_.find(entity);
  if (table == objects_.end()) return result;
  for (auto& [key, record] : table->second) result.push_back(&record);
  return result;
}

boost::json::array Company::tax_codes() const {
  boost::json::array codes;
  for (const auto* code : all("TaxCode")) codes.push_back(*code);
  return codes;
}

boost::json::array Company::tax_rates() const {
  boost::json::array rates;
  for (const auto* rate : all("TaxRate")) rates.push_back(*rate);
  return rates;
}

}  // namespace qbo_sandbox
