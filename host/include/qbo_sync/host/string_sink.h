#pragma once

#include <string>

#include "qbo_sync/plugin_api.h"

namespace qbo_sync::host {

// A qbo_sync_sink that collects what the other side appends into a std::string owned by the caller.
// Appending never lets an exception cross the ABI: on allocation failure the output is marked
// truncated instead.
class StringSink {
 public:
  StringSink() : sink_{this, &StringSink::append} {}
  StringSink(const StringSink&) = delete;
  StringSink& operator=(const StringSink&) = delete;

  const qbo_sync_sink* sink() const { return &sink_; }
  const std::string& text() const { return text_; }
  bool truncated() const { return truncated_; }

 private:
  static void append(void* ctx, const char* data, size_t len) noexcept {
    auto* self = static_cast<StringSink*>(ctx);
    if (data == nullptr || len == 0) {
      return;
    }
    try {
      self->text_.append(data, len);
    } catch (...) {
      self->truncated_ = true;
    }
  }

  qbo_sync_sink sink_;
  std::string text_;
  bool truncated_ = false;
};

}  // namespace qbo_sync::host
