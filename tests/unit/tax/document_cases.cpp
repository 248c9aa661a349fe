#include "document_cases.h"

#include <cstdlib>
#include <iostream>

#include "money/currency.h"

namespace qbo_sync::tax::testing {

money::Decimal decimal_of(const std::string& text) {
  const auto value = money::Decimal::parse(text);
  if (!value) {
    std::cerr << "bad decimal in the case table: " << text << "\n";
    std::abort();
  }
  return *value;
}

money::Amount money_of(const std::string& text, int digits) {
  const auto value = money::Amount::parse(text, digits);
  if (!value) {
    std::cerr << "bad amount in the case table: " << text << "\n";
    std::abort();
  }
  return *value;
}

LineTax tax(const std::string& name, const std::string& rate_percent, const std::string& amount) {
  return LineTax{name, decimal_of(rate_percent), money_of(amount)};
}

SalesLine line(const std::string& name, const std::string& quantity, const std::string& unit_price,
               std::vector<LineTax> taxes, const std::string& discount, Exemption exemption) {
  SalesLine result;
  result.product_name = name;
  result.quantity = decimal_of(quantity);
  result.unit_price = decimal_of(unit_price);
  result.discount = money_of(discount);
  result.taxes = std::move(taxes);
  result.exemption = exemption;
  return result;
}

SalesDocument document(const std::string& currency, const std::string& province,
                       std::vector<SalesLine> lines, const std::string& tax_total,
                       const std::string& total) {
  SalesDocument result;
  result.currency = currency;
  result.currency_digits = money::minor_unit_digits(currency).value_or(2);
  result.customer_country = currency == "USD" ? "US" : currency == "GBP" ? "GB" : "CA";
  result.customer_province = province;
  result.lines = std::move(lines);
  result.tax_total = money_of(tax_total, result.currency_digits);
  result.total = money_of(total, result.currency_digits);
  return result;
}

namespace {

DocumentDiscount amount_discount(const std::string& amount) {
  return DocumentDiscount{"Discount", money_of(amount), std::nullopt};
}

DocumentDiscount percent_discount(const std::string& percent) {
  return DocumentDiscount{"Discount", std::nullopt, decimal_of(percent)};
}

// A plan case in the Canadian company.
DocumentCase planned(const std::string& id, SalesDocument doc) {
  DocumentCase c;
  c.id = id;
  c.document = std::move(doc);
  return c;
}

// One line taxed by one rate in a province: the per-province cases.
DocumentCase single_rate(const std::string& id, const std::string& province,
                         const std::string& tax_name, const std::string& rate,
                         const std::string& quantity, const std::string& price,
                         const std::string& line_amount, const std::string& tax_amount,
                         const std::string& total, const std::string& code_id,
                         const std::string& rate_id) {
  return planned(id, document("CAD", province,
                              {line("Item", quantity, price, {tax(tax_name, rate, tax_amount)})},
                              tax_amount, total))
      .sends({{line_amount, quantity, price, code_id}})
      .holds({{rate_id, line_amount, tax_amount}}, tax_amount, total);
}

std::vector<DocumentCase> build() {
  std::vector<DocumentCase> cases;

  // ---- Each province and territory, one line -------------------------------------------------
  // 2 × 24.99 = 49.98; 49.98 × 13 % = 6.4974 → 6.50
  cases.push_back(single_rate("ON_hst_13", "ON", "HST", "13", "2", "24.99", "49.98", "6.50",
                              "56.48", "5", "12"));
  cases.push_back(
      single_rate("AB_gst_5", "AB", "GST", "5", "1", "100", "100.00", "5.00", "105.00", "7", "20"));
  // 3 × 33.33 = 99.99; × 5 % = 4.9995 → 5.00
  cases.push_back(single_rate("NT_gst_5", "NT", "GST", "5", "3", "33.33", "99.99", "5.00", "104.99",
                              "7", "20"));
  // 0.10 × 5 % = 0.005 → 0.01: half up, not to even
  cases.push_back(single_rate("NU_gst_half_cent_rounds_up", "NU", "GST", "5", "1", "0.10", "0.10",
                              "0.01", "0.11", "7", "20"));
  cases.push_back(
      single_rate("YT_gst_5", "YT", "GST", "5", "4", "12.50", "50.00", "2.50", "52.50", "7", "20"));
  // Several codes charge 15 %; the province picks "HST NB 2016" (Id 12).
  cases.push_back(single_rate("NB_hst_15", "NB", "HST", "15", "1", "200", "200.00", "30.00",
                              "230.00", "12", "25"));
  // 2 × 19.99 = 39.98; × 15 % = 5.997 → 6.00
  cases.push_back(single_rate("NL_hst_15", "NL", "HST", "15", "2", "19.99", "39.98", "6.00",
                              "45.98", "13", "26"));
  // 9.99 × 15 % = 1.4985 → 1.50
  cases.push_back(single_rate("PE_hst_15", "PE", "HST", "15", "1", "9.99", "9.99", "1.50", "11.49",
                              "14", "27"));
  // NS at 14 % since 2025-04-01: only "HST NS 2025" (Id 16) charges 14 %.
  cases.push_back(single_rate("NS_hst_14_since_2025", "NS", "HST", "14", "1", "100", "100.00",
                              "14.00", "114.00", "16", "29"));
  // A 15 % NS line (an order from before the cut) gets the legacy "HST NS" (Id 15), not NB/NL/PE.
  cases.push_back(single_rate("NS_hst_15_legacy_code", "NS", "HST", "15", "1", "50", "50.00",
                              "7.50", "57.50", "15", "28"));

  // QC: 57.67 × 5 % = 2.8835 → 2.88; × 9.975 % = 5.7526 → 5.75
  cases.push_back(
      planned("QC_gst_qst", document("CAD", "QC",
                                     {line("Item", "1", "57.67",
                                           {tax("GST", "5", "2.88"), tax("QST", "9.975", "5.75")})},
                                     "8.63", "66.30"))
          .sends({{"57.67", "1", "57.67", "8"}})
          .holds({{"20", "57.67", "2.88"}, {"21", "57.67", "5.75"}}, "8.63", "66.30"));
  // BC: 80 × 5 % = 4.00; × 7 % = 5.60
  cases.push_back(
      planned("BC_gst_pst", document("CAD", "BC",
                                     {line("Item", "1", "80",
                                           {tax("GST", "5", "4.00"), tax("PST", "7", "5.60")})},
                                     "9.60", "89.60"))
          .sends({{"80.00", "1", "80", "9"}})
          .holds({{"20", "80.00", "4.00"}, {"22", "80.00", "5.60"}}, "9.60", "89.60"));
  // SK: 2 × 45.50 = 91.00; × 5 % = 4.55; × 6 % = 5.46
  cases.push_back(
      planned("SK_gst_pst", document("CAD", "SK",
                                     {line("Item", "2", "45.50",
                                           {tax("GST", "5", "4.55"), tax("PST", "6", "5.46")})},
                                     "10.01", "101.01"))
          .sends({{"91.00", "2", "45.50", "10"}})
          .holds({{"20", "91.00", "4.55"}, {"23", "91.00", "5.46"}}, "10.01", "101.01"));
  // MB: GST/PST BC and GST/PST MB both charge 5 % + 7 %; the province picks MB (Id 11).
  // 19.99 × 5 % = 0.9995 → 1.00; × 7 % = 1.3993 → 1.40
  cases.push_back(
      planned("MB_gst_rst", document("CAD", "MB",
                                     {line("Item", "1", "19.99",
                                           {tax("GST", "5", "1.00"), tax("RST", "7", "1.40")})},
                                     "2.40", "22.39"))
          .sends({{"19.99", "1", "19.99", "11"}})
          .holds({{"20", "19.99", "1.00"}, {"24", "19.99", "1.40"}}, "2.40", "22.39"));

  // ---- QST on amounts that round differently per line than per document ---------------------
  {  // Intuit staff's worked example: lines 19.99, 4.35, 33.33 (57.67). The CRM rounds per
     // document: GST 57.67 × 5 % = 2.8835 → 2.88, QST × 9.975 % = 5.7526 → 5.75. QBO rounds per
     // line: GST 0.9995→1.00 + 0.2175→0.22 + 1.6665→1.67 = 2.89;
     //                      QST 1.9940→1.99 + 0.4339→0.43 + 3.3247→3.32 = 5.74.
     // Same total tax (8.63) but each rate is a cent off: the CRM's amounts go as an override.
    DocumentCase c = planned(
        "QC_qst_rounds_per_line_override",
        document("CAD", "QC",
                 {line("A", "1", "19.99", {tax("GST", "5", "1.00"), tax("QST", "9.975", "1.99")}),
                  line("B", "1", "4.35", {tax("GST", "5", "0.22"), tax("QST", "9.975", "0.44")}),
                  line("C", "1", "33.33", {tax("GST", "5", "1.66"), tax("QST", "9.975", "3.32")})},
                 "8.63", "66.30"));
    c.sends_tax_override = true;
    c.qbo_computed_lines = {{"20", "57.67", "2.89"}, {"21", "57.67", "5.74"}};
    c.sends(
         {{"19.99", "1", "19.99", "8"}, {"4.35", "1", "4.35", "8"}, {"33.33", "1", "33.33", "8"}})
        .holds({{"20", "57.67", "2.88"}, {"21", "57.67", "5.75"}}, "8.63", "66.30");
    cases.push_back(c);
  }
  // The same lines with the CRM rounding per line as QBO does: nothing to override.
  cases.push_back(
      planned("QC_qst_per_line_matches_qbo",
              document(
                  "CAD", "QC",
                  {line("A", "1", "19.99", {tax("GST", "5", "1.00"), tax("QST", "9.975", "1.99")}),
                   line("B", "1", "4.35", {tax("GST", "5", "0.22"), tax("QST", "9.975", "0.43")}),
                   line("C", "1", "33.33", {tax("GST", "5", "1.67"), tax("QST", "9.975", "3.32")})},
                  "8.63", "66.30"))
          .sends({{"19.99", "1", "19.99", "8"},
                  {"4.35", "1", "4.35", "8"},
                  {"33.33", "1", "33.33", "8"}})
          .holds({{"20", "57.67", "2.89"}, {"21", "57.67", "5.74"}}, "8.63", "66.30"));

  // Ten pens at 0.95 in QC. Per line: GST 0.0475 → 0.05, QST 0.0947625 → 0.09: QBO holds
  // GST 0.50 + QST 0.90 = 1.40 and a total of 10.90. Per document: 9.50 × 5 % = 0.475 → 0.48,
  // 9.50 × 9.975 % = 0.947625 → 0.95: the CRM's total is 9.50 + 1.43 = 10.93. The CRM's per-line
  // amounts spread its document figures (GST 8 × 0.05 + 2 × 0.04; QST 5 × 0.10 + 5 × 0.09).
  auto ten_pens = [] {
    std::vector<SalesLine> lines;
    for (int i = 0; i < 10; ++i)
      lines.push_back(line("Pen", "1", "0.95",
                           {tax("GST", "5", i < 8 ? "0.05" : "0.04"),
                            tax("QST", "9.975", i < 5 ? "0.10" : "0.09")}));
    return document("CAD", "QC", lines, "1.43", "10.93");
  };
  {  // Differences 2 and 5 cents are within rounding for 10 lines (5 per rate): override.
    DocumentCase c = planned("QC_qst_ten_lines_totals_differ_override", ten_pens());
    for (int i = 0; i < 10; ++i) c.lines.push_back({"0.95", "1", "0.95", "8"});
    c.sends_tax_override = true;
    c.qbo_tax_lines = {{"20", "9.50", "0.48"}, {"21", "9.50", "0.95"}};
    c.qbo_computed_lines = {{"20", "9.50", "0.50"}, {"21", "9.50", "0.90"}};
    c.qbo_total_tax = "1.43";
    c.qbo_total = "10.93";
    cases.push_back(c);
  }
  {  // With a fixed tolerance of one cent per rate the same document waits for review:
     // QBO would hold 10.90 against the CRM's 10.93.
    DocumentCase c = planned("QC_qst_ten_lines_fixed_tolerance_holds", ten_pens());
    c.options.tolerance = RoundingToleranceKind::fixed;
    c.options.fixed_tolerance_minor = 1;
    c.expect = Expect::hold;
    c.cause = MismatchCause::qbo_total_would_differ;
    c.computed_total = "10.90";
    c.difference_minor = -3;
    cases.push_back(c);
  }
  {  // One CRM tax "TPS/TVQ" at 14.975 % for QBO's two rates. 57.67 × 14.975 % = 8.6361 → 8.64;
     // QBO: GST 2.88 + QST 5.75 = 8.63. The extra cent goes to the larger rate (QST 5.76).
    DocumentCase c = planned(
        "QC_combined_crm_tax_split_over_two_rates",
        document("CAD", "QC", {line("Item", "1", "57.67", {tax("TPS/TVQ", "14.975", "8.64")})},
                 "8.64", "66.31"));
    c.sends_tax_override = true;
    c.qbo_computed_lines = {{"20", "57.67", "2.88"}, {"21", "57.67", "5.75"}};
    c.sends({{"57.67", "1", "57.67", "8"}})
        .holds({{"20", "57.67", "2.88"}, {"21", "57.67", "5.76"}}, "8.64", "66.31");
    cases.push_back(c);
  }

  // ---- Mixed rates, exempt, zero-rated, out of scope ------------------------------------------
  // ON: 2 × 15 = 30 at 13 % = 3.90; 70 exempt; 12 zero-rated. 0 % rates get TaxLines too,
  // in ascending rate Id: 2 (GST ES), 4 (GST/HST ZR), 12 (HST ON).
  cases.push_back(
      planned("ON_mixed_hst_exempt_zero_rated",
              document("CAD", "ON",
                       {line("Widget", "2", "15", {tax("HST", "13", "3.90")}),
                        line("Course", "1", "70", {}, "0", Exemption::exempt),
                        line("Bread", "1", "12", {}, "0", Exemption::zero_rated)},
                       "3.90", "115.90"))
          .sends({{"30.00", "2", "15", "5"}, {"70.00", "1", "70", "2"}, {"12.00", "1", "12", "3"}})
          .holds({{"2", "70.00", "0.00"}, {"4", "12.00", "0.00"}, {"12", "30.00", "3.90"}}, "3.90",
                 "115.90"));
  // QC: a GST-only line (code GST, Id 7) beside a GST+QST line.
  // 40 × 5 % = 2.00; 60 × 5 % = 3.00, 60 × 9.975 % = 5.985 → 5.99. GST rate 20 covers 100.
  cases.push_back(
      planned("QC_mixed_gst_only_and_gst_qst",
              document(
                  "CAD", "QC",
                  {line("Book", "1", "40", {tax("GST", "5", "2.00")}),
                   line("Lamp", "1", "60", {tax("GST", "5", "3.00"), tax("QST", "9.975", "5.99")})},
                  "10.99", "110.99"))
          .sends({{"40.00", "1", "40", "7"}, {"60.00", "1", "60", "8"}})
          .holds({{"20", "100.00", "5.00"}, {"21", "60.00", "5.99"}}, "10.99", "110.99"));
  // BC: GST/PST line, a PST-only line (code "PST BC") and a GST-only line.
  // 100: GST 5.00, PST 7.00; 50 PST only: 3.50; 20 GST only: 1.00.
  cases.push_back(
      planned(
          "BC_mixed_gst_pst_pst_only_gst_only",
          document("CAD", "BC",
                   {line("Chair", "1", "100", {tax("GST", "5", "5.00"), tax("PST", "7", "7.00")}),
                    line("Bike", "1", "50", {tax("PST", "7", "3.50")}),
                    line("Service", "1", "20", {tax("GST", "5", "1.00")})},
                   "16.50", "186.50"))
          .sends(
              {{"100.00", "1", "100", "9"}, {"50.00", "1", "50", "17"}, {"20.00", "1", "20", "7"}})
          .holds({{"20", "120.00", "6.00"}, {"22", "150.00", "10.50"}}, "16.50", "186.50"));
  // Exempt only.
  cases.push_back(
      planned("ON_exempt_only",
              document("CAD", "ON", {line("Course", "1", "25", {}, "0", Exemption::exempt)}, "0",
                       "25.00"))
          .sends({{"25.00", "1", "25", "2"}})
          .holds({{"2", "25.00", "0.00"}}, "0.00", "25.00"));
  // Zero-rated only: 3 × 4.50 = 13.50.
  cases.push_back(
      planned("ON_zero_rated_only",
              document("CAD", "ON", {line("Milk", "3", "4.50", {}, "0", Exemption::zero_rated)},
                       "0", "13.50"))
          .sends({{"13.50", "3", "4.50", "3"}})
          .holds({{"4", "13.50", "0.00"}}, "0.00", "13.50"));
  // Out of scope.
  cases.push_back(
      planned("ON_out_of_scope",
              document("CAD", "ON", {line("Donation", "1", "10", {}, "0", Exemption::out_of_scope)},
                       "0", "10.00"))
          .sends({{"10.00", "1", "10", "6"}})
          .holds({{"14", "10.00", "0.00"}}, "0.00", "10.00"));
  // A line with no tax and no exemption of its own: the account default (exempt).
  cases.push_back(planned("ON_untaxed_line_defaults_to_exempt",
                          document("CAD", "ON", {line("Sticker", "1", "5")}, "0", "5.00"))
                      .sends({{"5.00", "1", "5", "2"}})
                      .holds({{"2", "5.00", "0.00"}}, "0.00", "5.00"));
  {  // The account treats untaxed lines as zero-rated instead.
    DocumentCase c = planned("ON_untaxed_line_account_default_zero_rated",
                             document("CAD", "ON", {line("Sticker", "1", "5")}, "0", "5.00"));
    c.overrides.untaxed_lines = Exemption::zero_rated;
    c.sends({{"5.00", "1", "5", "3"}}).holds({{"4", "5.00", "0.00"}}, "0.00", "5.00");
    cases.push_back(c);
  }

  // ---- Discounts before tax ------------------------------------------------------------------
  {  // The recorded CA invoice (the recorded Canadian sandbox invoice): 5 × 10 HST ON, 70
     // exempt, 10.00 off. QBO spreads 10 × 50/120 = 4.1667 → 4.17 and 10 × 70/120 = 5.8333 → 5.83:
     // bases 45.83 and 64.17; 45.83 × 13 % = 5.9579 → 5.96; total 120 − 10 + 5.96 = 115.96.
    SalesDocument doc = document("CAD", "ON",
                                 {line("Pens", "5", "10", {tax("HST ON", "13", "5.96")}),
                                  line("Pad folios", "1", "70", {}, "0", Exemption::exempt)},
                                 "5.96", "115.96");
    doc.discounts = {amount_discount("10.00")};
    DocumentCase c = planned("ON_recorded_invoice_discount_before_tax", doc);
    c.subtotal = "120.00";
    c.discount = "10.00";
    c.sends({{"50.00", "5", "10", "5"}, {"70.00", "1", "70", "2"}})
        .holds({{"2", "64.17", "0.00"}, {"12", "45.83", "5.96"}}, "5.96", "115.96");
    cases.push_back(c);
  }
  {  // 10 % off 60 + 40 = 10.00; QBO's shares 6.00 and 4.00; 54 × 13 % = 7.02, 36 × 13 % = 4.68.
    SalesDocument doc = document("CAD", "ON",
                                 {line("A", "1", "60", {tax("HST", "13", "7.02")}),
                                  line("B", "1", "40", {tax("HST", "13", "4.68")})},
                                 "11.70", "101.70");
    doc.discounts = {percent_discount("10")};
    DocumentCase c = planned("ON_percent_discount_line", doc);
    c.lines = {{"60.00", "1", "60", "5"}, {"40.00", "1", "40", "5"}};
    c.subtotal = "100.00";
    c.discount = "10.00";
    c.qbo_tax_lines = {{"12", "90.00", "11.70"}};
    c.qbo_total_tax = "11.70";
    c.qbo_total = "101.70";
    cases.push_back(c);

    // The same document with the discount folded into the lines: 54.00 and 36.00, no discount line.
    DocumentCase folded = c;
    folded.id = "ON_percent_discount_folded_into_lines";
    folded.options.discount_handling = DocumentDiscountHandling::fold_into_lines;
    folded.lines = {{"54.00", "1", "54", "5"}, {"36.00", "1", "36", "5"}};
    folded.subtotal = "";
    folded.discount = "";
    cases.push_back(folded);
  }
  {  // 1.00 off three 10.00 lines: 1 × 10/30 = 0.3333 → 0.33 each, the residual cent to the
     // first of the largest: 0.34, 0.33, 0.33; bases 9.66, 9.67, 9.67; each × 13 % → 1.26.
    SalesDocument doc = document("CAD", "ON",
                                 {line("A", "1", "10", {tax("HST", "13", "1.26")}),
                                  line("B", "1", "10", {tax("HST", "13", "1.26")}),
                                  line("C", "1", "10", {tax("HST", "13", "1.26")})},
                                 "3.78", "32.78");
    doc.discounts = {amount_discount("1.00")};
    DocumentCase c = planned("ON_discount_residual_cent", doc);
    c.subtotal = "30.00";
    c.discount = "1.00";
    c.sends({{"10.00", "1", "10", "5"}, {"10.00", "1", "10", "5"}, {"10.00", "1", "10", "5"}})
        .holds({{"12", "29.00", "3.78"}}, "3.78", "32.78");
    cases.push_back(c);
  }
  // A line discount is folded into the price: 3 × 9.99 = 29.97 − 2.97 = 27.00 = 3 × 9;
  // 27 × 13 % = 3.51.
  cases.push_back(
      planned("ON_line_discount_folded",
              document("CAD", "ON", {line("Mug", "3", "9.99", {tax("HST", "13", "3.51")}, "2.97")},
                       "3.51", "30.51"))
          .sends({{"27.00", "3", "9", "5"}})
          .holds({{"12", "27.00", "3.51"}}, "3.51", "30.51"));
  // 3 × 10 − 1.00 = 29.00: unit price 9.6666667 (3 × 9.6666667 = 29.0000001 → 29.00);
  // 29 × 13 % = 3.77.
  cases.push_back(
      planned("ON_line_discount_seven_decimal_price",
              document("CAD", "ON", {line("Mug", "3", "10", {tax("HST", "13", "3.77")}, "1.00")},
                       "3.77", "32.77"))
          .sends({{"29.00", "3", "9.6666667", "5"}})
          .holds({{"12", "29.00", "3.77"}}, "3.77", "32.77"));

  // ---- Tax-inclusive prices ------------------------------------------------------------------
  {  // 113.00 including 13 %: the CRM's tax 13.00, sent net 100.00 with TaxExcluded.
    SalesDocument doc = document(
        "CAD", "ON", {line("Kit", "1", "113", {tax("HST", "13", "13.00")})}, "13.00", "113.00");
    doc.tax_inclusive = true;
    cases.push_back(planned("ON_tax_inclusive_sent_net", doc)
                        .sends({{"100.00", "1", "100", "5"}})
                        .holds({{"12", "100.00", "13.00"}}, "13.00", "113.00"));
  }
  {  // 2 × 9.99 = 19.98 gross; CRM tax 19.98 × 13/113 = 2.2986 → 2.30; net 17.68 = 2 × 8.84;
     // QBO: 17.68 × 13 % = 2.2984 → 2.30.
    SalesDocument doc = document(
        "CAD", "ON", {line("Tea", "2", "9.99", {tax("HST", "13", "2.30")})}, "2.30", "19.98");
    doc.tax_inclusive = true;
    cases.push_back(planned("ON_tax_inclusive_two_units", doc)
                        .sends({{"17.68", "2", "8.84", "5"}})
                        .holds({{"12", "17.68", "2.30"}}, "2.30", "19.98"));
  }
  {  // QC, 10.00 including 14.975 %: CRM tax 10 × 14.975/114.975 = 1.3025 → 1.30, net 8.70;
     // CRM GST 8.70 × 5 % = 0.435 → 0.44, QST 1.30 − 0.44 = 0.86. QBO on 8.70: GST 0.44,
     // QST 0.867825 → 0.87 (1.31). One cent off: the CRM's split goes as an override.
    SalesDocument doc =
        document("CAD", "QC",
                 {line("Scarf", "1", "10", {tax("GST", "5", "0.44"), tax("QST", "9.975", "0.86")})},
                 "1.30", "10.00");
    doc.tax_inclusive = true;
    DocumentCase c = planned("QC_tax_inclusive_override", doc);
    c.sends_tax_override = true;
    c.qbo_computed_lines = {{"20", "8.70", "0.44"}, {"21", "8.70", "0.87"}};
    c.sends({{"8.70", "1", "8.7", "8"}})
        .holds({{"20", "8.70", "0.44"}, {"21", "8.70", "0.86"}}, "1.30", "10.00");
    cases.push_back(c);
  }
  {  // Inclusive with a document discount, sent net: 56.50 + 56.50 less 11.30 (gross); shares
     // 5.65 each; 50.85 × 13/113 = 5.85 tax each; net 45.00 each; QBO 45 × 13 % = 5.85.
    SalesDocument doc = document("CAD", "ON",
                                 {line("A", "1", "56.50", {tax("HST", "13", "5.85")}),
                                  line("B", "1", "56.50", {tax("HST", "13", "5.85")})},
                                 "11.70", "101.70");
    doc.tax_inclusive = true;
    doc.discounts = {amount_discount("11.30")};
    cases.push_back(planned("ON_tax_inclusive_discount_folded_net", doc)
                        .sends({{"45.00", "1", "45", "5"}, {"45.00", "1", "45", "5"}})
                        .holds({{"12", "90.00", "11.70"}}, "11.70", "101.70"));
  }
  {  // Sent gross with TaxInclusive (a recorded 2016 Canadian invoice): 9.00 + 3.00,
     // 20 % off = 2.40 (shares 1.80, 0.60). QBO nets 9/1.13 = 7.9646 → 7.96, 3/1.13 = 2.6549 →
     // 2.65; discount tax 1.80 × 13/113 = 0.2071 → 0.21, 0.60 × 13/113 = 0.069 → 0.07;
     // taxes (1.04 − 0.21) + (0.35 − 0.07) = 1.11; bases 6.37 + 2.12 = 8.49; total 9.60.
     // The CRM's per-line taxes on 7.20 and 2.40 gross: 0.83 + 0.28 = 1.11.
    SalesDocument doc = document("CAD", "ON",
                                 {line("A", "1", "9", {tax("HST", "13", "0.83")}),
                                  line("B", "1", "3", {tax("HST", "13", "0.28")})},
                                 "1.11", "9.60");
    doc.tax_inclusive = true;
    doc.discounts = {percent_discount("20")};
    DocumentCase c = planned("ON_tax_inclusive_sent_gross_recorded", doc);
    c.options.inclusive_pricing = InclusivePricing::send_tax_inclusive;
    c.global_tax_calculation = GlobalTaxCalculation::tax_inclusive;
    c.subtotal = "12.00";
    c.discount = "2.40";
    c.sends({{"9.00", "1", "9", "5"}, {"3.00", "1", "3", "5"}})
        .holds({{"12", "8.49", "1.11"}}, "1.11", "9.60");
    cases.push_back(c);
  }

  // ---- US: tax and discounts folded into the prices, every line NON ---------------------------
  {  // 2 × 25 + 30 = 80, 8.00 off: shares 5.00 and 3.00 → 45.00 and 27.00;
     // CRM tax 45 × 8.25 % = 3.7125 → 3.71 and 27 × 8.25 % = 2.2275 → 2.23.
     // Folded: 48.71 = 2 × 24.355 and 29.23; total 77.94.
    SalesDocument doc = document("USD", "TX",
                                 {line("Shirt", "2", "25", {tax("Sales tax", "8.25", "3.71")}),
                                  line("Cap", "1", "30", {tax("Sales tax", "8.25", "2.23")})},
                                 "5.94", "77.94");
    doc.discounts = {amount_discount("8.00")};
    DocumentCase c = planned("US_folds_discount_and_tax", doc);
    c.company = Company::united_states;
    c.global_tax_calculation = GlobalTaxCalculation::omitted;
    c.sends({{"48.71", "2", "24.355", "NON"}, {"29.23", "1", "29.23", "NON"}})
        .holds({}, "0.00", "77.94");
    cases.push_back(c);
  }
  {  // 30 at 3.33 % = 0.999 → 1.00; folded 31.00 over 3 = 10.3333333 (× 3 = 30.9999999 → 31.00).
    DocumentCase c =
        planned("US_folded_seven_decimal_price",
                document("USD", "CA", {line("Soap", "3", "10", {tax("Sales tax", "3.33", "1.00")})},
                         "1.00", "31.00"));
    c.company = Company::united_states;
    c.global_tax_calculation = GlobalTaxCalculation::omitted;
    c.sends({{"31.00", "3", "10.3333333", "NON"}}).holds({}, "0.00", "31.00");
    cases.push_back(c);
  }
  {  // Automated sales tax: NON lines plus TotalTax 0 so AST adds nothing. 10 + 7 % = 10.70.
    DocumentCase c =
        planned("US_ast_company_total_tax_zero",
                document("USD", "TX", {line("Book", "1", "10", {tax("Sales tax", "7", "0.70")})},
                         "0.70", "10.70"));
    c.company = Company::united_states_ast;
    c.global_tax_calculation = GlobalTaxCalculation::omitted;
    c.sends_tax_override = true;
    c.sends({{"10.70", "1", "10.7", "NON"}}).holds({}, "0.00", "10.70");
    cases.push_back(c);
  }
  {  // Tax-inclusive US prices are already what the customer paid: 10.80, nothing added.
    SalesDocument doc =
        document("USD", "TX", {line("Lunch", "1", "10.80", {tax("Sales tax", "8", "0.80")})},
                 "0.80", "10.80");
    doc.tax_inclusive = true;
    DocumentCase c = planned("US_tax_inclusive_price", doc);
    c.company = Company::united_states;
    c.global_tax_calculation = GlobalTaxCalculation::omitted;
    c.sends({{"10.80", "1", "10.80", "NON"}}).holds({}, "0.00", "10.80");
    cases.push_back(c);
  }
  {  // A line with a line discount and a percent document discount: 4 × 12.50 = 50 − 5 = 45;
     // 20 flat; subtotal 65; 10 % = 6.50 split 45/65 → 4.50, 20/65 → 2.00; 40.50 and 18.00;
     // tax 6 %: 2.43 and 1.08. Folded 42.93 (4 × 10.7325) and 19.08; total 62.01.
    SalesDocument doc = document("USD", "NY",
                                 {line("Plate", "4", "12.50", {tax("Tax", "6", "2.43")}, "5.00"),
                                  line("Bowl", "1", "20", {tax("Tax", "6", "1.08")})},
                                 "3.51", "62.01");
    doc.discounts = {percent_discount("10")};
    DocumentCase c = planned("US_line_and_document_discounts_folded", doc);
    c.company = Company::united_states;
    c.global_tax_calculation = GlobalTaxCalculation::omitted;
    c.sends({{"42.93", "4", "10.7325", "NON"}, {"19.08", "1", "19.08", "NON"}})
        .holds({}, "0.00", "62.01");
    cases.push_back(c);
  }

  // ---- Elsewhere: VAT by rate -----------------------------------------------------------------
  {  // UK: 12.50 at 20 % = 2.50 (code "20.0% S", Id 40); a 5 % line 8.00 → 0.40 (Id 41).
    DocumentCase c = planned("UK_vat_standard_and_reduced",
                             document("GBP", "",
                                      {line("Tea set", "1", "12.50", {tax("VAT", "20", "2.50")}),
                                       line("Child seat", "1", "8", {tax("VAT", "5", "0.40")})},
                                      "2.90", "23.40"));
    c.company = Company::united_kingdom;
    c.sends({{"12.50", "1", "12.50", "40"}, {"8.00", "1", "8", "41"}})
        .holds({{"31", "12.50", "2.50"}, {"32", "8.00", "0.40"}}, "2.90", "23.40");
    cases.push_back(c);
  }

  // ---- Mapping overrides ----------------------------------------------------------------------
  {  // No province (an online sale): four codes charge 15 % for other provinces than the
     // company's (ON), so the line blocks...
    DocumentCase c =
        planned("no_province_hst_15_blocks_without_mapping",
                document("CAD", "", {line("Ebook", "1", "20", {tax("HST", "15", "3.00")})}, "3.00",
                         "23.00"));
    c.expect = Expect::block;
    c.blocked_line = 0;
    c.missing_mapping_contains = "\"HST\" (15 %)";
    cases.push_back(c);
    // ...until the account maps 15 % to "HST NB 2016".
    DocumentCase mapped = c;
    mapped.id = "no_province_hst_15_mapped_by_rate";
    mapped.expect = Expect::plan;
    mapped.overrides.by_rate = {{decimal_of("15"), "12"}};
    mapped.lines = {{"20.00", "1", "20", "12"}};
    mapped.qbo_tax_lines = {{"25", "20.00", "3.00"}};
    mapped.qbo_total_tax = "3.00";
    mapped.qbo_total = "23.00";
    cases.push_back(mapped);
  }
  {  // Mapped by name: the CRM's "Ontario Sales Tax" to the old inactive code: blocked, naming it.
    DocumentCase c = planned(
        "mapping_to_inactive_code_blocks",
        document("CAD", "ON", {line("Desk", "1", "100", {tax("Ontario Sales Tax", "13", "13.00")})},
                 "13.00", "113.00"));
    c.overrides.by_tax_name = {{"ontario sales tax", "18"}};
    c.expect = Expect::block;
    c.missing_mapping_contains = "Ontario Sales Tax";
    cases.push_back(c);
  }
  {  // Mapped by name to a code that charges another rate: blocked rather than mis-taxed.
    DocumentCase c =
        planned("mapping_to_code_with_other_rate_blocks",
                document("CAD", "NB", {line("Desk", "1", "100", {tax("HST", "15", "15.00")})},
                         "15.00", "115.00"));
    c.overrides.by_tax_name = {{"hst", "5"}};
    c.expect = Expect::block;
    c.missing_mapping_contains = "15 %";
    cases.push_back(c);
  }
  {  // Mapped by name to an existing code: used even though auto-matching would pick another.
    DocumentCase c = planned(
        "mapping_by_name_wins",
        document("CAD", "NB", {line("Desk", "1", "100", {tax("Atlantic HST", "15", "15.00")})},
                 "15.00", "115.00"));
    c.overrides.by_tax_name = {{"atlantic hst", "14"}};
    c.sends({{"100.00", "1", "100", "14"}}).holds({{"27", "100.00", "15.00"}}, "15.00", "115.00");
    cases.push_back(c);
  }

  // ---- Lines with no usable mapping: blocked, never dropped -------------------------------------
  {
    DocumentCase c =
        planned("eco_fee_has_no_code_blocks",
                document("CAD", "ON", {line("Tire", "1", "100", {tax("Eco fee", "2", "2.00")})},
                         "2.00", "102.00"));
    c.expect = Expect::block;
    c.blocked_line = 0;
    c.missing_mapping_contains = "Eco fee";
    cases.push_back(c);
  }
  {  // The second line blocks the whole record; the first is not posted alone.
    DocumentCase c =
        planned("second_line_without_code_blocks_record",
                document("CAD", "ON",
                         {line("Desk", "1", "100", {tax("HST", "13", "13.00")}),
                          line("Yacht", "1", "1000", {tax("Luxury tax", "10", "100.00")})},
                         "113.00", "1213.00"));
    c.expect = Expect::block;
    c.blocked_line = 1;
    c.missing_mapping_contains = "Luxury tax";
    cases.push_back(c);
  }
  {  // An untaxed line in a company with no code named for it (UK has no "Out of Scope").
    DocumentCase c =
        planned("UK_out_of_scope_without_code_blocks",
                document("GBP", "", {line("Gift", "1", "5", {}, "0", Exemption::out_of_scope)}, "0",
                         "5.00"));
    c.company = Company::united_kingdom;
    c.expect = Expect::block;
    c.missing_mapping_contains = "out of scope";
    cases.push_back(c);
  }

  // ---- Held for review -------------------------------------------------------------------------
  {  // 100 + 13.00 = 113.00, but the CRM says 114.00.
    DocumentCase c =
        planned("lines_do_not_add_up_held",
                document("CAD", "ON", {line("Desk", "1", "100", {tax("HST", "13", "13.00")})},
                         "13.00", "114.00"));
    c.expect = Expect::hold;
    c.cause = MismatchCause::crm_document_does_not_add_up;
    c.computed_total = "113.00";
    c.difference_minor = -100;
    cases.push_back(c);
  }
  {  // The lines add up to the total, but the stated tax total (12.00) is not the lines' 13.00.
    DocumentCase c =
        planned("tax_total_not_lines_taxes_held",
                document("CAD", "ON", {line("Desk", "1", "100", {tax("HST", "13", "13.00")})},
                         "12.00", "113.00"));
    c.expect = Expect::hold;
    c.cause = MismatchCause::crm_document_does_not_add_up;
    c.computed_total = "113.00";
    c.difference_minor = 0;
    cases.push_back(c);
  }
  {  // The CRM charged 12.00 HST on 100 (it adds up), but QBO would charge 13.00: a whole
     // dollar is not rounding. QBO's total would be 113.00 against 112.00.
    DocumentCase c =
        planned("qbo_tax_differs_beyond_rounding_held",
                document("CAD", "ON", {line("Desk", "1", "100", {tax("HST", "13", "12.00")})},
                         "12.00", "112.00"));
    c.expect = Expect::hold;
    c.cause = MismatchCause::qbo_total_would_differ;
    c.computed_total = "113.00";
    c.difference_minor = 100;
    cases.push_back(c);
  }
  {  // US: 10 + 0.70 = 10.70, but the CRM says 10.75.
    DocumentCase c =
        planned("US_lines_do_not_add_up_held",
                document("USD", "TX", {line("Book", "1", "10", {tax("Sales tax", "7", "0.70")})},
                         "0.70", "10.75"));
    c.company = Company::united_states;
    c.expect = Expect::hold;
    c.cause = MismatchCause::crm_document_does_not_add_up;
    c.computed_total = "10.70";
    c.difference_minor = -5;
    cases.push_back(c);
  }

  // ---- Input the engine refuses, naming the field
  // ------------------------------------------------
  {
    DocumentCase c = planned(
        "zero_quantity_invalid",
        document("CAD", "ON", {line("Desk", "0", "100", {tax("HST", "13", "0.00")})}, "0", "0"));
    c.expect = Expect::invalid;
    c.invalid_field = "/lines/0/quantity";
    cases.push_back(c);
  }
  {
    DocumentCase c = planned(
        "exempt_line_charging_tax_invalid",
        document("CAD", "ON",
                 {line("Desk", "1", "100", {tax("HST", "13", "13.00")}, "0", Exemption::exempt)},
                 "13.00", "113.00"));
    c.expect = Expect::invalid;
    c.invalid_field = "/lines/0/exemption";
    cases.push_back(c);
  }
  {
    DocumentCase c =
        planned("line_discount_above_amount_invalid",
                document("CAD", "ON",
                         {line("Desk", "1", "10", {tax("HST", "13", "0.00")}, "10.01")}, "0", "0"));
    c.expect = Expect::invalid;
    c.invalid_field = "/lines/0/discount";
    cases.push_back(c);
  }
  {  // A tax-inclusive line cannot include more tax than it costs.
    SalesDocument doc = document(
        "CAD", "ON", {line("Gum", "1", "1.00", {tax("HST", "13", "2.00")})}, "2.00", "1.00");
    doc.tax_inclusive = true;
    DocumentCase c = planned("inclusive_tax_above_line_invalid", doc);
    c.expect = Expect::invalid;
    c.invalid_field = "/lines/0/taxes";
    cases.push_back(c);
  }
  return cases;
}

}  // namespace

const std::vector<DocumentCase>& document_cases() {
  static const std::vector<DocumentCase> cases = build();
  return cases;
}

}  // namespace qbo_sync::tax::testing
