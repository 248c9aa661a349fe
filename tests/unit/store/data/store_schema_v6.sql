-- A store written by the plugin at schema version 6 (before the store was split by concern):
-- events, records in every state, links, connections (sealed tokens as bytes), OAuth state,
-- a lease, named state and a once-mark, as `sqlite3 qbo_sync.db .dump` printed them.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
INSERT INTO schema_migrations VALUES(1,'2026-12-03T16:23:18Z');
INSERT INTO schema_migrations VALUES(2,'2026-12-03T16:23:18Z');
INSERT INTO schema_migrations VALUES(3,'2026-12-03T16:23:18Z');
INSERT INTO schema_migrations VALUES(4,'2026-12-03T16:23:18Z');
INSERT INTO schema_migrations VALUES(5,'2026-12-03T16:23:18Z');
INSERT INTO schema_migrations VALUES(6,'2026-12-03T16:23:18Z');
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,
  account_id   TEXT    NOT NULL,
  event_id     TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  object_type  TEXT    NOT NULL,
  object_id    TEXT    NOT NULL,
  revision     INTEGER NOT NULL,
  occurred_at  TEXT    NOT NULL,
  received_at  INTEGER NOT NULL,
  record_id    INTEGER,
  payload      TEXT    NOT NULL,
  UNIQUE (account_id, event_id)
);
INSERT INTO events VALUES(1,'acct-1','evt-pay-1','payment.sent','payment','pay-1',1,'2026-11-21T10:00:00Z',1700000000000,1,'{"payment":{"id":"pay-1","amount":"12.50"}}');
INSERT INTO events VALUES(2,'acct-1','evt-inv-1','invoice.sent','invoice','inv-1',1,'2026-11-21T10:00:00Z',1700000000000,2,'{"invoice":{"id":"inv-1"}}');
INSERT INTO events VALUES(3,'acct-1','evt-inv-2','invoice.sent','invoice','inv-2',1,'2026-11-21T10:00:00Z',1700000000000,3,'{"invoice":{"id":"inv-2"}}');
INSERT INTO events VALUES(4,'acct-1','evt-set-1','settings.changed','settings','acct-1',3,'2026-11-21T10:00:00Z',1700000000000,NULL,'{"settings":{"revision":3}}');
INSERT INTO events VALUES(5,'acct-1','evt-inv-1b','invoice.sent','invoice','inv-1',2,'2026-11-21T10:00:00Z',1700000001000,2,'{"invoice":{"id":"inv-1","rev":2}}');
CREATE TABLE sync_records (
  id               INTEGER PRIMARY KEY,
  account_id       TEXT    NOT NULL,
  object_type      TEXT    NOT NULL,
  object_id        TEXT    NOT NULL,
  revision         INTEGER NOT NULL,
  event_seq        INTEGER NOT NULL REFERENCES events(seq),
  status           TEXT    NOT NULL CHECK (status IN ('todo','completed','errored','skipped')),
  reason           TEXT    NOT NULL DEFAULT '',
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_expires_at INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT    NOT NULL DEFAULT '',
  qbo_id           TEXT    NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL, revision_attempts INTEGER NOT NULL DEFAULT 0, attempts_started INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, object_type, object_id)
);
INSERT INTO sync_records VALUES(1,'acct-1','payment','pay-1',1,1,'completed','',1,0,NULL,0,'','145',1700000000000,1700000001000,1,1);
INSERT INTO sync_records VALUES(2,'acct-1','invoice','inv-1',2,5,'todo','not_connected',1,1700000901000,NULL,0,'','',1700000000000,1700000001000,1,1);
INSERT INTO sync_records VALUES(3,'acct-1','invoice','inv-2',1,3,'errored','total_mismatch',1,0,NULL,0,'{"class":"validation"}','',1700000000000,1700000001000,1,1);
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY,
  record_id  INTEGER NOT NULL REFERENCES sync_records(id),
  at         INTEGER NOT NULL,
  action     TEXT    NOT NULL,
  detail     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO audit VALUES(1,1,1700000000000,'accepted','{"event_id":"evt-pay-1","revision":1}');
INSERT INTO audit VALUES(2,2,1700000000000,'accepted','{"event_id":"evt-inv-1","revision":1}');
INSERT INTO audit VALUES(3,3,1700000000000,'accepted','{"event_id":"evt-inv-2","revision":1}');
INSERT INTO audit VALUES(4,2,1700000001000,'revision','{"event_id":"evt-inv-1b","revision":2}');
INSERT INTO audit VALUES(5,1,1700000001000,'attempt','{"qbo_id":"145"}');
INSERT INTO audit VALUES(6,3,1700000001000,'attempt','{}');
INSERT INTO audit VALUES(7,2,1700000001000,'attempt','{}');
CREATE TABLE account_settings (
  account_id  TEXT PRIMARY KEY,
  revision    INTEGER NOT NULL,
  settings    TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL
);
INSERT INTO account_settings VALUES('acct-1',3,'{"settings":{"revision":3}}',1700000000000);
CREATE TABLE connections (
  account_id        TEXT PRIMARY KEY,
  realm_id          TEXT    NOT NULL,
  company_name      TEXT    NOT NULL DEFAULT '',
  country           TEXT    NOT NULL DEFAULT '',
  company_json      TEXT    NOT NULL DEFAULT '',
  sealed_tokens     BLOB,
  connected_at      INTEGER NOT NULL,
  last_refresh_at   INTEGER NOT NULL DEFAULT 0,
  reconnect_needed  INTEGER NOT NULL DEFAULT 0,
  reconnect_reason  TEXT    NOT NULL DEFAULT '',
  disconnected_at   INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL
);
INSERT INTO connections VALUES('acct-1','9130357766512345','Maple Leaf Yoga Inc.','CA','{"CompanyInfo":{}}',X'00017365616c6564ff',1700000001000,1700000001000,1,'refresh token refused',0,1700000001000);
INSERT INTO connections VALUES('acct-2','42','Maple Leaf Yoga Inc.','CA','{"CompanyInfo":{}}',NULL,1700000001000,1700000001000,0,'',1700000001000,1700000001000);
CREATE TABLE oauth_states (
  state       TEXT PRIMARY KEY,
  account_id  TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
INSERT INTO oauth_states VALUES('state-old','acct-3',1700000001000);
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  owner       TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL
);
INSERT INTO leases VALUES('refresh:acct-1','worker-old',1700000061000);
CREATE TABLE links (
  account_id     TEXT NOT NULL,
  crm_type       TEXT NOT NULL,
  crm_id         TEXT NOT NULL,
  qbo_type       TEXT NOT NULL,
  qbo_id         TEXT NOT NULL,
  sync_token     TEXT NOT NULL DEFAULT '',
  origin         TEXT NOT NULL DEFAULT 'crm' CHECK (origin IN ('crm','quickbooks')),
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (account_id, crm_type, crm_id)
);
INSERT INTO links VALUES('acct-1','payment','pay-1','SalesReceipt','145','0','crm',1700000001000);
INSERT INTO links VALUES('acct-1','contact','ct-9','Customer','58','2','quickbooks',1700000001000);
CREATE TABLE plugin_state (
  account_id  TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, name)
);
INSERT INTO plugin_state VALUES('acct-1','cdc_watermark','2026-11-22T01:00:00Z',1700000001000);
CREATE TABLE once_markers (
  account_id  TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  detail      TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (account_id, kind, key)
);
INSERT INTO once_markers VALUES('acct-1','review_request','ct-9','invoice inv-2',1700000001000);
CREATE INDEX sync_records_by_account_status ON sync_records (account_id, status, id);
CREATE INDEX sync_records_due ON sync_records (status, next_attempt_at) WHERE status = 'todo';
CREATE INDEX audit_by_record ON audit (record_id, id);
CREATE UNIQUE INDEX links_by_qbo ON links (account_id, qbo_type, qbo_id, crm_type);
COMMIT;
