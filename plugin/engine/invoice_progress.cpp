#include "engine/invoice_progress.h"

#include <exception>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

namespace qbo_sync::engine {
namespace json = boost::json;
namespace {

void read_int(const json::object& object, std::string_view key, int64_t& into) {
  if (const auto* value = object.if_contains(key); value && value->is_int64()) {
    into = value->as_int64();
  }
}

}  // namespace

std::string InvoiceProgress::to_json() const {
  return json::serialize(json::object{{"fingerprint", fingerprint},
                                      {"paid_minor", paid_minor},
                                      {"voided", voided},
                                      {"applied_revision", applied_revision},
                                      {"pending_since_ms", pending_since_ms},
                                      {"attempts_before_revision", attempts_before_revision},
                                      {"crm_paid_minor", crm_paid_minor},
                                      {"crm_payments", json::value_from(crm_payments)}});
}

InvoiceProgress InvoiceProgress::from_json(const std::string& text) {
  InvoiceProgress progress;
  try {
    const json::value value = json::parse(text);
    const auto& object = value.as_object();
    if (const auto* f = object.if_contains("fingerprint"); f && f->is_string())
      progress.fingerprint = std::string(f->as_string());
    if (const auto* v = object.if_contains("voided"); v && v->is_bool())
      progress.voided = v->as_bool();
    read_int(object, "paid_minor", progress.paid_minor);
    read_int(object, "applied_revision", progress.applied_revision);
    read_int(object, "pending_since_ms", progress.pending_since_ms);
    read_int(object, "attempts_before_revision", progress.attempts_before_revision);
    read_int(object, "crm_paid_minor", progress.crm_paid_minor);
    if (const auto* l = object.if_contains("crm_payments"); l && l->is_array()) {
      for (const json::value& id : l->as_array()) {
        if (id.is_string()) progress.crm_payments.emplace_back(id.as_string());
      }
    }
  } catch (const std::exception&) {
    // Unreadable progress: start over; the look-ups before each write keep that safe.
  }
  return progress;
}

std::string InvoiceProgress::state_name(const std::string& realm_id,
                                        const std::string& crm_invoice_id) {
  return "invoice_progress:" + realm_id + ":" + crm_invoice_id;
}

}  // namespace qbo_sync::engine
