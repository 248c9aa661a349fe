#include "random_text.h"

#include <random>
#include <string_view>

namespace qbo_sandbox {
namespace {

std::mt19937_64& generator() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64{seed};
  }()};
  return engine;
}

std::string random_from(std::string_view alphabet, std::size_t length) {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string text(length, '\0');
  for (auto& c : text) {
    c = alphabet[pick(generator())];
  }
  return text;
}

}  // namespace

std::string random_hex(std::size_t length) {
  return random_from("0123456789abcdef", length);
}

std::string random_alphanumeric(std::size_t length) {
  return random_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}

std::string random_base64url(std::size_t length) {
  return random_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", length);
}

}  // namespace qbo_sandbox
