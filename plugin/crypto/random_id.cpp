#include "crypto/random_id.h"

#include <stdexcept>

#include <openssl/rand.h>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "crypto/base64.h"

namespace qbo_sync::crypto {

std::string random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (count > 0 &&
      RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw std::runtime_error("the system random generator failed");
  }
  return bytes;
}

std::string random_uuid() {
  // Boost.Uuid's generator draws from the operating system's random source.
  thread_local boost::uuids::random_generator generator;
  return boost::uuids::to_string(generator());
}

std::string random_token(std::size_t byte_count) {
  return base64url_encode(random_bytes(byte_count));
}

}  // namespace qbo_sync::crypto
