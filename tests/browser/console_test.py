#!/usr/bin/env python3
"""The developer console in a real browser: headless Chromium drives `host_stub serve` against the
local QBO sandbox like a CRM admin would, and saves screenshots of the card and the records page."""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

DEADLINE_S = 20


def parse_arguments():
    parser = argparse.ArgumentParser()
    for name in ("host-stub", "plugin", "sandbox", "examples", "artifacts"):
        parser.add_argument("--" + name, required=True)
    return parser.parse_args()


def start_console(args, data_dir, log):
    process = subprocess.Popen(
        [args.host_stub, "serve", "--plugin", args.plugin, "--data-dir", data_dir,
         "--examples", args.examples, "--sandbox", args.sandbox],
        stdout=subprocess.PIPE, stderr=log, text=True)
    url = info_file = None
    while url is None or info_file is None:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("host_stub serve stopped before printing its URL")
        if line.startswith("console: "):
            url = line.split(" ", 1)[1].strip()
        if line.startswith("sandbox-info: "):
            info_file = line.split(" ", 1)[1].strip()
    with open(info_file) as file:
        return process, url, json.load(file)


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,2400"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Console:
    def __init__(self, driver, url, sandbox):
        self.driver, self.url, self.sandbox = driver, url, sandbox

    def wait(self, condition, what):
        """Waits until the page is idle (no <body data-busy>) and `condition` holds."""
        def check(driver):
            try:
                if driver.execute_script("return !!document.body.dataset.busy"):
                    return False
                return condition(driver)
            except StaleElementReferenceException:
                return False
        return WebDriverWait(self.driver, DEADLINE_S, poll_frequency=0.1).until(check, what)

    def find(self, css):
        return self.wait(lambda d: d.find_element(By.CSS_SELECTOR, css), "no element " + css)

    def open(self, account, tab):
        target = f"#account={account}&tab={tab}&t={time.time()}"
        self.driver.get(self.url + target)
        self.wait(lambda d: d.execute_script("return document.body.dataset.shown") == target,
                  "the page never showed " + target)

    def choose(self, css, value):
        """Picks an option of a select that the page may be drawing again."""
        def pick(driver):
            Select(driver.find_element(By.CSS_SELECTOR, css)).select_by_value(value)
            return True
        self.wait(pick, "cannot choose " + value + " in " + css)

    def connection_state(self):
        return self.find("#connection").get_attribute("data-state")

    def connect(self, account):
        self.open(account, "card")
        self.find("button[data-action=connect]").click()
        # The browser goes to the sandbox's consent page, which redirects to /oauth/callback.
        self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#connection").get_attribute(
            "data-state") == "connected", "not connected: " + account)
        assert f"account={account}" in self.driver.current_url, self.driver.current_url

    def field(self, pointer):
        return self.find(f'.field[data-pointer="{pointer}"]')

    def save(self):
        self.find("#save-settings").click()
        return self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#save-result").text,
                         "no answer to the save")

    def fault(self, rule):
        request = urllib.request.Request(self.sandbox["control"] + "/faults",
                                         data=json.dumps(rule).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request).read()

    def send(self, hook, payload):
        self.open(payload["account_id"], "send")
        Select(self.find("#hook")).select_by_value(hook)
        area = self.find("#payload")
        self.driver.execute_script("arguments[0].value = arguments[1];", area, json.dumps(payload))
        self.find("#send").click()
        return self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#send-result").text, "no answer")

    def record_status(self, object_id):
        self.find("#refresh-records").click()
        row = self.find(f'tr[data-object="{object_id}"]')
        return row.find_element(By.CSS_SELECTOR, "td.status").text

    def wait_for_status(self, object_id, status):
        self.wait(lambda d: self.record_status(object_id) == status,
                  f"{object_id} never became {status}")


def toggle_off_and_on(console):
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


def map_taxes(console, artifacts):
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
    console.driver.execute_script("window.scrollTo(0, 0);")
    console.driver.save_screenshot(str(artifacts / "card.png"))


def payment(examples, object_id):
    with open(pathlib.Path(examples) / "payment.completed.v1/valid/01-ca-on-order-form.json") as f:
        document = json.load(f)
    document["event_id"] = "evt-" + object_id
    document["payment"]["id"] = object_id
    return document


def payments(console, args, artifacts):
    assert console.send("payment", payment(args.examples, "pay-console-1")).startswith("OK")
    console.open("acct-demo-ca", "records")
    console.wait_for_status("pay-console-1", "completed")

    realm = next(c["realm_id"] for c in console.sandbox["companies"] if c["preset"] == "ca")
    console.fault({"kind": "xml_fault", "count": 1, "entity": "SalesReceipt", "method": "POST",
                   "status": 400, "code": "6000", "realm_id": realm,
                   "message": "A business validation error has occurred while processing your request",
                   "detail": "Business Validation Error: the books are being reviewed"})
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
    console.driver.save_screenshot(str(artifacts / "records-errored.png"))

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
    console.driver.save_screenshot(str(artifacts / "records.png"))


def disconnect(console):
    console.open("acct-demo-ca", "card")
    console.find("button[data-action=test]").click()
    console.wait(lambda d: "Test connection" in d.find_element(By.ID, "connection-message").text,
                 "no test result")
    console.find("button[data-action=disconnect]").click()
    console.driver.switch_to.alert.accept()
    console.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#connection").get_attribute(
        "data-state") == "not_connected", "still connected")


def main():
    args = parse_arguments()
    artifacts = pathlib.Path(args.artifacts)
    artifacts.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as data_dir, open(artifacts / "host_stub.log", "w") as log:
        process, url, sandbox = start_console(args, data_dir, log)
        driver = None
        try:
            driver = browser()
            console = Console(driver, url, sandbox)
            console.connect("acct-demo-ca")
            console.connect("acct-demo-us")
            toggle_off_and_on(console)
            map_taxes(console, artifacts)
            payments(console, args, artifacts)
            disconnect(console)
        except BaseException:
            if driver:
                driver.save_screenshot(str(artifacts / "failure.png"))
                (artifacts / "failure.html").write_text(driver.page_source)
            raise
        finally:
            if driver:
                driver.quit()
            process.terminate()
            process.wait(timeout=20)
    print(f"console browser test passed in {time.monotonic() - started:.1f} s; "
          f"screenshots in {artifacts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
