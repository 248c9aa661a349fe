#include "events/schema_set.h"

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "events/collection_bounds.h"
#include "events/embedded_schemas.h"
#include "events/schema_error_mapper.h"

namespace qbo_sync::events::detail {
namespace {

constexpr std::string_view kCommonSchemaName = "common.v1";
constexpr std::string_view kCommonSchemaFile = "common.v1.schema.json#";

// Rewrites every reference into common.v1.schema.json ("common.v1.schema.json#/definitions/x",
// "../common.v1.schema.json#/definitions/x") into a local one ("#/definitions/x").
void localise_common_references(boost::json::value& node) {
  if (node.is_array()) {
    for (auto& element : node.get_array()) {
      localise_common_references(element);
    }
    return;
  }
  if (!node.is_object()) {
    return;
  }
  for (auto& member : node.get_object()) {
    if (member.key() == "$ref" && member.value().is_string()) {
      const std::string_view target = member.value().get_string();
      const auto at = target.find(kCommonSchemaFile);
      if (at != std::string_view::npos) {
        member.value() = std::string(target.substr(at + kCommonSchemaFile.size() - 1));
      }
    } else {
      localise_common_references(member.value());
    }
  }
}

// Makes `document` self-contained: the common definitions are copied into its own "definitions"
// so that valijson resolves every reference inside one document, with no fetching.
void inline_common_definitions(boost::json::value& document,
                               const boost::json::object& common_definitions,
                               std::string_view name) {
  localise_common_references(document);
  boost::json::object& root = document.as_object();
  boost::json::value& definitions = root["definitions"];
  if (definitions.is_null()) {
    definitions = boost::json::object{};
  }
  for (const auto& member : common_definitions) {
    if (definitions.as_object().contains(member.key())) {
      throw std::runtime_error("schema " + std::string(name) + " defines \"" +
                               std::string(member.key()) + "\", which common.v1 defines too");
    }
    definitions.as_object()[member.key()] = member.value();
  }
}

boost::json::value parse_schema_text(const EmbeddedSchema& embedded) {
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(embedded.text, error);
  if (error || !document.is_object()) {
    throw std::runtime_error("the embedded schema " + std::string(embedded.name) +
                             " is not a JSON object: " + error.message());
  }
  return document;
}

}  // namespace

struct CompiledSchema {
  boost::json::value document;
  valijson::Schema schema;
};

struct SchemaSet::Impl {
  std::map<std::string, CompiledSchema, std::less<>> schemas;

  // valijson::Validator caches compiled regular expressions and so may not be shared between
  // threads; a small pool keeps them compiled across calls without any thread-local state.
  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<valijson::Validator>> pool;

  std::unique_ptr<valijson::Validator> acquire() const {
    {
      std::lock_guard lock(pool_mutex);
      if (!pool.empty()) {
        auto validator = std::move(pool.back());
        pool.pop_back();
        return validator;
      }
    }
    return std::make_unique<valijson::Validator>(valijson::Validator::kStrongTypes);
  }

  void release(std::unique_ptr<valijson::Validator> validator) const {
    std::lock_guard lock(pool_mutex);
    pool.push_back(std::move(validator));
  }

  const CompiledSchema& at(std::string_view name) const {
    const auto found = schemas.find(name);
    if (found == schemas.end()) {
      throw std::out_of_range("no embedded schema named " + std::string(name));
    }
    return found->second;
  }
};

SchemaSet::SchemaSet() : impl_(std::make_unique<Impl>()) {
  const auto embedded = embedded_schemas();
  boost::json::object common_definitions;
  for (const auto& schema : embedded) {
    if (schema.name == kCommonSchemaName) {
      common_definitions = parse_schema_text(schema).as_object().at("definitions").as_object();
    }
  }
  if (common_definitions.empty()) {
    throw std::runtime_error("the embedded schema common.v1 is missing");
  }
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  for (const auto& embedded_schema : embedded) {
    if (embedded_schema.name == kCommonSchemaName) {
      continue;
    }
    boost::json::value document = parse_schema_text(embedded_schema);
    inline_common_definitions(document, common_definitions, embedded_schema.name);
    auto [entry, inserted] = impl_->schemas.try_emplace(std::string(embedded_schema.name));
    entry->second.document = std::move(document);
    const valijson::adapters::BoostJsonAdapter adapter(entry->second.document);
    parser.populateSchema(adapter, entry->second.schema);
  }
}

SchemaSet::~SchemaSet() = default;

bool SchemaSet::contains(std::string_view name) const {
  return impl_->schemas.find(name) != impl_->schemas.end();
}

const boost::json::value& SchemaSet::document(std::string_view name) const {
  return impl_->at(name).document;
}

std::optional<InputError> SchemaSet::check(std::string_view name,
                                           const boost::json::value& document) const {
  const CompiledSchema& compiled = impl_->at(name);
  // Collections beyond their bounds are refused before the validator reads them item by item.
  if (auto bound = first_collection_bound_violation(compiled.document, document)) {
    return describe_violation(compiled.document, document, {std::move(*bound)});
  }
  const valijson::adapters::BoostJsonAdapter target(document);
  auto validator = impl_->acquire();
  // The fast pass stops at the first violation and records nothing; only a refused document pays
  // for the second pass that collects where and why.
  if (validator->validate(compiled.schema, target, nullptr)) {
    impl_->release(std::move(validator));
    return std::nullopt;
  }
  valijson::ValidationResults results;
  validator->validate(compiled.schema, target, &results);
  impl_->release(std::move(validator));
  std::vector<SchemaViolation> violations;
  violations.reserve(results.numErrors());
  for (const auto& error : results) {
    violations.push_back({error.context, error.description});
  }
  return describe_violation(compiled.document, document, violations);
}

}  // namespace qbo_sync::events::detail
