// No payload within the size limit may cost the host more than a bounded amount of memory to
// validate, whatever it holds: duplicates in a list with unique items, lists far beyond their
// maximum, thousands of wrong items, unknown fields, long texts. The peak of live heap bytes
// during one validation is measured by counting every allocation in this test program, so the
// bound is checked exactly and without timing. (Time is printed, not asserted.)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "events/event_validator.h"
#include "events/utf8.h"
#include "qbo_sync/plugin_api.h"
#include "test_files.h"

namespace {

std::atomic<std::size_t> live_bytes{0};
std::atomic<std::size_t> peak_bytes{0};

// Each block carries its size in front of it, so that delete knows what it gives back.
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* counted_allocate(std::size_t size) {
  void* block = std::malloc(size + kHeader);
  if (block == nullptr) {
    throw std::bad_alloc();
  }
  *static_cast<std::size_t*>(block) = size;
  const std::size_t now = live_bytes.fetch_add(size) + size;
  std::size_t peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
  return static_cast<char*>(block) + kHeader;
}

void counted_free(void* pointer) noexcept {
  if (pointer == nullptr) {
    return;
  }
  void* block = static_cast<char*>(pointer) - kHeader;
  live_bytes.fetch_sub(*static_cast<std::size_t*>(block));
  std::free(block);
}

}  // namespace

void* operator new(std::size_t size) {
  return counted_allocate(size);
}
void* operator new[](std::size_t size) {
  return counted_allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted_allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return operator new(size, std::nothrow);
}
void operator delete(void* pointer) noexcept {
  counted_free(pointer);
}
void operator delete[](void* pointer) noexcept {
  counted_free(pointer);
}
void operator delete(void* pointer, std::size_t) noexcept {
  counted_free(pointer);
}
void operator delete[](void* pointer, std::size_t) noexcept {
  counted_free(pointer);
}
void operator delete(void* pointer, const std::nothrow_t&) noexcept {
  counted_free(pointer);
}
void operator delete[](void* pointer, const std::nothrow_t&) noexcept {
  counted_free(pointer);
}

namespace qbo_sync::events {
namespace {

using testing::example;

constexpr std::size_t kMemoryBudget = 50u * 1024 * 1024;

struct Cost {
  std::size_t peak_bytes = 0;
  double milliseconds = 0;
  std::string answer;
};

const EventValidator& shared_validator() {
  static const EventValidator validator;
  return validator;
}

// Peak heap growth while validating `payload` once, and the error's code (or "accepted").
Cost validation_cost(HookKind kind, const std::string& payload) {
  const EventValidator& validator = shared_validator();
  const std::size_t before = live_bytes.load();
  peak_bytes.store(before);
  const auto start = std::chrono::steady_clock::now();
  Cost cost;
  {
    auto result = validator.validate(kind, payload.data(), payload.size());
    if (const auto* error = std::get_if<InputError>(&result)) {
      cost.answer = error->code + " at " + error->path + ": " + error->message;
      EXPECT_FALSE(first_invalid_utf8(to_json(*error)).has_value()) << "answer not UTF-8";
    } else {
      cost.answer = "accepted";
    }
  }
  cost.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  cost.peak_bytes = peak_bytes.load() - before;
  std::printf("  %zu bytes: peak heap %.1f MB, %.1f ms, %s\n", payload.size(),
              static_cast<double>(cost.peak_bytes) / (1024.0 * 1024.0), cost.milliseconds,
              cost.answer.substr(0, 100).c_str());
  return cost;
}

// The example `schema`/valid/`name` with one change, grown until it is just under the 1 MiB
// limit by calling `grow` (which adds one more of whatever makes it big).
std::string grown_payload(const std::string& schema, const std::string& name,
                          const std::function<void(boost::json::object&)>& grow) {
  boost::json::value document = boost::json::parse(example(schema, "valid", name));
  std::string text = boost::json::serialize(document);
  std::size_t step = 1024;
  while (step > 0) {
    boost::json::value candidate = document;
    for (std::size_t i = 0; i < step; ++i) {
      grow(candidate.as_object());
    }
    std::string candidate_text = boost::json::serialize(candidate);
    if (candidate_text.size() <= QBO_SYNC_MAX_PAYLOAD_BYTES) {
      document = std::move(candidate);
      text = std::move(candidate_text);
    } else {
      step /= 2;
    }
  }
  return text;
}

std::string settings_with(const std::function<void(boost::json::object&)>& grow) {
  return grown_payload("settings.changed.v1", "01-acct-demo-ca.json",
                       [&](boost::json::object& root) { grow(root.at("settings").as_object()); });
}

std::string payment_with(const std::function<void(boost::json::object&)>& grow) {
  return grown_payload("payment.completed.v1", "01-ca-on-order-form.json",
                       [&](boost::json::object& root) { grow(root.at("payment").as_object()); });
}

void expect_within_budget(HookKind kind, const std::string& payload) {
  const Cost cost = validation_cost(kind, payload);
  EXPECT_LE(cost.peak_bytes, kMemoryBudget) << cost.answer;
  EXPECT_NE(cost.answer, "accepted");
}

TEST(ValidationBoundsTest, DuplicateAdminEmailsUpToTheSizeLimit) {
  expect_within_budget(HookKind::settings_changed, settings_with([](boost::json::object& settings) {
                         settings["admin_emails"].as_array().push_back("owner@example.com");
                       }));
}

TEST(ValidationBoundsTest, DistinctAdminEmailsFarBeyondTheirMaximum) {
  int next = 0;
  expect_within_budget(
      HookKind::settings_changed, settings_with([&](boost::json::object& settings) {
        settings["admin_emails"].as_array().push_back(
            boost::json::string("admin" + std::to_string(next++) + "@example.com"));
      }));
}

TEST(ValidationBoundsTest, TaxMappingsFarBeyondTheirMaximum) {
  expect_within_budget(
      HookKind::settings_changed, settings_with([](boost::json::object& settings) {
        settings["tax_mappings"].as_array().push_back(settings["tax_mappings"].as_array().front());
      }));
}

TEST(ValidationBoundsTest, ThousandsOfWrongLines) {
  expect_within_budget(
      HookKind::payment_completed, payment_with([](boost::json::object& payment) {
        payment["lines"].as_array().push_back(boost::json::object{{"name", 7}, {"quantity", "x"}});
      }));
}

TEST(ValidationBoundsTest, ThousandsOfUnknownFields) {
  int next = 0;
  expect_within_budget(HookKind::payment_completed, payment_with([&](boost::json::object& payment) {
                         payment["unknown_" + std::to_string(next++)] = "🙂🙂";
                       }));
}

TEST(ValidationBoundsTest, OneLongTextOfEmoji) {
  boost::json::value document =
      boost::json::parse(example("payment.completed.v1", "valid", "01-ca-on-order-form.json"));
  const std::size_t room = QBO_SYNC_MAX_PAYLOAD_BYTES - boost::json::serialize(document).size() - 4;
  std::string emoji;
  while (emoji.size() + 4 <= room) {
    emoji += "🙂";
  }
  document.at("payment").at("contact").as_object()["first_name"] = emoji;
  expect_within_budget(HookKind::payment_completed, boost::json::serialize(document));
}

TEST(ValidationBoundsTest, QuotedValuesAreCutBetweenCharacters) {
  // A wrong value of emoji quoted back in the message must stay valid UTF-8 wherever it is cut.
  for (int count = 10; count < 40; ++count) {
    std::string emoji;
    for (int i = 0; i < count; ++i) {
      emoji += "🙂";
    }
    boost::json::value document =
        boost::json::parse(example("payment.completed.v1", "valid", "01-ca-on-order-form.json"));
    document.at("payment").as_object()["currency"] = emoji;
    const std::string payload = boost::json::serialize(document);
    auto result =
        shared_validator().validate(HookKind::payment_completed, payload.data(), payload.size());
    ASSERT_TRUE(std::holds_alternative<InputError>(result));
    const InputError& error = std::get<InputError>(result);
    EXPECT_FALSE(first_invalid_utf8(error.message).has_value()) << count << ": " << error.message;
    EXPECT_FALSE(first_invalid_utf8(to_json(error)).has_value()) << count;
  }
}

}  // namespace
}  // namespace qbo_sync::events
