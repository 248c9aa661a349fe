#include "tax.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "decimal.h"

namespace qbo_sandbox::tax {
namespace {

// A number in a computed document, as exact text ("5.96"), whatever JSON type carries it.
std::string text_of(const boost::json::value& value) {
  const auto decimal = Decimal::from_json(value);
  return decimal ? decimal->to_string() : "<" + boost::json::serialize(value) + ">";
}

class TaxTest : public ::testing::Test {
 protected:
  // Computes totals for a request in a company with the preset tables of `region`, or with
  // the tables given.
  boost::json::object computed(std::string_view request, Region region = Region::canada,
                               std::string_view entity = "Invoice",
                               std::string_view amount_applied = "0") {
    boost::json::object transaction = boost::json::parse(request).as_object();
    const auto fault =
        compute_totals(transaction, entity, region, codes(region), rates(region), amount_applied);
    if (fault) {
      ADD_FAILURE() << "refused: " << fault->code << " " << fault->detail;
    }
    return transaction;
  }

  Fault refused(std::string_view request, Region region = Region::canada) {
    boost::json::object transaction = boost::json::parse(request).as_object();
    const boost::json::object before = transaction;
    const auto fault = compute_totals(transaction, "Invoice", region, codes(region), rates(region));
    if (!fault) {
      ADD_FAILURE() << "accepted: " << boost::json::serialize(transaction);
      return {};
    }
    EXPECT_EQ(transaction, before) << "a refused document must be left unchanged";
    return *fault;
  }

  const boost::json::array& codes(Region region) {
    if (custom_codes_) {
      return *custom_codes_;
    }
    return region == Region::canada ? ca_codes_ : us_codes_;
  }
  const boost::json::array& rates(Region region) {
    if (custom_rates_) {
      return *custom_rates_;
    }
    return region == Region::canada ? ca_rates_ : us_rates_;
  }

  // A company with one code "1" whose sales rates are the given percentages (rate Ids 1, 2, ..).
  void use_single_code(std::initializer_list<const char*> percents) {
    boost::json::array details;
    boost::json::array rate_objects;
    int id = 0;
    for (const char* percent : percents) {
      ++id;
      details.push_back({{"TaxRateRef", {{"value", std::to_string(id)}}},
                         {"TaxTypeApplicable", "TaxOnAmount"},
                         {"TaxOrder", 0}});
      rate_objects.push_back(
          {{"Id", std::to_string(id)}, {"RateValue", boost::json::parse(percent)}});
    }
    custom_codes_ = boost::json::array{{{"Id", "1"},
                                        {"Name", "Custom"},
                                        {"Active", true},
                                        {"SalesTaxRateList", {{"TaxRateDetail", details}}}}};
    custom_rates_ = rate_objects;
  }

  static const boost::json::object& tax_line(const boost::json::object& transaction,
                                             std::string_view rate_id) {
    for (const auto& line : transaction.at("TxnTaxDetail").at("TaxLine").as_array()) {
      if (line.at("TaxLineDetail").at("TaxRateRef").at("value").as_string() == rate_id) {
        return line.as_object();
      }
    }
    ADD_FAILURE() << "no TaxLine for rate " << rate_id;
    static const boost::json::object kEmpty;
    return kEmpty;
  }

  static std::string tax_amount(const boost::json::object& transaction, std::string_view rate) {
    const auto& line = tax_line(transaction, rate);
    return line.empty() ? "" : text_of(line.at("Amount"));
  }
  static std::string net_taxable(const boost::json::object& transaction, std::string_view rate) {
    const auto& line = tax_line(transaction, rate);
    return line.empty() ? "" : text_of(line.at("TaxLineDetail").at("NetAmountTaxable"));
  }
  static std::string total_tax(const boost::json::object& transaction) {
    return text_of(transaction.at("TxnTaxDetail").at("TotalTax"));
  }
  static std::string total(const boost::json::object& transaction) {
    return text_of(transaction.at("TotalAmt"));
  }

  // One-line invoice in a Canadian company: `amount` with tax code `code`.
  static std::string one_line(std::string_view amount, std::string_view code,
                              std::string_view date = "2025-10-21") {
    return std::string(R"({"TxnDate":")") + std::string(date) +
           R"(","Line":[{"DetailType":"SalesItemLineDetail","Amount":)" + std::string(amount) +
           R"(,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":")" +
           std::string(code) + R"("}}}]})";
  }

  boost::json::array ca_codes_ = preset_tax_codes(Region::canada);
  boost::json::array ca_rates_ = preset_tax_rates(Region::canada);
  boost::json::array us_codes_ = preset_tax_codes(Region::united_states);
  boost::json::array us_rates_ = preset_tax_rates(Region::united_states);
  std::optional<boost::json::array> custom_codes_;
  std::optional<boost::json::array> custom_rates_;
};

// The recorded Canadian invoice (the recorded Canadian sandbox invoice, HST ON 13 %, Exempt,
// a 10.00 discount).
constexpr std::string_view kRecordedCanadianInvoice = R"({
  "CustomerRef":{"value":"1","name":"Adwin Ko"},"DocNumber":"TEST-INV-V-2114",
  "TxnDate":"2025-10-21T00:00:00","ExchangeRate":1.0,
  "Line":[
   {"DetailType":"SalesItemLineDetail","Amount":50.0,"Description":"Description 1",
    "SalesItemLineDetail":{"ItemRef":{"value":"14","name":"Pens"},"TaxCodeRef":{"value":"5","name":"HST ON"},"Qty":5.0,"UnitPrice":10.0,"ServiceDate":"2025-10-21T00:00:00"}},
   {"DetailType":"SalesItemLineDetail","Amount":70.0,"Description":"Description 2",
    "SalesItemLineDetail":{"ItemRef":{"value":"12","name":"Pad folios"},"TaxCodeRef":{"value":"2","name":"Exempt"},"Qty":1.0,"UnitPrice":70.0}},
   {"DetailType":"DiscountLineDetail","Amount":10.0,"DiscountLineDetail":{"PercentBased":false}}]})";

TEST_F(TaxTest, RecordedCanadianInvoiceReproducesExactly) {
  const auto invoice = computed(kRecordedCanadianInvoice);
  const auto& lines = invoice.at("Line").as_array();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].at("Id").as_string(), "1");
  EXPECT_EQ(lines[0].at("LineNum").as_int64(), 1);
  EXPECT_EQ(text_of(lines[0].at("Amount")), "50");
  EXPECT_EQ(lines[1].at("Id").as_string(), "2");
  EXPECT_EQ(text_of(lines[1].at("Amount")), "70");
  EXPECT_EQ(lines[2].at("DetailType").as_string(), "SubTotalLineDetail");
  EXPECT_EQ(text_of(lines[2].at("Amount")), "120");
  EXPECT_TRUE(lines[2].at("SubTotalLineDetail").as_object().empty());
  EXPECT_EQ(lines[3].at("DetailType").as_string(), "DiscountLineDetail");
  EXPECT_EQ(text_of(lines[3].at("Amount")), "10");
  // Typed as QBO's JSON reads: 50.00 is a double, a bare 0 an integer, TaxPercent 13 an integer.
  EXPECT_TRUE(lines[0].at("Amount").is_double());
  EXPECT_TRUE(invoice.at("TotalAmt").is_double());

  const auto& tax_lines = invoice.at("TxnTaxDetail").at("TaxLine").as_array();
  ASSERT_EQ(tax_lines.size(), 2u);
  // Ascending rate order, the 0 % Exempt rate included.
  EXPECT_EQ(tax_lines[0].at("TaxLineDetail").at("TaxRateRef").at("value").as_string(), "2");
  EXPECT_EQ(tax_lines[1].at("TaxLineDetail").at("TaxRateRef").at("value").as_string(), "12");
  EXPECT_EQ(tax_amount(invoice, "2"), "0");
  EXPECT_TRUE(tax_line(invoice, "2").at("Amount").is_int64());
  EXPECT_TRUE(tax_line(invoice, "12").at("TaxLineDetail").at("TaxPercent").is_int64());
  EXPECT_EQ(net_taxable(invoice, "2"), "64.17");
  EXPECT_EQ(text_of(tax_line(invoice, "2").at("TaxLineDetail").at("TaxPercent")), "0");
  EXPECT_EQ(tax_amount(invoice, "12"), "5.96");
  EXPECT_EQ(net_taxable(invoice, "12"), "45.83");
  EXPECT_EQ(text_of(tax_line(invoice, "12").at("TaxLineDetail").at("TaxPercent")), "13");
  EXPECT_TRUE(tax_line(invoice, "12").at("TaxLineDetail").at("PercentBased").as_bool());
  EXPECT_EQ(tax_line(invoice, "12").at("DetailType").as_string(), "TaxLineDetail");
  EXPECT_EQ(total_tax(invoice), "5.96");
  EXPECT_EQ(total(invoice), "115.96");
  EXPECT_EQ(text_of(invoice.at("Balance")), "115.96");
  EXPECT_EQ(invoice.at("GlobalTaxCalculation").as_string(), "TaxExcluded");
  EXPECT_FALSE(invoice.at("TxnTaxDetail").as_object().contains("TxnTaxCodeRef"));
  EXPECT_FALSE(invoice.contains("ApplyTaxAfterDiscount"));
  // What the client sent and QBO does not compute is kept.
  EXPECT_EQ(invoice.at("DocNumber").as_string(), "TEST-INV-V-2114");
  EXPECT_EQ(lines[0].at("Description").as_string(), "Description 1");
}

TEST_F(TaxTest, ComputingAgainGivesTheSameDocument) {
  // A full update sends back what QBO returned, subtotal line included.
  const auto once = computed(kRecordedCanadianInvoice);
  const auto twice = computed(boost::json::serialize(once));
  EXPECT_EQ(once, twice);
}

TEST_F(TaxTest, RecordedTaxInclusiveInvoiceWithGroupAndPercentDiscount) {
  // a recorded 2016 Canadian invoice: gross 9.00 and 3.00 in a group, HST ON 13 %, 20 % discount.
  const auto invoice = computed(R"({"GlobalTaxCalculation":"TaxInclusive","Line":[
    {"DetailType":"GroupLineDetail","GroupLineDetail":{"GroupItemRef":{"value":"24"},"Quantity":3,"Line":[
      {"Amount":9.00,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"25"},"UnitPrice":0.6,"Qty":15,"TaxCodeRef":{"value":"5"}}},
      {"Amount":3.00,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"26"},"UnitPrice":0.125,"Qty":24,"TaxCodeRef":{"value":"5"}}}]}},
    {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":20}}]})");
  const auto& group = invoice.at("Line").at(0).at("GroupLineDetail").at("Line").as_array();
  EXPECT_EQ(text_of(group[0].at("Amount")), "7.96");
  EXPECT_EQ(text_of(group[0].at("SalesItemLineDetail").at("UnitPrice")), "0.5306667");
  EXPECT_EQ(text_of(group[0].at("SalesItemLineDetail").at("TaxInclusiveAmt")), "9");
  EXPECT_EQ(text_of(group[1].at("Amount")), "2.65");
  EXPECT_EQ(text_of(group[1].at("SalesItemLineDetail").at("UnitPrice")), "0.1104167");
  const auto& lines = invoice.at("Line").as_array();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].at("DetailType").as_string(), "SubTotalLineDetail");
  EXPECT_EQ(text_of(lines[1].at("Amount")), "10.61");
  EXPECT_EQ(text_of(lines[2].at("Amount")), "2.12");
  EXPECT_EQ(net_taxable(invoice, "12"), "8.49");
  // Not round(8.49 x 13 %) = 1.10: the sum of per-line (gross - net), less the discount's tax.
  EXPECT_EQ(tax_amount(invoice, "12"), "1.11");
  EXPECT_EQ(total_tax(invoice), "1.11");
  EXPECT_EQ(total(invoice), "9.6");
  EXPECT_EQ(invoice.at("GlobalTaxCalculation").as_string(), "TaxInclusive");
}

TEST_F(TaxTest, TaxIsRoundedLineByLineNotOnTheSubtotal) {
  // QuickBooks community thread: 29 lines at 1.59 and 2 at 17.49, 12 %: 9.71, not 9.73.
  use_single_code({"12"});
  std::string request = R"({"Line":[)";
  for (int i = 0; i < 31; ++i) {
    request += std::string(i ? "," : "") + R"({"DetailType":"SalesItemLineDetail","Amount":)" +
               (i < 29 ? "1.59" : "17.49") +
               R"(,"SalesItemLineDetail":{"TaxCodeRef":{"value":"1"}}})";
  }
  request += "]}";
  const auto invoice = computed(request);
  EXPECT_EQ(total_tax(invoice), "9.71");
  EXPECT_EQ(net_taxable(invoice, "1"), "81.09");
  EXPECT_EQ(total(invoice), "90.8");
}

TEST_F(TaxTest, QuebecRoundsEachRateOfEachLine) {
  // Intuit staff's worked example: GST 2.89 and QST 5.74 (document-level would be 2.88, 5.75).
  const auto invoice = computed(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":19.99,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}},
    {"DetailType":"SalesItemLineDetail","Amount":4.35,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}},
    {"DetailType":"SalesItemLineDetail","Amount":33.33,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}}]})");
  EXPECT_EQ(tax_amount(invoice, "16"), "2.89");
  EXPECT_EQ(tax_amount(invoice, "30"), "5.74");
  EXPECT_EQ(text_of(tax_line(invoice, "30").at("TaxLineDetail").at("TaxPercent")), "9.975");
  EXPECT_EQ(net_taxable(invoice, "16"), "57.67");
  EXPECT_EQ(net_taxable(invoice, "30"), "57.67");
  EXPECT_EQ(total_tax(invoice), "8.63");
  EXPECT_EQ(total(invoice), "66.3");
}

TEST_F(TaxTest, HalfUpNotBankers) {
  // 4495.16 x 9.975 % = 448.39221 on one line; 345.00 x 6.5 % = 22.425 -> 22.43 (RB14).
  EXPECT_EQ(tax_amount(computed(one_line("4495.16", "16")), "30"), "448.39");
  use_single_code({"6.5"});
  EXPECT_EQ(total_tax(computed(one_line("345.00", "1"))), "22.43");
}

struct ProvinceCase {
  const char* code;
  const char* date;
  std::vector<std::pair<const char*, const char*>> rate_amounts;  // rate id -> tax on 33.33
  const char* total;
};

TEST_F(TaxTest, EachProvince) {
  const std::vector<ProvinceCase> cases = {
      {"5", "2025-10-21", {{"12", "4.33"}}, "37.66"},                   // HST ON 13 %
      {"7", "2025-10-21", {{"16", "1.67"}}, "35"},                      // GST 5 % (AB, territories)
      {"8", "2025-10-21", {{"18", "5"}}, "38.33"},                      // HST NB 15 %
      {"9", "2025-10-21", {{"20", "5"}}, "38.33"},                      // HST NL 15 %
      {"10", "2025-10-21", {{"22", "5"}}, "38.33"},                     // HST PE 15 %
      {"12", "2025-10-21", {{"26", "4.67"}}, "38"},                     // HST NS 2025 14 %
      {"11", "2024-10-21", {{"24", "5"}}, "38.33"},                     // HST NS 15 % before
      {"13", "2025-10-21", {{"16", "1.67"}, {"27", "2.33"}}, "37.33"},  // GST + PST BC 7 %
      {"14", "2025-10-21", {{"16", "1.67"}, {"28", "2"}}, "37"},        // GST + PST SK 6 %
      {"15", "2025-10-21", {{"16", "1.67"}, {"29", "2.33"}}, "37.33"},  // GST + RST MB 7 %
      {"16", "2025-10-21", {{"16", "1.67"}, {"30", "3.32"}}, "38.32"},  // GST + QST 9.975 %
      {"3", "2025-10-21", {{"4", "0"}}, "33.33"},                       // Zero-rated
      {"2", "2025-10-21", {{"2", "0"}}, "33.33"},                       // Exempt
      {"6", "2025-10-21", {{"14", "0"}}, "33.33"},                      // Out of Scope
  };
  for (const auto& province : cases) {
    SCOPED_TRACE(province.code);
    const auto invoice = computed(one_line("33.33", province.code, province.date));
    ASSERT_EQ(invoice.at("TxnTaxDetail").at("TaxLine").as_array().size(),
              province.rate_amounts.size());
    for (const auto& [rate, amount] : province.rate_amounts) {
      EXPECT_EQ(tax_amount(invoice, rate), amount) << "rate " << rate;
      EXPECT_EQ(net_taxable(invoice, rate), "33.33");
    }
    EXPECT_EQ(total(invoice), province.total);
  }
}

TEST_F(TaxTest, MixedCodesOnOneDocument) {
  const auto invoice = computed(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}},
    {"DetailType":"SalesItemLineDetail","Amount":19.99,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}},
    {"DetailType":"DescriptionOnly","Description":"Thanks"},
    {"DetailType":"SalesItemLineDetail","Amount":20.01,"SalesItemLineDetail":{"TaxCodeRef":{"value":"7"}}},
    {"DetailType":"SalesItemLineDetail","Amount":5,"SalesItemLineDetail":{"TaxCodeRef":{"value":"2"}}}]})");
  EXPECT_EQ(tax_amount(invoice, "12"), "13");
  // GST from the QC line (1.00) and the GST line (1.00) add up on one TaxLine.
  EXPECT_EQ(tax_amount(invoice, "16"), "2");
  EXPECT_EQ(net_taxable(invoice, "16"), "40");
  EXPECT_EQ(tax_amount(invoice, "30"), "1.99");
  EXPECT_EQ(tax_amount(invoice, "2"), "0");
  EXPECT_EQ(invoice.at("TxnTaxDetail").at("TaxLine").as_array().size(), 4u);
  EXPECT_EQ(total_tax(invoice), "16.99");
  EXPECT_EQ(total(invoice), "161.99");  // 145.00 + 16.99
  // The description line is numbered with the others.
  EXPECT_EQ(invoice.at("Line").at(2).at("LineNum").as_int64(), 3);
}

TEST_F(TaxTest, PercentDiscountIsSpreadBeforeTax) {
  const auto invoice = computed(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":50,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}},
    {"DetailType":"SalesItemLineDetail","Amount":70,"SalesItemLineDetail":{"TaxCodeRef":{"value":"2"}}},
    {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":10}}]})");
  EXPECT_EQ(text_of(invoice.at("Line").at(3).at("Amount")), "12");
  EXPECT_EQ(net_taxable(invoice, "12"), "45");
  EXPECT_EQ(tax_amount(invoice, "12"), "5.85");
  EXPECT_EQ(net_taxable(invoice, "2"), "63");
  EXPECT_EQ(total(invoice), "113.85");
}

TEST_F(TaxTest, DiscountResidualCentGoesToTheLargestLine) {
  const auto invoice = computed(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":1,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}},
    {"DetailType":"SalesItemLineDetail","Amount":2,"SalesItemLineDetail":{"TaxCodeRef":{"value":"7"}}},
    {"DetailType":"DiscountLineDetail","Amount":0.01,"DiscountLineDetail":{"PercentBased":false}}]})");
  // Shares 0.0033 -> 0.00 and 0.0067 -> 0.01 already add up to the discount.
  EXPECT_EQ(net_taxable(invoice, "12"), "1");
  EXPECT_EQ(net_taxable(invoice, "16"), "1.99");
  const auto uneven = computed(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":1,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}},
    {"DetailType":"SalesItemLineDetail","Amount":1,"SalesItemLineDetail":{"TaxCodeRef":{"value":"7"}}},
    {"DetailType":"SalesItemLineDetail","Amount":1.01,"SalesItemLineDetail":{"TaxCodeRef":{"value":"2"}}},
    {"DetailType":"DiscountLineDetail","Amount":0.02,"DiscountLineDetail":{"PercentBased":false}}]})");
  // 0.02 x 1/3.01 = 0.0066 -> 0.01 each; 0.0067 -> 0.01: 0.03 > 0.02, the largest line gives back.
  EXPECT_EQ(net_taxable(uneven, "12"), "0.99");
  EXPECT_EQ(net_taxable(uneven, "16"), "0.99");
  EXPECT_EQ(net_taxable(uneven, "2"), "1.01");
  EXPECT_EQ(total(uneven), "3.17");  // 3.01 - 0.02 + 0.13 + 0.05 (rounded per line)
}

TEST_F(TaxTest, TaxInclusiveSplitsCombinedCodes) {
  const auto invoice = computed(R"({"GlobalTaxCalculation":"TaxInclusive","Line":[
    {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"Qty":4,"UnitPrice":25,"TaxCodeRef":{"value":"16"}}}]})");
  const auto& line = invoice.at("Line").at(0);
  EXPECT_EQ(text_of(line.at("Amount")), "86.98");  // 100 / 1.14975 = 86.975...
  EXPECT_EQ(text_of(line.at("SalesItemLineDetail").at("UnitPrice")), "21.745");
  EXPECT_EQ(text_of(line.at("SalesItemLineDetail").at("TaxInclusiveAmt")), "100");
  EXPECT_EQ(tax_amount(invoice, "16"), "4.35");  // 13.02 x 5 / 14.975
  EXPECT_EQ(tax_amount(invoice, "30"), "8.67");  // the remainder
  EXPECT_EQ(total_tax(invoice), "13.02");
  EXPECT_EQ(total(invoice), "100");
}

TEST_F(TaxTest, AmountMustEqualQtyTimesUnitPrice) {
  // N8N: 128.35 x 14.50 = 1861.075 -> 1861.08 half-up; 1861.07 is refused.
  const Fault fault = refused(R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":1861.07,
    "SalesItemLineDetail":{"Qty":128.35,"UnitPrice":14.5,"TaxCodeRef":{"value":"5"}}}]})");
  EXPECT_EQ(fault.http_status, 400);
  EXPECT_EQ(fault.code, "6070");
  EXPECT_EQ(fault.message, "Amount calculation incorrect in the request");
  EXPECT_EQ(fault.detail, "Amount is not equal to UnitPrice * Qty. Supplied value:1,861.07");
  const auto accepted = computed(R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":1861.08,
    "SalesItemLineDetail":{"Qty":128.35,"UnitPrice":14.5,"TaxCodeRef":{"value":"5"}}}]})");
  EXPECT_EQ(text_of(accepted.at("Line").at(0).at("Amount")), "1861.08");
  EXPECT_EQ(refused(R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":1000,
    "SalesItemLineDetail":{"Qty":3,"UnitPrice":333.33,"TaxCodeRef":{"value":"5"}}}]})")
                .detail,
            "Amount is not equal to UnitPrice * Qty. Supplied value:1,000");
  // Inside a group too.
  EXPECT_EQ(refused(R"({"Line":[{"DetailType":"GroupLineDetail","GroupLineDetail":{"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":5,"SalesItemLineDetail":{"Qty":2,"UnitPrice":2,"TaxCodeRef":{"value":"5"}}}]}}]})")
                .code,
            "6070");
}

TEST_F(TaxTest, CanadianLineWithoutTaxCodeIsRefused) {
  constexpr std::string_view kDetail =
      "Business Validation Error: Make sure all your transactions have a GST/HST rate before "
      "you save.";
  const Fault fault = refused(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]})");
  EXPECT_EQ(fault.http_status, 400);
  EXPECT_EQ(fault.type, "ValidationFault");
  EXPECT_EQ(fault.code, "6000");
  EXPECT_EQ(fault.message,
            "A business validation error has occurred while processing your request");
  EXPECT_EQ(fault.detail, kDetail);
  EXPECT_EQ(fault.element, "");
  // A transaction-level code does not stand in for the line codes.
  EXPECT_EQ(
      refused(
          R"({"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"5"}},"Line":[{"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{}}]})")
          .detail,
      kDetail);
  // The adjustment code has no sales rate.
  EXPECT_EQ(refused(one_line("10", "4")).detail, kDetail);
}

TEST_F(TaxTest, UnknownOrInactiveCanadianCodeIsAnInvalidReference) {
  EXPECT_EQ(refused(one_line("10", "99")).code, "2500");
  EXPECT_EQ(refused(one_line("10", "TAX")).code, "2500");
  ca_codes_[0].as_object()["Active"] = false;  // Exempt (Id 2)
  const Fault inactive = refused(one_line("10", "2"));
  EXPECT_EQ(inactive.code, "2500");
  EXPECT_NE(inactive.detail.find("has been made inactive"), std::string::npos);
}

TEST_F(TaxTest, UnitedStatesTaxGroupOnTaxableLines) {
  // Intuit's sample: 275 + 12.75 + 47.5 taxable at 8 % = 26.82; the NON line is not taxed.
  const auto invoice = computed(R"({"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"2"}},"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":275,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}},
    {"DetailType":"SalesItemLineDetail","Amount":12.75,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}},
    {"DetailType":"SalesItemLineDetail","Amount":47.5,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}},
    {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"TaxCodeRef":{"value":"NON"}}}]})",
                                Region::united_states);
  EXPECT_EQ(invoice.at("TxnTaxDetail").at("TxnTaxCodeRef").at("value").as_string(), "2");
  EXPECT_EQ(tax_amount(invoice, "3"), "26.82");
  EXPECT_EQ(net_taxable(invoice, "3"), "335.25");
  EXPECT_EQ(total(invoice), "462.07");
  EXPECT_FALSE(invoice.at("ApplyTaxAfterDiscount").as_bool());
  EXPECT_FALSE(invoice.contains("GlobalTaxCalculation"));
  // A two-rate group gives two TaxLines.
  const auto tucson = computed(R"({"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"3"}},"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}}]})",
                               Region::united_states);
  EXPECT_EQ(tax_amount(tucson, "4"), "7.1");
  EXPECT_EQ(tax_amount(tucson, "5"), "2");
  EXPECT_EQ(total(tucson), "109.1");
}

TEST_F(TaxTest, UnitedStatesLineWithoutCodeBecomesNon) {
  // Recorded create/invoice.yml: an Amount-only line comes back with NON and TotalTax 0.
  const auto invoice = computed(R"({"Line":[{"Amount":100.0,"DetailType":"SalesItemLineDetail",
    "SalesItemLineDetail":{"ItemRef":{"value":"1","name":"Services"}}}],"CustomerRef":{"value":"1"}})",
                                Region::united_states);
  const auto& line = invoice.at("Line").at(0);
  EXPECT_EQ(line.at("SalesItemLineDetail").at("TaxCodeRef").at("value").as_string(), "NON");
  EXPECT_FALSE(line.at("SalesItemLineDetail").as_object().contains("Qty"));
  EXPECT_EQ(boost::json::serialize(invoice.at("TxnTaxDetail")), R"({"TotalTax":0})");
  EXPECT_EQ(total(invoice), "100");
  EXPECT_EQ(text_of(invoice.at("Balance")), "100");
  EXPECT_EQ(invoice.at("Line").at(1).at("DetailType").as_string(), "SubTotalLineDetail");
}

TEST_F(TaxTest, UnitedStatesLineCodeMustBeTaxOrNon) {
  const Fault fault = refused(R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":10,
    "SalesItemLineDetail":{"TaxCodeRef":{"value":"10"}}}]})",
                              Region::united_states);
  EXPECT_EQ(fault.code, "6100");
  EXPECT_EQ(fault.message, "Invalid Line TaxCode in the request");
  EXPECT_EQ(fault.detail, "Valid line TaxCodes for US should be TAX or NON. Supplied value: 10");
}

TEST_F(TaxTest, UnitedStatesDiscountIsAfterTaxUnlessAsked) {
  // RB14: 345.00 taxed in full at 6.5 % = 22.43; TotalAmt 345 + 22.43 - 29.50 = 337.93.
  custom_codes_ = boost::json::array{
      {{"Id", "2"},
       {"Name", "Six and a half"},
       {"Active", true},
       {"SalesTaxRateList", {{"TaxRateDetail", {{{"TaxRateRef", {{"value", "7"}}}}}}}}}};
  custom_rates_ = boost::json::array{{{"Id", "7"}, {"RateValue", 6.5}}};
  constexpr std::string_view kLines = R"("Line":[
    {"DetailType":"SalesItemLineDetail","Amount":345.00,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}},
    {"DetailType":"DiscountLineDetail","Amount":29.50,"DiscountLineDetail":{"PercentBased":false}}])";
  const auto after = computed(std::string(R"({"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"2"}},)") +
                                  std::string(kLines) + "}",
                              Region::united_states);
  EXPECT_EQ(total_tax(after), "22.43");
  EXPECT_EQ(net_taxable(after, "7"), "345");
  EXPECT_EQ(total(after), "337.93");
  const auto before = computed(
      std::string(
          R"({"ApplyTaxAfterDiscount":true,"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"2"}},)") +
          std::string(kLines) + "}",
      Region::united_states);
  EXPECT_EQ(net_taxable(before, "7"), "315.5");
  EXPECT_EQ(total_tax(before), "20.51");  // 315.50 x 6.5 % = 20.5075
  EXPECT_EQ(total(before), "336.01");
  EXPECT_TRUE(before.at("ApplyTaxAfterDiscount").as_bool());
}

TEST_F(TaxTest, ClientTaxOverrideIsKept) {
  // Every rate of the QC code with the CRM's cents (QBO keeps each rate's own cents).
  const auto invoice = computed(R"({"GlobalTaxCalculation":"TaxExcluded",
    "Line":[{"DetailType":"SalesItemLineDetail","Amount":57.67,"SalesItemLineDetail":{"Qty":1,"UnitPrice":57.67,"TaxCodeRef":{"value":"16"}}}],
    "TxnTaxDetail":{"TotalTax":8.63,"TaxLine":[
      {"Amount":2.88,"DetailType":"TaxLineDetail","TaxLineDetail":{"TaxRateRef":{"value":"16"},"PercentBased":true,"TaxPercent":5,"NetAmountTaxable":57.67}},
      {"Amount":5.76,"DetailType":"TaxLineDetail","TaxLineDetail":{"TaxRateRef":{"value":"30"},"PercentBased":true,"TaxPercent":9.975,"NetAmountTaxable":57.67}}]}})");
  EXPECT_EQ(tax_amount(invoice, "16"), "2.88");
  EXPECT_EQ(tax_amount(invoice, "30"), "5.76");  // computed would be 5.75
  EXPECT_EQ(total_tax(invoice), "8.64");
  EXPECT_EQ(total(invoice), "66.31");
}

TEST_F(TaxTest, OverrideMustNameEveryRateOfTheCodesUsed) {
  const Fault missing = refused(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":57.67,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}}],
    "TxnTaxDetail":{"TaxLine":[{"Amount":2.88,"DetailType":"TaxLineDetail","TaxLineDetail":{"TaxRateRef":{"value":"16"}}}]}})");
  EXPECT_EQ(missing.code, "6000");
  const Fault foreign = refused(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}}],
    "TxnTaxDetail":{"TaxLine":[{"Amount":1.30,"DetailType":"TaxLineDetail","TaxLineDetail":{"TaxRateRef":{"value":"11"}}}]}})");
  EXPECT_EQ(foreign.code, "2500");
  EXPECT_EQ(foreign.detail, "Invalid Reference Id : TaxRate");
  const Fault no_type = refused(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}}],
    "TxnTaxDetail":{"TaxLine":[{"Amount":1.30,"TaxLineDetail":{"TaxRateRef":{"value":"12"}}}]}})");
  EXPECT_NE(no_type.detail.find("TxnTaxDetail.TaxLine.DetailTypeEnum is missing"),
            std::string::npos);
}

TEST_F(TaxTest, TotalTaxAloneIsSpreadOverTheRates) {
  const auto invoice = computed(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":57.67,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}}],
    "TxnTaxDetail":{"TotalTax":8.65}})");
  EXPECT_EQ(total_tax(invoice), "8.65");
  EXPECT_EQ(tax_amount(invoice, "16"), "2.89");  // 8.65 x 2.88 / 8.63
  EXPECT_EQ(tax_amount(invoice, "30"), "5.76");
  EXPECT_EQ(total(invoice), "66.32");
  // The same TotalTax as computed changes nothing.
  const auto same = computed(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":57.67,"SalesItemLineDetail":{"TaxCodeRef":{"value":"16"}}}],
    "TxnTaxDetail":{"TotalTax":8.63}})");
  EXPECT_EQ(tax_amount(same, "30"), "5.75");
}

TEST_F(TaxTest, UnitedStatesStatedTotalTaxIsKept) {
  // The HighLevel approach: TotalTax 0 suppresses QBO's tax; a stated amount is prorated.
  const auto zero =
      computed(R"({"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"2"},"TotalTax":0},"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}}]})",
               Region::united_states);
  EXPECT_EQ(total_tax(zero), "0");
  EXPECT_EQ(total(zero), "100");
  const auto stated =
      computed(R"({"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"3"},"TotalTax":9.00},"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"TaxCodeRef":{"value":"TAX"}}}]})",
               Region::united_states);
  EXPECT_EQ(total_tax(stated), "9");
  EXPECT_EQ(tax_amount(stated, "4"), "7.02");  // 9 x 7.1 / 9.1 = 7.0220
  EXPECT_EQ(tax_amount(stated, "5"), "1.98");
}

TEST_F(TaxTest, NotApplicableComputesNoTax) {
  const auto invoice = computed(R"({"GlobalTaxCalculation":"NotApplicable","Line":[
    {"DetailType":"SalesItemLineDetail","Amount":40,"SalesItemLineDetail":{}},
    {"DetailType":"DiscountLineDetail","Amount":5,"DiscountLineDetail":{"PercentBased":false}}]})");
  EXPECT_EQ(total(invoice), "35");
  EXPECT_FALSE(invoice.contains("TxnTaxDetail"));
  const Fault fault =
      refused(R"({"GlobalTaxCalculation":"NotApplicable","TxnTaxDetail":{"TotalTax":1},
    "Line":[{"DetailType":"SalesItemLineDetail","Amount":40,"SalesItemLineDetail":{}}]})");
  EXPECT_EQ(fault.code, "6170");
}

TEST_F(TaxTest, BalancesByEntity) {
  const auto paid = computed(one_line("100", "5"), Region::canada, "Invoice", "13.00");
  EXPECT_EQ(total(paid), "113");
  EXPECT_EQ(text_of(paid.at("Balance")), "100");
  auto with_deposit = boost::json::parse(one_line("100", "5")).as_object();
  with_deposit["Deposit"] = 50;
  const auto deposited =
      computed(boost::json::serialize(with_deposit), Region::canada, "Invoice", "13.00");
  EXPECT_EQ(text_of(deposited.at("Balance")), "50");
  const auto receipt = computed(one_line("100", "5"), Region::canada, "SalesReceipt");
  EXPECT_EQ(text_of(receipt.at("Balance")), "0");
  const auto estimate = computed(one_line("100", "5"), Region::canada, "Estimate");
  EXPECT_FALSE(estimate.contains("Balance"));
  EXPECT_EQ(total(estimate), "113");
  const auto credit = computed(one_line("100", "5"), Region::canada, "CreditMemo");
  EXPECT_EQ(text_of(credit.at("RemainingCredit")), "113");
}

TEST_F(TaxTest, MalformedDocumentsNameTheField) {
  const Fault no_lines = refused(R"({"CustomerRef":{"value":"1"}})");
  EXPECT_EQ(no_lines.code, "2020");
  EXPECT_EQ(no_lines.detail, "Required parameter Line is missing in the request");
  EXPECT_EQ(refused(R"({"Line":{}})").element, "Line");
  const Fault no_amount = refused(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}}]})");
  EXPECT_EQ(no_amount.code, "2020");
  EXPECT_EQ(no_amount.element, "Line.Amount");
  const Fault text_amount = refused(
      R"({"Line":[{"DetailType":"SalesItemLineDetail","Amount":"ten","SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}}]})");
  EXPECT_EQ(text_amount.element, "Line[0].Amount");
  EXPECT_EQ(refused(R"({"Line":[{"DetailType":"JournalEntryLineDetail","Amount":1}]})").element,
            "Line[0].DetailType");
  EXPECT_EQ(refused(R"({"GlobalTaxCalculation":"Sometimes","Line":[]})").element,
            "GlobalTaxCalculation");
  const Fault discount = refused(R"({"Line":[
    {"DetailType":"SalesItemLineDetail","Amount":10,"SalesItemLineDetail":{"TaxCodeRef":{"value":"5"}}},
    {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true}}]})");
  EXPECT_EQ(discount.code, "6090");
}

}  // namespace
}  // namespace qbo_sandbox::tax

namespace qbo_sandbox::tax {
namespace {

TEST_F(TaxTest, StoredTaxDetailOfOtherLinesIsComputedAfresh) {
  // An update that changes the lines but carries the stored TxnTaxDetail along.
  auto invoice = computed(kRecordedCanadianInvoice);
  invoice["Line"].as_array().at(0).as_object()["Amount"] = 60;
  invoice["Line"].as_array().at(0).as_object()["SalesItemLineDetail"].as_object()["Qty"] = 6;
  const auto updated = computed(boost::json::serialize(invoice));
  EXPECT_EQ(net_taxable(updated, "12"), "55.38");  // 60 - round(10 x 60/130 = 4.6154)
  EXPECT_EQ(tax_amount(updated, "12"), "7.2");     // 55.38 x 13 % = 7.1994
  EXPECT_EQ(total(updated), "127.2");
  // A line moved to a code that was not used before: no refusal for the old rates.
  invoice["Line"].as_array().at(0).as_object()["SalesItemLineDetail"].as_object()["TaxCodeRef"] =
      boost::json::object{{"value", "7"}};
  const auto recoded = computed(boost::json::serialize(invoice));
  EXPECT_EQ(tax_amount(recoded, "16"), "2.77");  // 55.38 x 5 % = 2.769
  EXPECT_EQ(recoded.at("TxnTaxDetail").at("TaxLine").as_array().size(), 2u);
}

}  // namespace
}  // namespace qbo_sandbox::tax
