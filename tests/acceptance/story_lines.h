// The taxes a CRM charges, by province or state, for the stories' lines.
#pragma once

#include <string>

#include "crm_book.h"

namespace qbo_sync::acceptance {

inline BookLine hst_on(const std::string& name, int64_t cents, int64_t discount = 0) {
  return taxed_line(name, cents, {{"HST ON", "13"}}, discount);
}
inline BookLine gst_pst_bc(const std::string& name, int64_t cents) {
  return taxed_line(name, cents, {{"GST", "5"}, {"PST BC", "7"}});
}
inline BookLine gst_qst(const std::string& name, int64_t cents) {
  return taxed_line(name, cents, {{"GST", "5"}, {"QST", "9.975"}});
}
inline BookLine gst_only(const std::string& name, int64_t cents) {
  return taxed_line(name, cents, {{"GST", "5"}});
}
inline BookLine hst_ns(const std::string& name, int64_t cents, const std::string& rate) {
  return taxed_line(name, cents, {{"HST NS", rate}});
}
inline BookLine ny_sales_tax(const std::string& name, int64_t cents) {
  return taxed_line(name, cents,
                    {{"NY State Sales Tax", "4"}, {"New York City Sales Tax", "4.875"}});
}

}  // namespace qbo_sync::acceptance
