#include "mapping/contact_names.h"

#include <gtest/gtest.h>

namespace qbo_sync::mapping {
namespace {

TEST(NormaliseEmail, IgnoresCaseAndSurroundingWhitespace) {
  EXPECT_EQ(normalise_email("  Ann.Lee@Example.COM \t"), "ann.lee@example.com");
  EXPECT_EQ(normalise_email("ann.lee@example.com"), normalise_email("ANN.LEE@EXAMPLE.COM"));
  EXPECT_EQ(normalise_email(""), "");
}

TEST(NormaliseEmail, FoldsNonAsciiCase) {
  EXPECT_EQ(normalise_email(" JOSÉ.ÉTÉ@Café.TEST "), "josé.été@café.test");
  EXPECT_TRUE(same_email("zoë@example.com", "ZOË@EXAMPLE.COM"));
  EXPECT_FALSE(same_email("zoe@example.com", "zoë@example.com"));
}

TEST(SameName, IgnoresCaseAndWhatADisplayNameCannotHold) {
  EXPECT_TRUE(same_name("Élodie  Côté", "ÉLODIE CÔTÉ"));
  EXPECT_TRUE(same_name("Acme: West", "acme west"));
  EXPECT_FALSE(same_name("Ann Lee", "Anne Lee"));
}

TEST(CaseBlindPattern, ReplacesNonAsciiAndWildcardCharacters) {
  EXPECT_EQ(case_blind_pattern("josé.été@café.test"), "jos%.%t%@caf%.test");
  EXPECT_EQ(case_blind_pattern("100%_o'k"), "100%o%k");
  EXPECT_EQ(case_blind_pattern("ann@x.test"), "ann@x.test");
}

TEST(SanitizeDisplayName, ReplacesColonsAndControlCharacters) {
  EXPECT_EQ(sanitize_display_name("Acme: West\tDivision\n"), "Acme West Division");
  EXPECT_EQ(sanitize_display_name("  O'Brien   &  Sons  "), "O'Brien & Sons");
  EXPECT_EQ(sanitize_display_name(":::"), "");
}

TEST(SanitizeDisplayName, KeepsAccentsAndCutsAtHundredBytesOnACharacterBoundary) {
  EXPECT_EQ(sanitize_display_name("Émilie Tremblay-Roy"), "Émilie Tremblay-Roy");
  std::string long_name(99, 'a');
  long_name += "é";  // two bytes: 101 in all, so the é must go entirely
  const std::string cut = sanitize_display_name(long_name);
  EXPECT_EQ(cut, std::string(99, 'a'));
}

TEST(DisplayNameFor, PrefersThePersonThenCompanyThenEmail) {
  events::Contact contact;
  contact.crm_contact_id = "ct-1";
  contact.email = "x@example.com";
  EXPECT_EQ(display_name_for(contact), "x@example.com");
  contact.company_name = "Acme: Inc";
  EXPECT_EQ(display_name_for(contact), "Acme Inc");
  contact.first_name = "Ann";
  contact.last_name = "Lee";
  EXPECT_EQ(display_name_for(contact), "Ann Lee");
  EXPECT_EQ(display_name_for(events::Contact{}), "CRM customer");
}

TEST(NumberedDisplayName, AppendsTheNumberAndStillFits) {
  EXPECT_EQ(numbered_display_name("Ann Lee", 2), "Ann Lee (2)");
  const std::string numbered = numbered_display_name(std::string(100, 'b'), 13);
  EXPECT_EQ(numbered.size(), kMaxDisplayNameLength);
  EXPECT_EQ(numbered.substr(numbered.size() - 5), " (13)");
}

}  // namespace
}  // namespace qbo_sync::mapping
