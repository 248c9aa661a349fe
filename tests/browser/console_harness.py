"""What every browser test of the developer console shares: `host_stub serve` started against the
local QBO sandbox, headless Chromium, and a `Console` that does what an admin does on the page and
reads what the page shows."""
import argparse
import datetime
import json
import pathlib
import subprocess
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
        """A fault the sandbox injects into the plugin's next matching QBO calls."""
        post_json(self.sandbox["control"] + "/faults", rule)

    def refuse_sales_receipts(self, preset, count, detail):
        """QuickBooks refuses the plugin's next `count` sales receipts with a business rule
        (code 6000, HTTP 400), as it does when the books of a period are closed."""
        self.fault({"kind": "xml_fault", "count": count, "entity": "SalesReceipt",
                    "method": "POST", "status": 400, "code": "6000",
                    "realm_id": self.realm(preset),
                    "message": "A business validation error has occurred while processing your "
                               "request",
                    "detail": "Business Validation Error: " + detail})

    def realm(self, preset):
        return next(c["realm_id"] for c in self.sandbox["companies"] if c["preset"] == preset)

    def write_in_quickbooks(self, preset, entity, body):
        """A write the company's own QuickBooks user makes (not the plugin)."""
        return post_json(f"{self.sandbox['control']}/ledger/{self.realm(preset)}/{entity}", body)

    def hook(self, hook, payload):
        """What the CRM itself sends the plugin, without the page (to set a scene quickly)."""
        return post_json(f"{self.url}api/hook?hook={hook}", payload)

    def admin(self, op, **request):
        return post_json(self.url + "api/admin", dict(op=op, **request))

    def records_now(self, account):
        """Every record of `account` as the admin API lists them (to wait for a scene)."""
        records, cursor = [], None
        while True:
            body = self.admin("list_records", account_id=account, limit=500, cursor=cursor)["body"]
            records += body["records"]
            cursor = body["next_cursor"]
            if cursor is None:
                return records

    def wait_for_records(self, account, condition, what):
        deadline = time.monotonic() + DEADLINE_S
        while not condition(self.records_now(account)):
            if time.monotonic() > deadline:
                raise AssertionError(what)
            time.sleep(0.1)

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

    def screenshot(self, path):
        """The page's content (not the empty window around it) as a PNG."""
        self.find("#view").screenshot(str(path))

    def shown_rows(self):
        """The records table's rows as the page shows them: {object id: (status, reason)}."""
        rows = self.driver.execute_script("""
            return [...document.querySelectorAll('#records-table tbody tr')].map((tr) => [
                tr.dataset.object, tr.querySelector('td.status').textContent,
                tr.querySelector('td.reason').textContent]);""")
        return {row[0]: (row[1], row[2]) for row in rows}

    def page_number(self):
        return int(self.find("#page-number").get_attribute("data-page"))

    def turn_page(self, button):
        """Clicks Next or Previous page and waits for the page it leads to."""
        expected = self.page_number() + (1 if button == "#next-page" else -1)
        self.find(button).click()
        self.wait(lambda d: self.page_number() == expected, f"page {expected} never showed")

    def rows_of_every_page(self):
        """The rows of every page the Next page button reaches, from the first, page by page."""
        while self.find("#prev-page").is_enabled():
            self.turn_page("#prev-page")
        pages = [self.shown_rows()]
        while self.find("#next-page").is_enabled():
            self.turn_page("#next-page")
            pages.append(self.shown_rows())
        return pages


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def plugin_time(text, seconds_later=0):
    """An ISO time `seconds_later` than `text` (an ISO time the plugin wrote)."""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    later = moment + datetime.timedelta(seconds=seconds_later)
    return later.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(stories):
    """Starts the console and a browser, plays `stories` (functions of console, args and the
    artefacts folder) in order, and leaves a screenshot and the page of a failure behind."""
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
            for story in stories:
                story(console, args, artifacts)
                print(f"{story.__name__}: passed at {time.monotonic() - started:.1f} s", flush=True)
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
    print(f"passed in {time.monotonic() - started:.1f} s; screenshots in {artifacts}")
    return 0


def payment(examples, object_id):
    """The Ontario order form payment of the schema examples, as payment `object_id`."""
    with open(pathlib.Path(examples) / "payment.completed.v1/valid/01-ca-on-order-form.json") as f:
        document = json.load(f)
    document["event_id"] = "evt-" + object_id
    document["payment"]["id"] = object_id
    return document


def example(examples, schema, name):
    with open(pathlib.Path(examples) / schema / "valid" / name) as file:
        return json.load(file)
