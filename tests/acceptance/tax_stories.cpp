// The admin's tax mappings, zero-rated, exempt and out-of-scope lines, and Nova Scotia's HST
// falling from 15 % to 14 % on 2025-04-01.
#include "crm_story.h"
#include "story_lines.h"

namespace qbo_sync::acceptance {
namespace {

using TaxStory = CrmStory;

// Per-tax mappings are obeyed. The account maps GST and PST BC, each on
// its own, to the GST/PST code for British Columbia, and GST alone to the GST code elsewhere; a
// BC sale must take the BC code, an Alberta sale the GST code.
TEST_F(TaxStory, PerTaxMappingsOfGstAndPstAreObeyed) {
  map_tax("GST", "5", "BC", "13");
  map_tax("PST BC", "7", "BC", "13");
  map_tax("GST", "5", "", "7");
  connect();
  const auto liam = contact("Liam", "Wong", "liam@story.example", "BC");
  const auto ava = contact("Ava", "Smith", "ava@story.example", "AB");
  pay_order(liam, {gst_pst_bc("Workshop", 20000)});
  pay_order(ava, {gst_only("Workshop", 20000)});
  const auto invoice = send_invoice(liam, "S-3001", {gst_pst_bc("Series", 40000)});
  pay_invoice(invoice, 44800);
  audit();
}

// The admin's mapping decides. Four of the company's codes charge 15 %
// (HST NB, NL, PE, NS before April 2025); the CRM's tax is named "HST" without its province, so
// only the mapping (typed by the admin as "Hst") says which code is New Brunswick's.
TEST_F(TaxStory, AMappingChoosesTheCodeWhenSeveralChargeTheRate) {
  map_tax("Hst", "15", "NB", "8");
  connect();
  const auto nell = contact("Nell", "Arsenault", "nell@story.example", "NB");
  pay_order(nell, {taxed_line("Class", 4000, {{"HST", "15"}})});
  send_invoice(nell, "S-3006", {taxed_line("Package", 30000, {{"HST", "15"}})});
  audit();
}

TEST_F(TaxStory, AMappingSavedAfterConnectingIsObeyedFromThenOn) {
  connect();
  map_tax("HST", "15", "PE", "10");
  const auto paul = contact("Paul", "Gallant", "paul@story.example", "PE");
  pay_order(paul, {taxed_line("Class", 4000, {{"HST", "15"}})});
  audit();
}

TEST_F(TaxStory, AMappedHstCodeIsUsedForReceiptsAndInvoices) {
  map_tax("HST ON", "13", "", "5");
  connect();
  const auto mo = contact("Mo", "Ali", "mo@story.example");
  pay_order(mo, {hst_on("Class", 2000)});
  send_invoice(mo, "S-3002", {hst_on("Package", 30000)});
  audit();
}

TEST_F(TaxStory, ZeroRatedAndExemptLinesKeepTheirKinds) {
  connect();
  const auto ivy = contact("Ivy", "Park", "ivy@story.example");
  pay_order(ivy,
            {hst_on("Class", 2000), untaxed_line("Basic groceries", 1500, Treatment::zero_rated),
             untaxed_line("Health service", 5000, Treatment::exempt)});
  audit();
}

TEST_F(TaxStory, AnOutOfScopeLineIsNeitherExemptNorZeroRated) {
  connect();
  const auto gus = contact("Gus", "Reed", "gus@story.example");
  pay_order(gus, {hst_on("Class", 2000), untaxed_line("Donation", 10000, Treatment::out_of_scope)});
  audit();
}

TEST_F(TaxStory, NovaScotiaChargesFifteenPercentBeforeAprilAndFourteenAfter) {
  connect();
  const auto cy = contact("Cy", "Bond", "cy@story.example", "NS");
  pay_order(cy, {hst_ns("Class", 10000, "15")}, "event", "2025-03-15");
  pay_order(cy, {hst_ns("Class", 10000, "14")}, "event", "2025-04-15");
  const auto invoice = send_invoice(cy, "S-3003", {hst_ns("Series", 20000, "14")});
  pay_invoice(invoice, 22800);
  audit();
}

TEST_F(TaxStory, AnInvoiceThatDoesNotAddUpIsHeld) {
  connect();
  const auto di = contact("Di", "Cole", "di@story.example");
  BookLine wrong = hst_on("Package", 30000);
  wrong.taxes.front().cents += 700;  // the CRM's tax is 7.00 more than 13 % of the line
  send_invoice(di, "S-3004", {wrong});
  send_invoice(di, "S-3005", {hst_on("Package", 30000)});
  audit();
}

}  // namespace
}  // namespace qbo_sync::acceptance
