#include "events/duplicate_keys.h"

#include <unordered_set>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>

#include "events/json_pointer.h"

namespace qbo_sync::events {
namespace {

// Small objects are searched linearly; past this many keys a hash set takes over.
constexpr std::size_t kLinearKeyLimit = 16;

struct Frame {
  bool is_array = false;
  std::size_t count = 0;                    // values completed so far in this array or object
  std::string current_key;                  // object: the key whose value is being read
  std::vector<std::string> keys;            // object: the keys seen, while few
  std::unordered_set<std::string> key_set;  // object: the keys seen, once many
};

class DuplicateKeyHandler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::optional<std::string> duplicate;

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_object_begin(boost::json::error_code&) {
    frames_.push_back(Frame{});
    return true;
  }
  bool on_object_end(std::size_t, boost::json::error_code&) { return close(); }
  bool on_array_begin(boost::json::error_code&) {
    Frame frame;
    frame.is_array = true;
    frames_.push_back(std::move(frame));
    return true;
  }
  bool on_array_end(std::size_t, boost::json::error_code&) { return close(); }
  bool on_key_part(boost::json::string_view part, std::size_t, boost::json::error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view part, std::size_t, boost::json::error_code& ec) {
    key_.append(part.data(), part.size());
    Frame& frame = frames_.back();
    if (!remember(frame, key_)) {
      frame.current_key = key_;
      duplicate = pointer();
      ec = boost::json::error::syntax;  // stop here: the first duplicate is the answer
      return false;
    }
    frame.current_key = std::move(key_);
    key_.clear();
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) {
    return true;
  }
  bool on_string(boost::json::string_view, std::size_t, boost::json::error_code&) {
    return completed();
  }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::json::error_code&) {
    return completed();
  }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::json::error_code&) {
    return completed();
  }
  bool on_double(double, boost::json::string_view, boost::json::error_code&) { return completed(); }
  bool on_bool(bool, boost::json::error_code&) { return completed(); }
  bool on_null(boost::json::error_code&) { return completed(); }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  static bool remember(Frame& frame, const std::string& key) {
    if (frame.key_set.empty() && frame.keys.size() < kLinearKeyLimit) {
      for (const auto& seen : frame.keys) {
        if (seen == key) {
          return false;
        }
      }
      frame.keys.push_back(key);
      return true;
    }
    if (frame.key_set.empty()) {
      frame.key_set.insert(frame.keys.begin(), frame.keys.end());
      frame.keys.clear();
    }
    return frame.key_set.insert(key).second;
  }

  bool close() {
    frames_.pop_back();
    return completed();
  }

  bool completed() {
    if (!frames_.empty()) {
      ++frames_.back().count;
    }
    return true;
  }

  std::string pointer() const {
    JsonPointer at;
    for (const Frame& frame : frames_) {
      at = frame.is_array ? at.index(frame.count) : at.key(frame.current_key);
    }
    return at.text();
  }

  std::vector<Frame> frames_;
  std::string key_;
};

}  // namespace

JsonScan scan_json(std::string_view json, std::size_t max_depth) {
  boost::json::parse_options options;
  options.max_depth = max_depth;
  boost::json::basic_parser<DuplicateKeyHandler> parser(options);
  boost::json::error_code error;
  const std::size_t consumed = parser.write_some(false, json.data(), json.size(), error);
  JsonScan scan;
  if (parser.handler().duplicate) {
    scan.duplicate_key_pointer = parser.handler().duplicate;
    return scan;
  }
  if (!error && consumed < json.size()) {
    error = boost::json::error::extra_data;
  }
  if (error) {
    scan.syntax_ok = false;
    scan.syntax_error = error.message() + " (near byte " + std::to_string(consumed) + ")";
  }
  return scan;
}

}  // namespace qbo_sync::events
