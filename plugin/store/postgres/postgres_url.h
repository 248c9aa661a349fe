// A PostgreSQL connection URL as the host configures it
// (postgresql://user:password@host:port/database?options), checked once, with a form that is safe
// to print: the password never reaches a log, an error or the admin output.
#pragma once

#include <boost/system/result.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace qbo_sync::store {

class PostgresUrl {
 public:
  // The URL, or what is wrong with it (never quoting the password).
  static boost::system::result<PostgresUrl, std::string> parse(std::string_view text);

  // What libpq connects with.
  const std::string& conninfo() const { return text_; }
  // The URL with its password (in the user part or a `password` option) replaced by ***.
  const std::string& printable() const { return printable_; }
  // `message` with every occurrence of the password replaced by ***: for errors that quote what
  // they were given.
  std::string scrub(std::string message) const;

 private:
  PostgresUrl(std::string text, std::string printable, std::vector<std::string> password_forms);
  std::string text_;
  std::string printable_;
  std::vector<std::string> password_forms_;  // as written and decoded
};

}  // namespace qbo_sync::store
