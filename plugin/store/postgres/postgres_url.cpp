#include "store/postgres/postgres_url.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <utility>

namespace qbo_sync::store {
namespace {

constexpr std::string_view kMask = "***";

// Masks a `password=` option, keeping the forms it was written in.
void mask_option_password(boost::urls::url& url, std::vector<std::string>& forms) {
  auto params = url.encoded_params();
  for (auto it = params.begin(); it != params.end(); ++it) {
    const auto param = *it;
    if (param.key != "password" || !param.has_value) continue;
    forms.emplace_back(param.value);
    forms.emplace_back(param.value.decode());
    params.replace(it, {"password", kMask});
    return;
  }
}

}  // namespace

PostgresUrl::PostgresUrl(std::string text, std::string printable,
                         std::vector<std::string> password_forms)
    : text_(std::move(text)),
      printable_(std::move(printable)),
      password_forms_(std::move(password_forms)) {
  // Longest first, so that a form containing another is masked whole.
  std::erase_if(password_forms_, [](const std::string& form) { return form.empty(); });
  std::sort(password_forms_.begin(), password_forms_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

boost::system::result<PostgresUrl, std::string> PostgresUrl::parse(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return std::string("is not a URL (postgresql://user:password@host:port/database)");
  boost::urls::url url(*parsed);
  if (url.scheme() != "postgresql" && url.scheme() != "postgres") {
    return std::string("must start with postgresql://");
  }
  if (!url.has_authority() && url.params().find("host") == url.params().end()) {
    return std::string("names no server: postgresql://user:password@host:port/database");
  }
  std::vector<std::string> forms;
  if (url.has_password()) {
    forms.emplace_back(url.encoded_password());
    forms.emplace_back(url.password());
    url.set_password(kMask);
  }
  mask_option_password(url, forms);
  return PostgresUrl(std::string(text), std::string(url.buffer()), std::move(forms));
}

std::string PostgresUrl::scrub(std::string message) const {
  for (const auto& form : password_forms_) {
    for (auto at = message.find(form); at != std::string::npos;
         at = message.find(form, at + kMask.size())) {
      message.replace(at, form.size(), kMask);
    }
  }
  return message;
}

}  // namespace qbo_sync::store
