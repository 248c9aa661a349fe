#include "engine/invoice_progress.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "text/described_json.h"

namespace qbo_sync::engine {
namespace json = boost::json;

std::string InvoiceProgress::to_json() const {
  return json::serialize(text::members_to_json(*this));
}

InvoiceProgress InvoiceProgress::from_json(const std::string& text) {
  InvoiceProgress progress;
  boost::system::error_code error;
  const json::value value = json::parse(text, error);
  // Unreadable progress: start over; the look-ups before each write keep that safe.
  if (!error && value.is_object()) text::read_present_members(value.get_object(), progress);
  return progress;
}

std::string InvoiceProgress::state_name(const std::string& realm_id,
                                        const std::string& crm_invoice_id) {
  return "invoice_progress:" + realm_id + ":" + crm_invoice_id;
}

}  // namespace qbo_sync::engine
