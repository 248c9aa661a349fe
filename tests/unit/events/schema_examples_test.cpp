// Every example beside the schemas: the valid ones are accepted, the invalid ones refused with the
// code and JSON Pointer their .expect.json sidecar names. The files are found at run time, so a new
// example is tested without touching this file.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "events/event_validator.h"
#include "events/typed_events.h"
#include "money/currency.h"
#include "test_files.h"

namespace qbo_sync::events {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::schemas_dir;

struct Example {
  std::string schema;  // "payment.completed.v1", "host_config.v1", "host/email_admins.v1"
  bool valid = true;
  fs::path file;
};

// Names the example in failure output instead of dumping its bytes.
void PrintTo(const Example& example, std::ostream* out) {
  *out << example.file.string();
}

bool is_expectation(const fs::path& file) {
  return file.filename().string().ends_with(".expect.json");
}

std::vector<Example> find_examples() {
  std::vector<Example> examples;
  const fs::path root = schemas_dir() / "examples";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const fs::path& file = entry.path();
    if (!entry.is_regular_file() || file.extension() != ".json" || is_expectation(file)) {
      continue;
    }
    const std::string kind = file.parent_path().filename().string();
    const std::string schema =
        fs::relative(file.parent_path().parent_path(), root).generic_string();
    examples.push_back({schema, kind == "valid", file});
  }
  std::sort(examples.begin(), examples.end(),
            [](const Example& a, const Example& b) { return a.file < b.file; });
  return examples;
}

const std::vector<Example>& all_examples() {
  static const std::vector<Example> examples = find_examples();
  return examples;
}

const EventValidator& validator() {
  static const EventValidator instance;
  return instance;
}

// nullopt when accepted.
std::optional<InputError> check(const Example& example) {
  const std::string text = read_text(example.file);
  if (const auto hook = hook_for_schema(example.schema)) {
    auto result = validator().validate(*hook, text.data(), text.size());
    if (auto* error = std::get_if<InputError>(&result)) {
      return *error;
    }
    return std::nullopt;
  }
  if (example.schema == "host_config.v1") {
    auto result = validator().validate_host_config(text);
    if (auto* error = std::get_if<InputError>(&result)) {
      return *error;
    }
    return std::nullopt;
  }
  for (const HostPayload payload :
       {HostPayload::email_admins, HostPayload::send_review_request, HostPayload::upsert_contact,
        HostPayload::upsert_contact_response, HostPayload::import_invoice,
        HostPayload::import_invoice_response, HostPayload::integration_card}) {
    if (schema_name(payload) == example.schema) {
      auto result = validator().validate_host_payload(payload, text);
      if (auto* error = std::get_if<InputError>(&result)) {
        return *error;
      }
      return std::nullopt;
    }
  }
  ADD_FAILURE() << "no schema named " << example.schema << " for " << example.file;
  return std::nullopt;
}

std::string test_name(const ::testing::TestParamInfo<Example>& info) {
  std::string name = info.param.schema + "_" + (info.param.valid ? "valid" : "invalid") + "_" +
                     info.param.file.stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

class SchemaExample : public ::testing::TestWithParam<Example> {};

TEST_P(SchemaExample, IsAcceptedOrRefusedAsItsNameSays) {
  const Example& example = GetParam();
  const std::optional<InputError> error = check(example);
  if (example.valid) {
    EXPECT_FALSE(error.has_value()) << example.file << " was refused: " << to_json(*error);
    return;
  }
  const fs::path expectation =
      example.file.parent_path() / (example.file.stem().string() + ".expect.json");
  ASSERT_TRUE(fs::exists(expectation)) << "missing " << expectation;
  const auto expected = boost::json::parse(read_text(expectation)).as_object();
  ASSERT_TRUE(error.has_value()) << example.file << " was accepted";
  EXPECT_EQ(error->code, expected.at("code").as_string()) << to_json(*error);
  EXPECT_EQ(error->path, expected.at("path").as_string()) << to_json(*error);
  EXPECT_FALSE(error->message.empty());
}

INSTANTIATE_TEST_SUITE_P(Examples, SchemaExample, ::testing::ValuesIn(all_examples()), test_name);

TEST(SchemaExamples, EverySchemaHasValidAndInvalidExamples) {
  std::map<std::string, std::pair<int, int>> counts;  // schema → (valid, invalid)
  for (const auto& example : all_examples()) {
    auto& [valid, invalid] = counts[example.schema];
    ++(example.valid ? valid : invalid);
  }
  for (const std::string schema : {"payment.completed.v1", "invoice.sent.v1", "invoice.updated.v1",
                                   "settings.changed.v1", "host_config.v1"}) {
    EXPECT_GE(counts[schema].first, 2) << schema;
    EXPECT_GE(counts[schema].second, 5) << schema;
  }
  for (const std::string schema : {"host/email_admins.v1", "host/send_review_request.v1",
                                   "host/upsert_contact.v1", "host/import_invoice.v1"}) {
    EXPECT_GE(counts[schema].first, 1) << schema;
  }
}

TEST(SchemaExamples, EveryExpectationHasItsExample) {
  for (const auto& entry : fs::recursive_directory_iterator(schemas_dir() / "examples")) {
    if (is_expectation(entry.path())) {
      std::string stem = entry.path().filename().string();
      stem.resize(stem.size() - std::string(".expect.json").size());
      EXPECT_TRUE(fs::exists(entry.path().parent_path() / (stem + ".json"))) << entry.path();
    }
  }
}

// Every valid hook example reads into its typed event, agreeing with the envelope, and every
// amount in it is in the minor units of the document's currency.
TEST(SchemaExamples, EveryValidEventReadsIntoItsTypedEvent) {
  int read = 0;
  for (const auto& example : all_examples()) {
    const auto hook = hook_for_schema(example.schema);
    if (!example.valid || !hook) {
      continue;
    }
    SCOPED_TRACE(example.file.string());
    const std::string text = read_text(example.file);
    auto result = validator().validate(*hook, text.data(), text.size());
    ASSERT_TRUE(std::holds_alternative<AcceptedEvent>(result));
    const AcceptedEvent& accepted = std::get<AcceptedEvent>(result);
    const boost::json::value payload = boost::json::parse(accepted.payload_json);
    auto expect_digits = [](const money::Amount& amount, const std::string& currency) {
      EXPECT_EQ(amount.digits, money::minor_unit_digits(currency).value_or(-1));
    };
    if (*hook == HookKind::payment_completed) {
      const Payment payment = parse_payment(payload);
      EXPECT_EQ(payment.id, accepted.envelope.object_id);
      EXPECT_EQ(payment.revision, accepted.envelope.revision);
      EXPECT_EQ(payment.event_id, accepted.envelope.event_id);
      EXPECT_FALSE(payment.lines.empty());
      for (const Line& line : payment.lines) {
        expect_digits(line.amount, payment.currency);
        EXPECT_GT(line.quantity, money::Decimal());
      }
      expect_digits(payment.total, payment.currency);
      ++read;
    } else if (*hook == HookKind::settings_changed) {
      const Settings settings = parse_settings(payload);
      EXPECT_EQ(settings.account_id, accepted.envelope.object_id);
      EXPECT_EQ(settings.revision, accepted.envelope.revision);
      ++read;
    } else {
      const Invoice invoice = parse_invoice(payload);
      EXPECT_EQ(invoice.id, accepted.envelope.object_id);
      EXPECT_EQ(invoice.revision, accepted.envelope.revision);
      EXPECT_EQ(invoice.account_id, accepted.envelope.account_id);
      EXPECT_FALSE(invoice.lines.empty());
      expect_digits(invoice.total, invoice.currency);
      expect_digits(invoice.amount_paid, invoice.currency);
      if (*hook == HookKind::invoice_sent) {
        EXPECT_NE(invoice.status, InvoiceStatus::void_);
      }
      ++read;
    }
  }
  EXPECT_GE(read, 20);
}

// The demo pushes the valid events through one plugin: they must read as one consistent history.
TEST(SchemaExamples, ValidEventsFormOneConsistentHistory) {
  std::set<std::string> event_ids;
  std::set<std::string> versions;  // account/object/revision
  std::set<std::string> accounts;
  for (const auto& example : all_examples()) {
    const auto hook = hook_for_schema(example.schema);
    if (!example.valid || !hook) {
      continue;
    }
    const std::string text = read_text(example.file);
    auto result = validator().validate(*hook, text.data(), text.size());
    ASSERT_TRUE(std::holds_alternative<AcceptedEvent>(result)) << example.file;
    const Envelope& envelope = std::get<AcceptedEvent>(result).envelope;
    EXPECT_TRUE(event_ids.insert(envelope.event_id).second) << "event_id reused: " << example.file;
    EXPECT_TRUE(versions
                    .insert(envelope.account_id + "/" + envelope.object_type + "/" +
                            envelope.object_id + "/" + std::to_string(envelope.revision))
                    .second)
        << "object revision reused: " << example.file;
    accounts.insert(envelope.account_id);
  }
  EXPECT_EQ(accounts, (std::set<std::string>{"acct-demo-ca", "acct-demo-us"}));
  EXPECT_GE(event_ids.size(), 20u);
}

}  // namespace
}  // namespace qbo_sync::events
