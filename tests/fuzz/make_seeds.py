#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets, one directory per target, from what the repository
already holds: the schema examples (schemas/examples) and the recorded QBO traffic
(tests/qbo_reference/recorded). Run by `./dev fuzz`; nothing it writes is committed.

usage: make_seeds.py <repository root> <output directory>
"""
import hashlib
import json
import pathlib
import struct
import sys

import yaml

HOOKS = {
    "hook_payment_completed_fuzzer": "payment.completed.v1",
    "hook_invoice_sent_fuzzer": "invoice.sent.v1",
    "hook_invoice_updated_fuzzer": "invoice.updated.v1",
    "hook_settings_changed_fuzzer": "settings.changed.v1",
}
# The host_config fuzzer checks that no message repeats a value holding this canary.
SECRET_CANARY = "canary-7f3a"
ADMIN_REQUESTS = [
    {"op": "plugin_info"},
    {"op": "list_records", "account_id": "acct-1"},
    {"op": "list_records", "account_id": "acct-1", "limit": 2, "status": "todo"},
    {"op": "list_records", "account_id": "acct-1", "limit": 1, "cursor": "1"},
    {"op": "get_record", "account_id": "acct-1", "record_id": "1"},
    {"op": "integration_card", "account_id": "acct-1"},
    {"op": "connect_begin", "account_id": "acct-1"},
    {"op": "connect_complete", "code": "c", "state": "s", "realm_id": "123"},
    {"op": "connection_status", "account_id": "acct-1"},
    {"op": "test_connection", "account_id": "acct-1"},
    {"op": "disconnect", "account_id": "acct-1"},
    {"op": "retry_records", "account_id": "acct-1", "record_ids": ["1", "2"]},
    {"op": "skip_records", "account_id": "acct-1", "record_ids": ["3"]},
    {"op": "inbound_status", "account_id": "acct-1"},
    {"op": "qbo_webhook", "headers": {"intuit-signature": "x"}, "body": "{}"},
]
WEBHOOK_BODIES = [
    '{"eventNotifications":[{"realmId":"111","dataChangeEvent":{"entities":'
    '[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2026-01-01T00:00:00.000Z"}]}},'
    '{"realmId":"222"},{"realmId":"111"}]}',
    '[{"specversion":"1.0","id":"e-1","source":"intuit.qbo","type":"qbo.customer.created.v1",'
    '"time":"2026-01-01T00:00:00Z","intuitentityid":"1","intuitaccountid":"333"}]',
    '{"eventNotifications":[]}',
]
HAND_FAULTS = [
    (401, '{"warnings":null,"fault":{"error":[{"message":"message=AuthenticationFailed; '
          'errorCode=003200; statusCode=401","detail":"Token expired: abc","code":"3200",'
          '"element":null}],"type":"AUTHENTICATION"},"time":1601391072830}'),
    (429, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse '
          'xmlns="http://schema.intuit.com/finance/v3"><Fault type="SERVICE"><Error code="3001">'
          '<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>'
          'The request limit was reached.</Detail></Error></Fault></IntuitResponse>'),
    (400, '{"error":"invalid_grant","error_description":"Incorrect Token type or clientID"}'),
    (502, '<html><body><h1>502 Bad Gateway</h1></body></html>'),
]


def write(directory, content):
    data = content.encode() if isinstance(content, str) else content
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def example_files(root, schema):
    folder = root / "schemas" / "examples" / schema
    return sorted(p for p in folder.rglob("*.json") if not p.name.endswith(".expect.json"))


def recorded_responses(root):
    """(method, uri, status, body) of every recorded exchange."""
    for path in sorted((root / "tests" / "qbo_reference" / "recorded").rglob("*.yml")):
        for exchange in yaml.safe_load(path.read_text()).get("http_interactions", []):
            response = exchange["response"]
            body = response.get("body", {}).get("string") or ""
            yield (exchange["request"]["method"], exchange["request"]["uri"],
                   int(response["status"]["code"]), body)


def with_status(status, body):
    return struct.pack(">H", (status - 100) % 500) + body.encode()


def api_operation(method, uri):
    """The qbo_api_responses_fuzzer operation byte a recorded exchange stands for."""
    if "/query" in uri:
        return [1, 2]
    if "/batch" in uri:
        return [3]
    if "/cdc" in uri:
        return [4]
    if "/companyinfo" in uri:
        return [5]
    return [0]


def with_canaries(config_text):
    config = json.loads(config_text)
    qbo = config.get("qbo")
    if isinstance(qbo, dict):
        if "client_secret" in qbo:
            qbo["client_secret"] = "client-secret-" + SECRET_CANARY
        if "webhook_verifier_token" in qbo:
            qbo["webhook_verifier_token"] = "verifier-" + SECRET_CANARY
    return json.dumps(config)


def main(root, out):
    for target, schema in HOOKS.items():
        for path in example_files(root, schema):
            write(out / target, path.read_bytes())
            write(out / "json_object_reader_fuzzer", path.read_bytes())
    for path in example_files(root, "host_config.v1"):
        write(out / "host_config_fuzzer", path.read_bytes())
        try:
            write(out / "host_config_fuzzer", with_canaries(path.read_text()))
        except ValueError:
            pass
    for request in ADMIN_REQUESTS:
        write(out / "admin_request_fuzzer", json.dumps(request))
    for method, uri, status, body in recorded_responses(root):
        write(out / "qbo_fault_fuzzer", with_status(status, body))
        write(out / "inbound_documents_fuzzer", body)
        for operation in api_operation(method, uri):
            write(out / "qbo_api_responses_fuzzer", bytes([operation]) + with_status(status, body))
    for status, body in HAND_FAULTS:
        write(out / "qbo_fault_fuzzer", with_status(status, body))
        for operation in range(6):
            write(out / "qbo_api_responses_fuzzer", bytes([operation]) + with_status(status, body))
    for body in WEBHOOK_BODIES:
        write(out / "webhook_notification_fuzzer", b"\x01\x00" + body.encode())
        write(out / "webhook_notification_fuzzer", b"\x00\x08AAAAAAAA" + body.encode())
        token = b"verifier-token"
        write(out / "webhook_signature_fuzzer",
              bytes([len(token)]) + token + b"\x04abcd" + body.encode())
    for text in [b"\x01\x00Amy's Bird Sanctuary", b"\x03\x01\\'\\\\' OR '1'='1",
                 b"\x02\x02\x00\xff\xfe%20%27"]:
        write(out / "query_builder_fuzzer", text)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])))
