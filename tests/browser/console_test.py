#!/usr/bin/env python3
"""The developer console in a real browser: headless Chromium drives `host_stub serve` against the
local QBO sandbox like a CRM admin would, and saves screenshots of the card and the records page."""
import sys

from selenium.webdriver.common.by import By

from console_harness import payment, run


def connect_both(console, args, artifacts):
    console.connect("acct-demo-ca")
    console.connect("acct-demo-us")


def toggle_off_and_on(console, args, artifacts):
    console.open("acct-demo-ca", "card")
    box = console.field("/settings/sync_invoices").find_element(By.CSS_SELECTOR, "input")
    assert box.is_selected()
    box.click()
    assert "Saved" in console.save()
    assert not console.field("/settings/sync_invoices").find_element(
        By.CSS_SELECTOR, "input").is_selected()
    console.field("/settings/sync_invoices").find_element(By.CSS_SELECTOR, "input").click()
    assert "Saved" in console.save()
    assert console.field("/settings/sync_invoices").find_element(
        By.CSS_SELECTOR, "input").is_selected()


def pick_option(select_element, starts_with):
    for option in select_element.find_elements(By.TAG_NAME, "option"):
        if option.text.startswith(starts_with) and option.is_enabled():
            option.click()
            return option.get_attribute("value")
    raise AssertionError("no option " + starts_with)


def map_taxes(console, args, artifacts):
    console.open("acct-demo-ca", "card")
    table = console.field("/settings/tax_mappings")
    table.find_element(By.CSS_SELECTOR, "button[data-add-row]").click()
    row = table.find_elements(By.CSS_SELECTOR, "tbody tr")[-1]
    row.find_element(By.CSS_SELECTOR, "input[data-column=crm_tax_name]").send_keys("HST ON")
    rate = row.find_element(By.CSS_SELECTOR, "input[data-column=crm_tax_rate]")
    rate.send_keys("7")
    pick_option(row.find_element(By.CSS_SELECTOR, "select"), "HST ON")
    # HST ON charges 13 %: mapping a 7 % tax to it is refused, next to the field.
    result = console.save()
    assert "Not saved" in result, result
    error = console.field("/settings/tax_mappings").find_element(By.CSS_SELECTOR, ".field-error")
    assert "/settings/tax_mappings/0" in error.text, error.text
    rate.clear()
    rate.send_keys("13")
    assert "Saved" in console.save()
    rows = console.field("/settings/tax_mappings").find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 1
    console.screenshot(artifacts / "card.png")


def payments(console, args, artifacts):
    assert console.send("payment", payment(args.examples, "pay-console-1")).startswith("OK")
    console.open("acct-demo-ca", "records")
    console.wait_for_status("pay-console-1", "completed")

    console.refuse_sales_receipts("ca", 1, "the books are being reviewed")
    assert console.send("payment", payment(args.examples, "pay-console-2")).startswith("OK")
    console.open("acct-demo-ca", "records")
    console.wait_for_status("pay-console-2", "errored")
    # The status filter shows the errored record alone.
    console.choose("#filter-status", "errored")
    console.wait(lambda d: [r.get_attribute("data-object") for r in d.find_elements(
        By.CSS_SELECTOR, "#records-table tbody tr")] == ["pay-console-2"], "filter by status")
    row = console.find('tr[data-object="pay-console-2"]')
    row.find_element(By.CSS_SELECTOR, "a[data-open]").click()
    advice = console.find("#record-advice").text
    assert "6000" in advice or "validation" in advice.lower(), advice
    console.screenshot(artifacts / "records-errored.png")

    def alert_shown(driver):
        console.open("acct-demo-ca", "messages")
        return "pay-console-2" in driver.find_element(By.ID, "emails").text
    console.wait(alert_shown, "no alert e-mail about the refused payment")
    console.open("acct-demo-ca", "records")
    console.find('tr[data-object="pay-console-2"] button[data-row-action=retry]').click()
    console.choose("#filter-status", "")
    console.wait_for_status("pay-console-2", "completed")
    console.find('tr[data-object="pay-console-2"] a[data-open]').click()
    console.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#audit tr")) >= 3,
                 "the audit trail shows the failed attempt, the retry and the success")
    console.screenshot(artifacts / "records.png")


def disconnect(console, args, artifacts):
    console.open("acct-demo-ca", "card")
    console.find("button[data-action=test]").click()
    console.wait(lambda d: "Test connection" in d.find_element(By.ID, "connection-message").text,
                 "no test result")
    console.find("button[data-action=disconnect]").click()
    console.driver.switch_to.alert.accept()
    console.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#connection").get_attribute(
        "data-state") == "not_connected", "still connected")


if __name__ == "__main__":
    sys.exit(run([connect_both, toggle_off_and_on, map_taxes, payments, disconnect]))
