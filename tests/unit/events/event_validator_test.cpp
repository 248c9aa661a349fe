#include "events/event_validator.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "qbo_sync/plugin_api.h"
#include "test_files.h"

namespace qbo_sync::events {
namespace {

using testing::example;

class EventValidatorTest : public ::testing::Test {
 protected:
  static const EventValidator& validator() {
    static const EventValidator instance;
    return instance;
  }

  static std::string payment() {
    return example("payment.completed.v1", "valid", "01-ca-on-order-form.json");
  }

  // The payment example with one change made to its JSON.
  template <typename Change>
  static std::string changed_payment(Change change) {
    boost::json::value document = boost::json::parse(payment());
    change(document.as_object());
    return boost::json::serialize(document);
  }

  static InputError refused(HookKind kind, std::string_view text) {
    auto result = validator().validate(kind, text.data(), text.size());
    if (auto* accepted = std::get_if<AcceptedEvent>(&result)) {
      ADD_FAILURE() << "accepted: " << accepted->payload_json;
      return {};
    }
    return std::get<InputError>(result);
  }

  static InputError refused_payment(std::string_view text) {
    return refused(HookKind::payment_completed, text);
  }

  // `error` has `code` and points at `path`.
  static void expect_error(const InputError& error, std::string_view code, std::string_view path) {
    EXPECT_EQ(error.code, code) << error.message;
    EXPECT_EQ(error.path, path) << error.message;
  }

  // The refusal of the example payment with payment.<key> set to `value`.
  static InputError refused_with_payment(std::string_view key, boost::json::value value) {
    return refused_payment(
        changed_payment([&](auto& d) { d["payment"].as_object()[key] = std::move(value); }));
  }
};

TEST_F(EventValidatorTest, AcceptsAPaymentAndReadsItsEnvelope) {
  const std::string text = payment();
  auto result = validator().validate(HookKind::payment_completed, text.data(), text.size());
  ASSERT_TRUE(std::holds_alternative<AcceptedEvent>(result))
      << to_json(std::get<InputError>(result));
  const AcceptedEvent& accepted = std::get<AcceptedEvent>(result);
  EXPECT_EQ(accepted.envelope.kind, HookKind::payment_completed);
  EXPECT_EQ(accepted.envelope.account_id, "acct-demo-ca");
  EXPECT_EQ(accepted.envelope.event_id, "evt-ca-pay-0001");
  EXPECT_EQ(accepted.envelope.object_type, "payment");
  EXPECT_EQ(accepted.envelope.object_id, "pay-ca-0001");
  EXPECT_EQ(accepted.envelope.revision, 1);
  EXPECT_EQ(accepted.envelope.occurred_at, "2026-03-02T14:05:11Z");
  // Compact re-serialisation of the same document.
  EXPECT_LT(accepted.payload_json.size(), text.size());
  EXPECT_EQ(boost::json::parse(accepted.payload_json), boost::json::parse(text));
}

TEST_F(EventValidatorTest, SettingsEnvelopeNamesTheAccount) {
  const std::string text = example("settings.changed.v1", "valid", "02-acct-demo-us.json");
  auto result = validator().validate(HookKind::settings_changed, text.data(), text.size());
  ASSERT_TRUE(std::holds_alternative<AcceptedEvent>(result))
      << to_json(std::get<InputError>(result));
  const Envelope& envelope = std::get<AcceptedEvent>(result).envelope;
  EXPECT_EQ(envelope.object_type, "settings");
  EXPECT_EQ(envelope.object_id, "acct-demo-us");
  EXPECT_EQ(envelope.event_id, "evt-us-set-0001");
  EXPECT_EQ(envelope.revision, 1);
}

// The bad-input list of the contract, one by one.

TEST_F(EventValidatorTest, NullPointerAndZeroLengthAreEmptyPayloads) {
  auto null_result = validator().validate(HookKind::payment_completed, nullptr, 10);
  ASSERT_TRUE(std::holds_alternative<InputError>(null_result));
  EXPECT_EQ(std::get<InputError>(null_result).code, "empty_payload");
  EXPECT_NE(std::get<InputError>(null_result).message.find("NULL"), std::string::npos);
  const char* text = "{}";
  auto empty_result = validator().validate(HookKind::payment_completed, text, 0);
  ASSERT_TRUE(std::holds_alternative<InputError>(empty_result));
  EXPECT_EQ(std::get<InputError>(empty_result).code, "empty_payload");
  EXPECT_EQ(std::get<InputError>(empty_result).path, "");
}

TEST_F(EventValidatorTest, PayloadOverOneMebibyteIsTooLarge) {
  // A valid payment padded with whitespace past the limit: refused on size alone.
  std::string text = payment();
  text.append(QBO_SYNC_MAX_PAYLOAD_BYTES + 1 - text.size(), ' ');
  const InputError error = refused_payment(text);
  EXPECT_EQ(error.code, "payload_too_large");
  EXPECT_NE(error.message.find("1048577"), std::string::npos);
  // Exactly at the limit it is still read.
  text.pop_back();
  auto at_limit = validator().validate(HookKind::payment_completed, text.data(), text.size());
  EXPECT_TRUE(std::holds_alternative<AcceptedEvent>(at_limit));
}

TEST_F(EventValidatorTest, InvalidUtf8IsNamedWithItsOffset) {
  std::string text = payment();
  const auto at = text.find("Tremblay");
  text[at] = '\xC0';
  const InputError error = refused_payment(text);
  EXPECT_EQ(error.code, "invalid_utf8");
  EXPECT_NE(error.message.find("byte " + std::to_string(at)), std::string::npos) << error.message;
}

TEST_F(EventValidatorTest, MalformedJson) {
  for (const std::string text : {"{", "{\"schema\": }", "not json", "{} trailing", "{\"a\":1,}"}) {
    SCOPED_TRACE(text);
    const InputError error = refused_payment(text);
    expect_error(error, "malformed_json", "");
  }
}

TEST_F(EventValidatorTest, DeepNestingIsRefusedNotRecursedInto) {
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(refused_payment(text).code, "malformed_json");
}

TEST_F(EventValidatorTest, WrongTypes) {
  EXPECT_EQ(refused_payment("[]").code, "wrong_type");
  const InputError total = refused_with_payment("total", 361.26);
  expect_error(total, "wrong_type", "/payment/total");
  EXPECT_NE(total.message.find("payment.total must be a string, not a number"), std::string::npos)
      << total.message;
  const InputError flag = refused_payment(changed_payment([](auto& d) { d["test"] = "false"; }));
  expect_error(flag, "wrong_type", "/test");
}

TEST_F(EventValidatorTest, MissingFields) {
  const InputError error =
      refused_payment(changed_payment([](auto& d) { d["payment"].as_object().erase("currency"); }));
  expect_error(error, "missing_field", "/payment/currency");
  EXPECT_NE(error.message.find("payment.currency is required"), std::string::npos);
  EXPECT_NE(error.message.find("ISO 4217"), std::string::npos) << error.message;
}

TEST_F(EventValidatorTest, UnknownFieldsWhereTheSchemaForbidsThem) {
  const InputError error = refused_with_payment("totl", "1.00");
  expect_error(error, "unknown_field", "/payment/totl");
  EXPECT_NE(error.message.find("known fields:"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("total"), std::string::npos);
  // Metadata is the one open object: any key is accepted there.
  const std::string with_metadata = changed_payment([](auto& d) {
    d["payment"].as_object()["metadata"] = {{"utm_campaign", "spring"}};
  });
  auto result =
      validator().validate(HookKind::payment_completed, with_metadata.data(), with_metadata.size());
  EXPECT_TRUE(std::holds_alternative<AcceptedEvent>(result));
}

TEST_F(EventValidatorTest, NegativeZeroAndFractionalQuantitiesWhereTheyMakeNoSense) {
  auto with_quantity = [&](const char* quantity) {
    return refused_payment(changed_payment([&](auto& d) {
      d["payment"].as_object()["lines"].as_array()[0].as_object()["quantity"] = quantity;
    }));
  };
  EXPECT_EQ(with_quantity("-1").code, "invalid_value");
  EXPECT_EQ(with_quantity("-1").path, "/payment/lines/0/quantity");
  EXPECT_EQ(with_quantity("0").code, "invalid_value");
  EXPECT_EQ(with_quantity("0.000").code, "invalid_value");
  EXPECT_EQ(with_quantity("1.1234567").code, "too_many_decimals");
  // A revision is a count: 1.5 is not one, nor is 0.
  const InputError fractional = refused_with_payment("revision", 1.5);
  expect_error(fractional, "wrong_type", "/payment/revision");
  const InputError zero = refused_with_payment("revision", 0);
  EXPECT_EQ(zero.code, "invalid_value");
  // A negative total makes no sense for a completed payment.
  const InputError negative = refused_with_payment("total", "-5.00");
  expect_error(negative, "invalid_value", "/payment/total");
}

TEST_F(EventValidatorTest, AmountsWithMoreDecimalsThanTheCurrencyAllows) {
  const InputError cad = refused_with_payment("total", "361.255");
  expect_error(cad, "too_many_decimals", "/payment/total");
  EXPECT_NE(cad.message.find("CAD allows at most 2"), std::string::npos) << cad.message;
  // Trailing zeros add no precision: "361.2600" is still a CAD amount.
  const std::string zeros =
      changed_payment([](auto& d) { d["payment"].as_object()["total"] = "361.2600"; });
  EXPECT_TRUE(std::holds_alternative<AcceptedEvent>(
      validator().validate(HookKind::payment_completed, zeros.data(), zeros.size())));
  const InputError tax = refused_payment(changed_payment([](auto& d) {
    d["payment"]
        .as_object()["lines"]
        .as_array()[1]
        .as_object()["tax_lines"]
        .as_array()[0]
        .as_object()["amount"] = "9.097";
  }));
  expect_error(tax, "too_many_decimals", "/payment/lines/1/tax_lines/0/amount");
}

TEST_F(EventValidatorTest, UnknownCurrencyAndWrongSchema) {
  const InputError currency = refused_with_payment("currency", "XYZ");
  expect_error(currency, "unknown_currency", "/payment/currency");
  const InputError lower = refused_with_payment("currency", "cad");
  EXPECT_EQ(lower.code, "invalid_value");
  const InputError schema =
      refused_payment(changed_payment([](auto& d) { d["schema"] = "invoice.sent.v1"; }));
  expect_error(schema, "wrong_schema", "/schema");
  EXPECT_NE(schema.message.find("onInvoiceSent"), std::string::npos) << schema.message;
  const InputError next_version =
      refused_payment(changed_payment([](auto& d) { d["schema"] = "payment.completed.v2"; }));
  EXPECT_EQ(next_version.code, "wrong_schema");
}

TEST_F(EventValidatorTest, IdentifiersCannotCarryControlCharacters) {
  const InputError event_id = refused_payment(
      changed_payment([](auto& d) { d["event_id"] = "evt-1\nINFO forged log line"; }));
  expect_error(event_id, "invalid_value", "/event_id");
  const InputError contact = refused_payment(changed_payment([](auto& d) {
    d["payment"].as_object()["contact"].as_object()["crm_contact_id"] = std::string("ct\0x", 4);
  }));
  EXPECT_EQ(contact.path, "/payment/contact/crm_contact_id");
}

TEST_F(EventValidatorTest, DuplicateFieldsAreRefusedNotSilentlyResolved) {
  std::string text = payment();
  const auto at = text.find("\"total\"");
  text.insert(at, "\"total\": \"1.00\", ");
  const InputError error = refused_payment(text);
  expect_error(error, "duplicate_field", "/payment/total");
}

TEST_F(EventValidatorTest, MessagesSayWhatIsExpected) {
  // A Canadian address lists the provinces, not the US states.
  const InputError province = refused_payment(changed_payment([](auto& d) {
    d["payment"].as_object()["contact"].as_object()["billing_address"].as_object()["region"] =
        "Ontario";
  }));
  EXPECT_EQ(province.path, "/payment/contact/billing_address/region");
  EXPECT_NE(province.message.find("AB, BC, MB"), std::string::npos) << province.message;
  EXPECT_EQ(province.message.find("AL, AK"), std::string::npos) << province.message;
  const InputError name = refused_payment(changed_payment([](auto& d) {
    d["payment"].as_object()["lines"].as_array()[0].as_object()["name"] = std::string(101, 'x');
  }));
  EXPECT_EQ(name.code, "invalid_value");
  EXPECT_NE(name.message.find("payment.lines[0].name is too long: at most 100 characters"),
            std::string::npos)
      << name.message;
  const InputError revision = refused_with_payment("revision", -3);
  EXPECT_NE(revision.message.find("payment.revision must be at least 1; got -3"), std::string::npos)
      << revision.message;
}

TEST_F(EventValidatorTest, ValidationIsThreadSafe) {
  const std::string good = payment();
  const std::string bad = changed_payment([](auto& d) { d["payment"].as_object()["totl"] = "1"; });
  std::vector<std::thread> threads;
  std::vector<int> failures(6, 0);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) {
        const std::string& text = (i + t) % 2 == 0 ? good : bad;
        auto result = validator().validate(HookKind::payment_completed, text.data(), text.size());
        const bool accepted = std::holds_alternative<AcceptedEvent>(result);
        if (accepted != (&text == &good)) {
          ++failures[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const int count : failures) {
    EXPECT_EQ(count, 0);
  }
}

TEST_F(EventValidatorTest, HostConfigNeverEchoesSecrets) {
  const std::string text = R"({"data_dir": "/tmp/x", "encryption_key": "s3cr3t-key-value",
      "qbo": {"client_secret": ""}})";
  auto result = validator().validate_host_config(text);
  ASSERT_TRUE(std::holds_alternative<InputError>(result));
  const InputError& error = std::get<InputError>(result);
  EXPECT_EQ(error.path, "/encryption_key");
  EXPECT_EQ(error.message.find("s3cr3t"), std::string::npos) << error.message;
}

TEST_F(EventValidatorTest, HostConfigAcceptsLoopbackHttpOnly) {
  auto config = [](const std::string& url) {
    return R"({"data_dir": "/tmp/x", "encryption_key": ")" + std::string(64, 'a') +
           R"(", "qbo": {"environment": "custom", "api_base_url": ")" + url +
           R"(", "authorize_url": ")" + url + R"(", "token_url": ")" + url +
           R"(", "revoke_url": ")" + url + R"("}})";
  };
  EXPECT_TRUE(std::holds_alternative<boost::json::object>(
      validator().validate_host_config(config("http://127.0.0.1:8080/v3"))));
  EXPECT_TRUE(std::holds_alternative<boost::json::object>(
      validator().validate_host_config(config("http://localhost:8080"))));
  EXPECT_TRUE(std::holds_alternative<boost::json::object>(
      validator().validate_host_config(config("https://quickbooks.api.intuit.com"))));
  auto remote = validator().validate_host_config(config("http://quickbooks.api.intuit.com"));
  ASSERT_TRUE(std::holds_alternative<InputError>(remote));
  EXPECT_EQ(std::get<InputError>(remote).path, "/qbo/api_base_url");
  EXPECT_TRUE(std::holds_alternative<boost::json::object>(
      validator().validate_host_config(config("http://127.0.0.2:9/x"))));
  EXPECT_TRUE(std::holds_alternative<boost::json::object>(
      validator().validate_host_config(config("http://[::1]:8080"))));
  // Look-alikes of loopback are remote hosts.
  for (const std::string url : {"http://127.0.0.1.evil.example", "http://localhost.evil.example",
                                "http://127.0.0.1@evil.example", "http://128.0.0.1",
                                "http://127.0.0.256", "http://[::2]"}) {
    SCOPED_TRACE(url);
    EXPECT_TRUE(std::holds_alternative<InputError>(validator().validate_host_config(config(url))));
  }
}

TEST_F(EventValidatorTest, HostConfigReturnsTheObject) {
  const std::string text = example("host_config.v1", "valid", "02-minimal.json");
  auto result = validator().validate_host_config(text);
  ASSERT_TRUE(std::holds_alternative<boost::json::object>(result));
  EXPECT_EQ(std::get<boost::json::object>(result).at("data_dir").as_string(), "/tmp/qbo-sync");
}

TEST_F(EventValidatorTest, HostPayloadsAreCheckedAgainstTheirSchemas) {
  auto good = validator().validate_host_payload(HostPayload::upsert_contact_response,
                                                R"({"crm_contact_id": "ct-1"})");
  EXPECT_TRUE(std::holds_alternative<boost::json::value>(good));
  auto bad = validator().validate_host_payload(HostPayload::email_admins,
                                               R"({"account_id": "a", "subject": "s"})");
  ASSERT_TRUE(std::holds_alternative<InputError>(bad));
  EXPECT_EQ(std::get<InputError>(bad).code, "missing_field");
  EXPECT_EQ(std::get<InputError>(bad).path, "/text");
}

TEST(InputErrorJson, SerialisesCodeMessageAndPath) {
  const InputError error{"missing_field", "payment.currency is \"required\"", "/payment/currency"};
  EXPECT_EQ(
      boost::json::parse(to_json(error)),
      boost::json::parse(
          R"({"code":"missing_field","message":"payment.currency is \"required\"","path":"/payment/currency"})"));
}

}  // namespace
}  // namespace qbo_sync::events
