#!/usr/bin/env python3
"""The console's records page with more records than one page holds: paging, skipping one record
and several, the status and reason filters across pages, the export, and retrying every errored
record at once. Each story reads what the page shows."""
import csv
import io
import sys

from selenium.webdriver.common.by import By

from console_harness import example, payment, run

ACCOUNT = "acct-demo-ca"
# A CRM's ids may hold what CSV must quote.
COMPLETED = ["pay-good-1", "pay-good-2", 'pay-good-3, "gift card"']
REFUSED = [f"pay-held-{n:02}" for n in range(1, 27)]  # more than the page's 20 rows
SKIPPED_ONE = REFUSED[0]
SKIPPED_TOGETHER = [REFUSED[5], REFUSED[12], REFUSED[24]]  # on both pages
SKIPPED = [SKIPPED_ONE] + SKIPPED_TOGETHER
PAGE_SIZE = 20


def records_scene(console, args, artifacts):
    """Three payments QuickBooks takes, then 26 it refuses with a business rule."""
    console.connect(ACCOUNT)
    for object_id in COMPLETED:
        assert console.hook("payment", payment(args.examples, object_id))["ok"]
    console.wait_for_records(ACCOUNT, lambda records: sum(
        r["status"] == "completed" for r in records) == len(COMPLETED), "payments not completed")
    console.refuse_sales_receipts("ca", len(REFUSED), "the period is closed")
    for object_id in REFUSED:
        assert console.hook("payment", payment(args.examples, object_id))["ok"]
    console.wait_for_records(ACCOUNT, lambda records: sum(
        r["status"] == "errored" for r in records) == len(REFUSED), "payments not refused")
    console.open(ACCOUNT, "records")


def paging_shows_every_record_once(console, args, artifacts):
    console.open(ACCOUNT, "records")
    assert console.page_number() == 1
    assert not console.find("#prev-page").is_enabled()
    first = console.shown_rows()
    assert len(first) == PAGE_SIZE, first
    console.turn_page("#next-page")
    second = console.shown_rows()
    assert len(second) == len(COMPLETED) + len(REFUSED) - PAGE_SIZE, second
    assert not set(first) & set(second)
    assert set(first) | set(second) == set(COMPLETED + REFUSED)
    assert not console.find("#next-page").is_enabled()
    console.turn_page("#prev-page")
    assert console.shown_rows() == first


def answer_to(console, button):
    """Clicks a records button and returns the notice the page answers with."""
    console.find(button).click()
    return console.wait(lambda d: d.find_element(By.ID, "notice").text, "no answer to " + button)


def another_account_starts_at_its_first_page(console, args, artifacts):
    us_payment = example(args.examples, "payment.completed.v1", "08-us-ny-order-form.json")
    console.connect(us_payment["account_id"])
    assert console.hook("payment", us_payment)["ok"]
    console.open(ACCOUNT, "records")
    console.turn_page("#next-page")
    console.find(f'#accounts li[data-account="{us_payment["account_id"]}"]').click()
    console.wait(lambda d: console.shown_rows().keys() == {us_payment["payment"]["id"]},
                 "the other account's records do not show")
    assert console.page_number() == 1
    assert not console.find("#prev-page").is_enabled()


def skip_one_errored_record(console, args, artifacts):
    console.open(ACCOUNT, "records")
    assert console.shown_rows()[SKIPPED_ONE] == ("errored", "business_rule")
    answer = answer_to(console, f'tr[data-object="{SKIPPED_ONE}"] button[data-row-action=skip]')
    assert answer == "Skip: 1 changed", answer
    assert console.shown_rows()[SKIPPED_ONE] == ("skipped", "skipped_by_admin")
    console.find(f'tr[data-object="{SKIPPED_ONE}"] a[data-open]').click()
    console.wait(lambda d: "skip" in [cell.text for cell in d.find_elements(
        By.CSS_SELECTOR, "#audit td.audit-action")], "the audit trail does not show the skip")


def skip_ticked(console, object_ids):
    """Ticks the rows of `object_ids` on the page shown and clicks Skip selected."""
    for object_id in object_ids:
        console.find(f'tr[data-object="{object_id}"] input[data-select]').click()
    return answer_to(console, "button[data-bulk=skip]")


def skip_selected_records(console, args, artifacts):
    console.open(ACCOUNT, "records")
    on_first_page = [o for o in SKIPPED_TOGETHER if o in console.shown_rows()]
    answer = skip_ticked(console, on_first_page)
    assert answer == f"Skip: {len(on_first_page)} changed", answer
    console.turn_page("#next-page")
    on_second_page = [o for o in SKIPPED_TOGETHER if o in console.shown_rows()]
    assert on_first_page and on_second_page, "the scene no longer spreads them over two pages"
    answer = skip_ticked(console, on_second_page)
    assert answer == f"Skip: {len(on_second_page)} changed", answer
    shown = {}
    for page_rows in console.rows_of_every_page():
        shown.update(page_rows)
    for object_id in SKIPPED:
        assert shown[object_id] == ("skipped", "skipped_by_admin"), (object_id, shown[object_id])
    errored = {o for o, (status, _) in shown.items() if status == "errored"}
    assert errored == set(REFUSED) - set(SKIPPED), sorted(errored)


def filtered(console, status, reason):
    """The rows of every page with the status and reason filters set as given."""
    console.open(ACCOUNT, "records")
    console.choose("#filter-status", status)
    console.choose("#filter-reason", reason)
    rows = {}
    for page_rows in console.rows_of_every_page():
        assert not set(rows) & set(page_rows), "a record shows on two pages"
        rows.update(page_rows)
    return rows


def filters_by_status_and_reason_across_pages(console, args, artifacts):
    skipped = set(SKIPPED)
    still_refused = set(REFUSED) - skipped
    assert len(still_refused) > PAGE_SIZE  # the filtered list needs a second page
    by_rule = filtered(console, "", "business_rule")
    assert set(by_rule) == still_refused, sorted(by_rule)
    assert set(by_rule.values()) == {("errored", "business_rule")}
    by_admin = filtered(console, "", "skipped_by_admin")
    assert set(by_admin) == skipped, sorted(by_admin)
    assert set(filtered(console, "completed", "")) == set(COMPLETED)
    assert set(filtered(console, "skipped", "")) == skipped
    assert filtered(console, "errored", "skipped_by_admin") == {}
    console.open(ACCOUNT, "records")
    console.choose("#filter-status", "")
    console.choose("#filter-reason", "business_rule")
    console.screenshot(artifacts / "records-filtered.png")


def export_has_every_record(console, args, artifacts):
    console.open(ACCOUNT, "records")
    console.choose("#filter-status", "")
    console.choose("#filter-reason", "")
    shown = {}
    for page_rows in console.rows_of_every_page():
        shown.update(page_rows)
    console.find("button[data-bulk=export]").click()
    link = console.find("#notice a[download]")
    assert link.get_attribute("download").endswith(".csv")
    text = console.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then((answer) => answer.text()).then(done);",
        link.get_attribute("href"))
    exported = list(csv.DictReader(io.StringIO(text)))
    assert len(exported) == len(COMPLETED) + len(REFUSED), text
    assert {row["object_id"]: (row["status"], row["reason"]) for row in exported} == shown, text


def retry_all_errored(console, args, artifacts):
    console.open(ACCOUNT, "records")
    answer = answer_to(console, "button[data-bulk=retry_errored]")
    assert answer == f"Retry all errored: {len(REFUSED) - len(SKIPPED)} changed", answer
    console.wait_for_records(ACCOUNT, lambda records: not any(
        r["status"] in ("todo", "errored") for r in records), "the retried records did not settle")
    assert filtered(console, "errored", "") == {}
    completed = filtered(console, "completed", "")
    assert set(completed) == set(COMPLETED) | (set(REFUSED) - set(SKIPPED))
    assert set(filtered(console, "skipped", "")) == set(SKIPPED)


if __name__ == "__main__":
    sys.exit(run([records_scene, paging_shows_every_record_once,
                  another_account_starts_at_its_first_page, skip_one_errored_record,
                  skip_selected_records, filters_by_status_and_reason_across_pages,
                  export_has_every_record, retry_all_errored]))
