#!/usr/bin/env python3
"""What the plugin asks of the CRM, as the console shows it: the QuickBooks customers and old
invoices it brings into the CRM, the alert e-mails to the admins, and the one review request a
contact's first invoice paid in full leads to."""
import json
import sys
import time

from selenium.webdriver.common.by import By

from console_harness import DEADLINE_S, example, payment, plugin_time, run

ACCOUNT = "acct-demo-ca"
BOOKKEEPER_CUSTOMER = "Harbour Books Cafe"
ADMIN_EMAIL = "books@mapleleafyoga.example"
scene = {}


def quickbooks_before_connection(console, args, artifacts):
    """QuickBooks already holds a customer and an invoice of it when the account connects."""
    customer = console.write_in_quickbooks("ca", "customer", {
        "DisplayName": BOOKKEEPER_CUSTOMER, "GivenName": "Noor", "FamilyName": "Haddad",
        "PrimaryEmailAddr": {"Address": "hello@harbourbooks.example"},
        "BillAddr": {"City": "Halifax", "CountrySubDivisionCode": "NS"}})["Customer"]
    invoice = console.write_in_quickbooks("ca", "invoice", {
        "CustomerRef": {"value": customer["Id"]},
        "Line": [{"Amount": 80, "DetailType": "SalesItemLineDetail",
                  "SalesItemLineDetail": {"ItemRef": {"value": "1"}, "TaxCodeRef": {"value": "5"}}}]
    })["Invoice"]
    scene["customer_id"], scene["invoice_id"] = customer["Id"], invoice["Id"]
    console.connect(ACCOUNT)


def table_rows(console, tab, table):
    """The rows of `table` on `tab`, each as the JSON objects its cells show."""
    console.open(ACCOUNT, tab)
    rows = []
    for row in console.driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr"):
        cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        rows.append([json.loads(cell) if cell.startswith("{") else cell for cell in cells])
    return rows


def eventually_rows(console, tab, table, condition, what):
    found = []

    def check(driver):
        found[:] = table_rows(console, tab, table)
        return condition(found)
    console.wait(check, what)
    return found


def customers_come_in_at_connection(console, args, artifacts):
    contacts = eventually_rows(console, "crm", "contacts", lambda rows: rows,
                               "the QuickBooks customer never reached the CRM")
    assert len(contacts) == 1, contacts
    contact, answer = contacts[0]
    assert contact["qbo_customer_id"] == scene["customer_id"], contact
    assert "hello@harbourbooks.example" in json.dumps(contact), contact
    assert answer, "the CRM's answer is not shown"
    # Old invoices are not imported until the admin asks for them.
    assert table_rows(console, "crm", "invoices") == []


def toggle(console, key, on):
    box = console.field(f"/settings/{key}").find_element(By.CSS_SELECTOR, "input")
    if box.is_selected() != on:
        box.click()


def old_invoices_come_in_when_chosen(console, args, artifacts):
    console.open(ACCOUNT, "card")
    toggle(console, "import_old_invoices", True)
    assert "Saved" in console.save()
    invoices = eventually_rows(console, "crm", "invoices", lambda rows: rows,
                               "the old QuickBooks invoice never reached the CRM")
    assert len(invoices) == 1, invoices
    assert scene["invoice_id"] in json.dumps(invoices[0][0]), invoices
    assert scene["customer_id"] in json.dumps(invoices[0][0]), invoices


def alert_emails_go_to_the_admins(console, args, artifacts):
    console.open(ACCOUNT, "card")
    emails = console.field("/settings/admin_emails").find_element(By.CSS_SELECTOR, "textarea")
    emails.clear()
    emails.send_keys(ADMIN_EMAIL)
    assert "Saved" in console.save()
    console.refuse_sales_receipts("ca", 1, "the period is closed")
    assert console.send("payment", payment(args.examples, "pay-alerted")).startswith("OK")
    alerts = eventually_rows(console, "messages", "emails",
                             lambda rows: any("pay-alerted" in row[2] for row in rows),
                             "no alert e-mail about the refused payment")
    to, subject, text = next(row for row in alerts if "pay-alerted" in row[2])
    assert to == ADMIN_EMAIL, to
    assert subject, "the alert has no subject"
    assert "business_rule" in text or "QuickBooks" in text, text


def wait_for_polls(console, count):
    """Waits until the plugin has looked at QuickBooks' changes `count` more times."""
    def last_poll():
        return console.admin("inbound_status", account_id=ACCOUNT)["body"]["last_poll_at"]
    for _ in range(count):
        before = last_poll()
        deadline = time.monotonic() + DEADLINE_S
        while last_poll() == before:
            assert time.monotonic() < deadline, "the plugin stopped polling QuickBooks"
            time.sleep(0.1)


def after_connection(invoice, connected_since):
    """`invoice` (an example event) made and sent just after the account connected."""
    made = plugin_time(connected_since, 60)
    invoice["occurred_at"] = invoice["invoice"]["created_at"] = invoice["invoice"]["sent_at"] = made
    return invoice


def one_review_request_for_a_first_invoice_paid_in_full(console, args, artifacts):
    console.open(ACCOUNT, "card")
    toggle(console, "review_request_on_first_paid_invoice", True)
    assert "Saved" in console.save()
    since = console.find("#connection .help").text.removeprefix("since ")
    sent = after_connection(example(args.examples, "invoice.sent.v1", "01-ca-on-inv-1001.json"),
                            since)
    paid = after_connection(
        example(args.examples, "invoice.updated.v1", "03-ca-on-inv-1001-paid.json"), since)
    assert table_rows(console, "messages", "reviews") == []
    assert console.send("invoice-sent", sent).startswith("OK")
    assert console.send("invoice-updated", paid).startswith("OK")
    reviews = eventually_rows(console, "messages", "reviews", lambda rows: rows,
                              "no review request after the first invoice was paid in full")
    console.wait_for_records(ACCOUNT, lambda records: all(
        r["status"] == "completed" for r in records if r["object_type"] == "invoice"),
        "the paid invoice did not complete")
    wait_for_polls(console, 2)
    reviews = table_rows(console, "messages", "reviews")
    assert len(reviews) == 1, reviews
    request = reviews[0][0]
    assert request["contact"]["email"] == sent["invoice"]["contact"]["email"], request
    assert request["invoice"]["crm_invoice_id"] == sent["invoice"]["id"], request
    console.screenshot(artifacts / "messages.png")


if __name__ == "__main__":
    sys.exit(run([quickbooks_before_connection, customers_come_in_at_connection,
                  old_invoices_come_in_when_chosen, alert_emails_go_to_the_admins,
                  one_review_request_for_a_first_invoice_paid_in_full]))
