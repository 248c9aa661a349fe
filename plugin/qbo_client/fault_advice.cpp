#include "qbo_client/fault_advice.h"

#include <string_view>
#include <utility>

namespace qbo_sync::qbo {
namespace {

// What the admin reads for each class (the transient class has its own when QuickBooks could not
// be reached at all).
constexpr std::pair<FaultClass, std::string_view> kClassAdvice[] = {
    {FaultClass::throttled,
     "QuickBooks asked us to slow down because too many requests reached it at once. "
     "Nothing to do: syncing pauses for a minute and resumes by itself."},
    {FaultClass::transient,
     "QuickBooks had a temporary problem. Nothing to do: the sync retries by itself."},
    {FaultClass::unauthorized,
     "QuickBooks did not accept the current sign-in. The plugin renews it automatically; "
     "if this keeps happening, reconnect QuickBooks from the integration card."},
    {FaultClass::reconnect_needed,
     "The connection to QuickBooks has expired or was revoked. Open the integration card "
     "and click Connect to QuickBooks again; waiting records sync once you reconnect."},
    {FaultClass::not_connected,
     "This account is not connected to QuickBooks. Open the integration card and click "
     "Connect to QuickBooks."},
    {FaultClass::bad_client,
     "QuickBooks rejected this app's credentials (client id or secret). The CRM's "
     "administrator must check the QuickBooks app settings in the host configuration."},
    {FaultClass::stale_object,
     "Someone changed this record in QuickBooks while we were updating it. Nothing to do: "
     "the sync reloads the latest version and tries again."},
    {FaultClass::duplicate_name,
     "A customer, vendor or employee in QuickBooks already uses this name (names must be "
     "unique across all three, including inactive ones). Rename or merge the existing "
     "QuickBooks entry, or link this contact to it, then click Retry."},
    {FaultClass::duplicate_document_number,
     "QuickBooks already has a transaction with this number. Turn off \"Custom "
     "transaction numbers\" in QuickBooks (Account and settings > Sales), or change the "
     "number in the CRM, then click Retry."},
    {FaultClass::not_found,
     "Something this record refers to (a customer, item, account or tax code) no longer "
     "exists or was made inactive in QuickBooks. Reactivate it in QuickBooks or choose "
     "another one in the integration settings, then click Retry."},
    {FaultClass::validation,
     "QuickBooks rejected the data in this record. Check the field named below in the "
     "CRM, correct it, then click Retry."},
    {FaultClass::permission,
     "Your QuickBooks subscription or the connected user's role does not allow this. "
     "Check the QuickBooks plan and that the connecting user is an admin, then click "
     "Retry."},
    {FaultClass::closed_period,
     "The QuickBooks books are closed for this date. Ask your accountant to reopen the "
     "period or change the closing date in QuickBooks (Account and settings > Advanced), "
     "then click Retry."},
    {FaultClass::business_rule,
     "QuickBooks refused this transaction under one of its accounting rules (see the "
     "detail below). Usually a tax code, account or setting in QuickBooks needs fixing; "
     "fix it, then click Retry."},
};

std::string class_advice(const Fault& fault) {
  if (fault.fault_class == FaultClass::transient && fault.transport_error) {
    return "QuickBooks could not be reached (" + std::string(to_string(*fault.transport_error)) +
           "). Nothing to do: the sync retries by itself. If this lasts for hours, check the "
           "server's internet connection.";
  }
  for (const auto& [fault_class, advice] : kClassAdvice) {
    if (fault_class == fault.fault_class) return std::string(advice);
  }
  return "QuickBooks returned an unexpected answer. Click Retry; if it fails again, contact "
         "support with the reference below.";
}

// Extra, more specific help for codes whose fix is known.
std::string code_advice(const Fault& fault) {
  if (fault.code == "6000" && (fault.detail.find("GST/HST") != std::string::npos ||
                               fault.detail.find("tax") != std::string::npos)) {
    return " Every line needs a sales tax code in a Canadian QuickBooks company: map the CRM's "
           "taxes to QuickBooks tax codes in the integration settings.";
  }
  if (fault.code == "6540") {
    return " The transaction is part of a bank deposit in QuickBooks: remove it from the deposit "
           "first.";
  }
  if (fault.code == "5020") {
    return " The feature this needs is not enabled in the QuickBooks company.";
  }
  if (fault.code == "6190") {
    return " The QuickBooks subscription has ended or was cancelled.";
  }
  return {};
}

}  // namespace

std::string admin_advice(const Fault& fault) {
  std::string text = class_advice(fault) + code_advice(fault);
  if (!fault.message.empty() || !fault.detail.empty()) {
    text += " QuickBooks said: ";
    text += fault.message;
    if (!fault.detail.empty()) {
      text += fault.message.empty() ? "" : " - ";
      text += fault.detail;
    }
    text += ".";
  }
  if (!fault.element.empty()) {
    text += " Field: " + fault.element + ".";
  }
  if (!fault.code.empty()) {
    text += " Code: " + fault.code + ".";
  }
  if (!fault.intuit_tid.empty()) {
    text += " Reference: " + fault.intuit_tid + ".";
  }
  return text;
}

}  // namespace qbo_sync::qbo
