// What the plugin has applied to the QBO invoice of one CRM invoice, kept across attempts in the
// store's per-account state, so that a retry repeats nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

namespace qbo_sync::engine {

struct InvoiceProgress {
  std::string fingerprint;  // of the last body QBO accepted
  int64_t paid_minor = 0;   // the CRM amount paid that QBO's payments account for
  bool voided = false;
  int64_t applied_revision = 0;  // the newest revision that got past the quiet period
  int64_t pending_since_ms = 0;  // when a newer revision was first seen; 0: none waiting
  // The record's attempt count when applied_revision was taken up: retries and their limit count
  // from here, so that an invoice's long history of revisions never exhausts its retries.
  int64_t attempts_before_revision = 0;
  // The highest CRM amount paid taken up: a lower one is a change QuickBooks is not given yet.
  int64_t crm_paid_minor = 0;
  // The CRM payments listed by the invoice whose QBO Payment is known to pay it.
  std::vector<std::string> crm_payments;

  std::string to_json() const;
  // Unreadable text gives a fresh progress: the look-ups before each write keep that safe.
  static InvoiceProgress from_json(const std::string& text);

  // The store state name that holds an invoice's progress in one QBO company (an account
  // reconnected to another company starts over there).
  static std::string state_name(const std::string& realm_id, const std::string& crm_invoice_id);
};
BOOST_DESCRIBE_STRUCT(InvoiceProgress, (),
                      (fingerprint, paid_minor, voided, applied_revision, pending_since_ms,
                       attempts_before_revision, crm_paid_minor, crm_payments))

}  // namespace qbo_sync::engine
