// Contacts that change e-mail, whose e-mails differ only in Unicode case, whose names match a
// QuickBooks customer, that came from QuickBooks; and the plugin's own customers never come back
// to the CRM as new contacts.
#include <string>

#include "crm_story.h"
#include "story_lines.h"

namespace qbo_sync::acceptance {
namespace {

class ContactStory : public CrmStory {
 protected:
  // A contact pays an order, changes e-mail to `new_email`, and pays another.
  void pays_before_and_after_changing_email(const std::string& first, const std::string& last,
                                            const std::string& email,
                                            const std::string& new_email) {
    connect();
    const auto id = contact(first, last, email);
    pay_order(id, {hst_on("Class", 2000)});
    settle();
    change_email(id, new_email);
    pay_order(id, {hst_on("Class", 2000)});
    audit();
  }
};

TEST_F(ContactStory, AContactWhoChangesEmailStaysOneCustomer) {
  pays_before_and_after_changing_email("Nora", "Price", "nora@old.example", "nora@new.example");
}

TEST_F(ContactStory, EmailsDifferingOnlyInUnicodeCaseAreOneCustomer) {
  pays_before_and_after_changing_email("Éloïse", "Roy", "éloïse@story.example",
                                       "ÉLOÏSE@story.example");
}

TEST_F(ContactStory, AContactNamedLikeAnExistingQuickBooksCustomerGetsACustomerOfItsOwn) {
  const auto existing = qbo_customer("Jean Dupont", "jean.dupont@other.example");
  connect();
  contact_from_qbo(existing);
  const auto jean = contact("Jean", "Dupont", "jean@story.example");
  pay_order(jean, {hst_on("Class", 2000)});
  audit();
}

TEST_F(ContactStory, AQuickBooksCustomerImportedThenPayingInTheCrmKeepsItsCustomer) {
  const auto customer = qbo_customer("Paula Quinn", "paula@story.example");
  connect();
  const auto paula = contact_from_qbo(customer);
  pay_order(paula, {hst_on("Class", 2000)});
  const auto invoice = send_invoice(paula, "S-2001", {hst_on("Package", 30000)});
  pay_invoice(invoice, 33900);
  audit();
}

TEST_F(ContactStory, ThePluginsOwnCustomersAreNotEchoedBackToTheCrm) {
  connect();
  const auto rita = contact("Rita", "Stone", "rita@story.example");
  const auto tom = contact("Tom", "Usher", "tom@story.example");
  pay_order(rita, {hst_on("Class", 2000)});
  send_invoice(tom, "S-2002", {hst_on("Package", 30000)});
  settle();
  pay_order(tom, {hst_on("Class", 2000)});
  audit();
}

TEST_F(ContactStory, TwoContactsWithTheSameNameAreTwoCustomers) {
  connect();
  const auto first = contact("Alex", "Morgan", "alex.one@story.example");
  const auto second = contact("Alex", "Morgan", "alex.two@story.example");
  pay_order(first, {hst_on("Class", 2000)});
  settle();
  pay_order(second, {hst_on("Class", 3000)});
  audit();
}

}  // namespace
}  // namespace qbo_sync::acceptance
