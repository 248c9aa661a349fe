// The developer console: a CRM's screens over host_stub's JSON API. The integration card is drawn
// from the plugin's descriptor alone (admin op integration_card): this page knows the four field
// types, the action kinds and JSON Pointers, and nothing about QuickBooks.
'use strict';

// The records page's filters and the cursor of each page seen, for one account.
function freshRecordsView() {
  return { status: '', reason: '', cursors: [null], page: 0, rows: [] };
}

const state = { accounts: [], account: null, tab: 'card', card: null, records: freshRecordsView() };

// While the page talks to host_stub or draws, <body data-busy> says so: a test (or an impatient
// developer) waits for it to go before reading the page. data-shown names the last hash drawn.
let busy = 0;
function tracked(work) {
  return async (...args) => {
    busy += 1;
    document.body.dataset.busy = String(busy);
    try {
      return await work(...args);
    } finally {
      busy -= 1;
      if (busy === 0) delete document.body.dataset.busy;
    }
  };
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return response.json();
}

function admin(op, extra) {
  return api('/api/admin', Object.assign({ op, account_id: state.account }, extra || {}));
}

function notice(text) { document.getElementById('notice').textContent = text || ''; }

function page(...children) {
  const target = document.getElementById('page');
  target.replaceChildren(...children);
}

// ---- accounts and navigation ----

async function loadAccounts() {
  state.accounts = (await api('/api/accounts')).accounts;
  const list = document.getElementById('accounts');
  list.replaceChildren(...state.accounts.map((account) => el('li', {
    'data-account': account.id, class: account.id === state.account ? 'active' : null,
    onclick: () => { location.hash = `account=${account.id}&tab=${state.tab}`; },
  }, account.name, el('small', {}, account.connection.label || ''))));
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('error')) notice(`The connection was refused: ${params.get('error')}`);
  const account = params.get('account') || state.account || (state.accounts[0] || {}).id;
  // Another account's cursors would skip this one's records.
  if (account !== state.account) state.records = freshRecordsView();
  state.account = account;
  state.tab = params.get('tab') || 'card';
}

const show = tracked(async function showNow() {
  notice('');  // a notice answers what was done on the page shown before
  readHash();
  await loadAccounts();
  for (const link of document.querySelectorAll('#tabs a')) {
    link.classList.toggle('active', link.dataset.tab === state.tab);
  }
  const views = { card: showCard, records: showRecords, messages: showMessages, crm: showCrmData, send: showSend };
  await views[state.tab]();
  document.body.dataset.shown = location.hash;
});

// ---- the integration card, from the descriptor ----

const showCard = tracked(async function showCardNow() {
  const answer = await admin('integration_card');
  if (!answer.ok) { page(el('pre', {}, JSON.stringify(answer.body, null, 2))); return; }
  state.card = answer.body;
  const card = state.card;
  page(el('div', { id: 'card' },
    el('h2', {}, card.title),
    connectionBlock(card.connection),
    card.sections.map(sectionBlock),
    el('div', { class: 'card' },
      el('button', { id: 'save-settings', class: 'primary', onclick: saveSettings }, 'Save settings'),
      el('span', { id: 'save-result' })),
    recordsSummary(card.records)));
});

function connectionBlock(connection) {
  return el('div', { class: 'card', id: 'connection', 'data-state': connection.state },
    el('h3', {}, connection.label),
    connection.connected_since ? el('div', { class: 'help' }, `since ${connection.connected_since}`) : null,
    connection.warnings.map((warning) => el('div', { class: `warning ${warning.severity}`, 'data-warning': warning.code }, warning.message)),
    el('div', {}, connection.actions.map((action) => el('button', {
      'data-action': action.key, onclick: () => runConnectionAction(action) }, action.label))),
    el('div', { id: 'connection-message' }));
}

const runConnectionAction = tracked(async function runConnectionActionNow(action) {
  if (action.confirm && !window.confirm(action.confirm)) return;
  if (action.kind === 'redirect') {
    // host_stub asks the plugin for the consent link and redirects there; the consent page comes
    // back to host_stub's /oauth/callback.
    location.href = `/connect?account=${encodeURIComponent(state.account)}`;
    return;
  }
  const answer = await admin(action.op);
  const message = answer.body.message || answer.body.label || JSON.stringify(answer.body);
  await showCard();
  document.getElementById('connection-message').textContent = `${action.label}: ${message}`;
});

function sectionBlock(section) {
  return el('div', { class: 'card', 'data-section': section.key },
    el('h3', {}, section.label),
    section.help ? el('div', { class: 'help' }, section.help) : null,
    section.fields.map(fieldBlock));
}

const renderers = {
  toggle: (field) => el('input', { type: 'checkbox', 'data-key': field.key, checked: field.value === true }),
  email_list: (field) => el('textarea', { rows: 2, 'data-key': field.key, placeholder: 'one e-mail per line' }, (field.value || []).join('\n')),
  picker: (field) => pickerSelect(field.options, field.value, !(field.validation || {}).required, field.key),
  mapping_table: (field) => mappingTable(field),
};

function fieldBlock(field) {
  const render = renderers[field.type];
  return el('div', { class: 'field', 'data-pointer': field.pointer, 'data-type': field.type },
    el('label', { class: 'title' }, field.label),
    render ? render(field) : el('em', {}, `(a ${field.type} field this console cannot show)`),
    el('div', { class: 'help' }, field.help),
    el('div', { class: 'field-error' }));
}

function pickerSelect(options, value, optional, key) {
  const items = options.items.map((option) => el('option', {
    value: option.value, selected: option.value === value, disabled: option.disabled,
  }, option.detail ? `${option.label} — ${option.detail}` : option.label));
  if (value && !options.items.some((option) => option.value === value)) {
    items.push(el('option', { value, selected: true }, `${value} (unknown)`));
  }
  return el('select', { 'data-key': key }, optional || !value ? el('option', { value: '' }, '(none)') : null, items);
}

function mappingTable(field) {
  const body = el('tbody', {});
  const addRow = (row) => body.append(mappingRow(field, row || {}));
  (field.value || []).forEach(addRow);
  return el('div', { 'data-key': field.key },
    el('table', {}, el('thead', {}, el('tr', {}, field.columns.map((column) => el('th', {}, column.label)), el('th', {}))), body),
    el('button', { 'data-add-row': field.key, onclick: () => addRow({}) }, 'Add row'));
}

function mappingRow(field, row) {
  const cells = field.columns.map((column) => el('td', {}, column.type === 'picker'
    ? pickerSelect(column.options, row[column.key], true, column.key)
    : el('input', { 'data-column': column.key, value: row[column.key] || '', size: 12 })));
  const tr = el('tr', {}, cells);
  tr.append(el('td', {}, el('button', { onclick: () => tr.remove() }, 'Remove')));
  return tr;
}

function fieldValue(field, node) {
  switch (field.type) {
    case 'toggle': return node.querySelector('input[type=checkbox]').checked;
    case 'email_list': return node.querySelector('textarea').value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    case 'picker': return node.querySelector('select').value || undefined;
    case 'mapping_table': return [...node.querySelectorAll('tbody tr')].map((tr) => {
      const row = {};
      field.columns.forEach((column, index) => {
        const input = tr.children[index].querySelector('input, select');
        if (input.value.trim() !== '') row[column.key] = input.value.trim();
      });
      return row;
    });
    default: return field.value;
  }
}

// The first problem the descriptor's validation finds in a value, or null.
function localProblem(field, value) {
  const rules = field.validation || {};
  if (field.type === 'email_list') {
    const pattern = new RegExp(rules.pattern || '.');
    const bad = value.find((email) => !pattern.test(email));
    if (bad) return `"${bad}" is not an e-mail address`;
    if (rules.max_items && value.length > rules.max_items) return `at most ${rules.max_items}`;
  }
  if (field.type === 'mapping_table') {
    for (const [index, row] of value.entries()) {
      for (const column of field.columns) {
        const cell = row[column.key];
        const columnRules = column.validation || {};
        if (cell === undefined) { if (columnRules.required) return `row ${index + 1}: ${column.label} is required`; continue; }
        if (columnRules.pattern && !new RegExp(columnRules.pattern).test(cell)) return `row ${index + 1}: ${column.label} "${cell}" is not valid`;
      }
    }
  }
  return null;
}

function fieldNodeFor(pointer) {
  let best = null;
  for (const node of document.querySelectorAll('.field[data-pointer]')) {
    const fieldPointer = node.dataset.pointer;
    if (pointer === fieldPointer || pointer.startsWith(`${fieldPointer}/`)) best = node;
  }
  return best;
}

const saveSettings = tracked(async function saveSettingsNow() {
  const card = state.card;
  const settings = JSON.parse(JSON.stringify(card.settings));
  document.getElementById('save-result').textContent = '';
  for (const node of document.querySelectorAll('.field-error')) node.textContent = '';
  let problems = 0;
  for (const section of card.sections) {
    for (const field of section.fields) {
      const node = document.querySelector(`.field[data-pointer="${field.pointer}"]`);
      const value = fieldValue(field, node);
      const problem = localProblem(field, value);
      if (problem) { node.querySelector('.field-error').textContent = problem; problems += 1; }
      const key = field.pointer.split('/').pop();
      if (value === undefined) delete settings[key]; else settings[key] = value;
    }
  }
  if (problems) return;
  settings.revision = card.save.next_revision;
  const payload = { schema: card.save.schema, account_id: card.account_id,
                    event_id: `console-settings-${Date.now()}`, occurred_at: new Date().toISOString(), settings };
  const answer = await api('/api/hook?hook=settings', payload);
  if (answer.ok) {
    await showCard();
    document.getElementById('save-result').textContent = `Saved (revision ${settings.revision}).`;
    return;
  }
  const node = answer.body.path ? fieldNodeFor(answer.body.path) : null;
  const message = `${answer.body.message || answer.status}${answer.body.path ? ` (${answer.body.path})` : ''}`;
  if (node) node.querySelector('.field-error').textContent = message;
  document.getElementById('save-result').textContent = `Not saved: ${message}`;
});

function recordsSummary(records) {
  const statuses = ['todo', 'completed', 'errored', 'skipped'];
  return el('div', { class: 'card', id: 'records-summary' },
    el('h3', {}, 'Records'),
    el('div', {}, statuses.map((status) => el('span', { class: `status-${status}`, 'data-count': status }, `${status}: ${records[status]}  `))),
    records.by_reason.length ? el('table', {}, records.by_reason.map((entry) => el('tr', {},
      el('td', { class: `status-${entry.status}` }, entry.status), el('td', {}, entry.reason || '—'), el('td', {}, entry.count)))) : null,
    el('button', { onclick: () => { location.hash = `account=${state.account}&tab=records`; } }, 'Open records'));
}

// ---- records ----

const recordAction = tracked(async function recordActionNow(action, ids) {
  notice('');
  if (action.op === 'list_records') { await exportRecords(); return; }
  if (action.scope === 'status') {
    ids = [];
    let cursor = null;
    do {
      const answer = await admin('list_records', { status: action.status, limit: 500, cursor });
      ids.push(...answer.body.records.map((record) => record.record_id));
      cursor = answer.body.next_cursor;
    } while (cursor);
  }
  if (!ids.length) { notice('No records selected.'); return; }
  const answer = await admin(action.op, { record_ids: ids });
  notice(`${action.label}: ${answer.ok ? `${answer.body.changed} changed` : answer.body.message}`);
  await showRecords();
});

// A CSV field (RFC 4180): the CRM's ids may hold commas, quotes and line breaks.
function csvField(value) {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const exportRecords = tracked(async function exportRecordsNow() {
  const lines = ['record_id,object_type,object_id,status,reason,attempts,qbo_id'];
  let cursor = null;
  do {
    const answer = await admin('list_records', { limit: 500, cursor });
    for (const r of answer.body.records) lines.push([r.record_id, r.object_type, r.object_id, r.status, r.reason, r.attempts, r.qbo_id].map(csvField).join(','));
    cursor = answer.body.next_cursor;
  } while (cursor);
  const link = el('a', { href: URL.createObjectURL(new Blob([lines.join('\n')], { type: 'text/csv' })), download: `${state.account}-records.csv` }, 'records.csv');
  notice('');
  document.getElementById('notice').append('Export ready: ', link);
});

const showRecords = tracked(async function showRecordsNow() {
  const filter = state.records;
  const request = { limit: 20, cursor: filter.cursors[filter.page] };
  if (filter.status) request.status = filter.status;
  if (filter.reason) request.reason = filter.reason;
  const [answer, cardAnswer] = await Promise.all([admin('list_records', request), admin('integration_card')]);
  if (!answer.ok) { page(el('pre', {}, JSON.stringify(answer.body, null, 2))); return; }
  state.card = cardAnswer.body;
  const actions = state.card.records.actions;
  filter.next = answer.body.next_cursor;
  const rows = answer.body.records;
  const reasons = [...new Set(state.card.records.by_reason.map((entry) => entry.reason).filter(Boolean))];
  const statusSelect = el('select', { id: 'filter-status', onchange: (event) => { filter.status = event.target.value; filter.cursors = [null]; filter.page = 0; showRecords(); } },
    ['', 'todo', 'completed', 'errored', 'skipped'].map((status) => el('option', { value: status, selected: status === filter.status }, status || 'every status')));
  const reasonSelect = el('select', { id: 'filter-reason', onchange: (event) => { filter.reason = event.target.value; filter.cursors = [null]; filter.page = 0; showRecords(); } },
    ['', ...reasons].map((reason) => el('option', { value: reason, selected: reason === filter.reason }, reason || 'every reason')));
  const selected = () => [...document.querySelectorAll('input[data-select]:checked')].map((box) => box.dataset.select);
  page(el('div', { id: 'records' },
    el('div', { class: 'card' }, 'Status ', statusSelect, ' Reason ', reasonSelect, ' ',
      el('button', { id: 'refresh-records', onclick: showRecords }, 'Refresh'),
      actions.map((action) => el('button', { 'data-bulk': action.key, onclick: () => recordAction(action, selected()) },
        action.scope === 'selected' ? `${action.label} selected` : action.label))),
    el('table', { class: 'card', id: 'records-table' },
      el('thead', {}, el('tr', {}, ['', 'record', 'type', 'object', 'rev', 'status', 'reason', 'attempts', 'remote id', ''].map((title) => el('th', {}, title)))),
      el('tbody', {}, rows.map((record) => el('tr', { 'data-record': record.record_id, 'data-object': record.object_id },
        el('td', {}, el('input', { type: 'checkbox', 'data-select': record.record_id })),
        el('td', {}, el('a', { href: '#', 'data-open': record.record_id, onclick: (event) => { event.preventDefault(); showRecord(record.record_id); } }, record.record_id)),
        el('td', {}, record.object_type), el('td', {}, record.object_id), el('td', {}, record.revision),
        el('td', { class: `status status-${record.status}` }, record.status), el('td', { class: 'reason' }, record.reason),
        el('td', {}, record.attempts), el('td', {}, record.qbo_id),
        el('td', {}, el('button', { 'data-row-action': 'retry', onclick: () => recordAction({ op: 'retry_records', label: 'Retry' }, [record.record_id]) }, 'Retry'),
          el('button', { 'data-row-action': 'skip', onclick: () => recordAction({ op: 'skip_records', label: 'Skip' }, [record.record_id]) }, 'Skip')))))),
    el('div', {},
      el('button', { id: 'prev-page', disabled: filter.page === 0, onclick: () => { filter.page -= 1; showRecords(); } }, 'Previous page'),
      ' ', el('span', { id: 'page-number', 'data-page': filter.page + 1 }, `page ${filter.page + 1}`), ' ',
      el('button', { id: 'next-page', disabled: !filter.next, onclick: () => { filter.cursors[filter.page + 1] = filter.next; filter.page += 1; showRecords(); } }, 'Next page')),
    el('div', { id: 'record-detail' })));
});

const showRecord = tracked(async function showRecordNow(recordId) {
  const answer = await admin('get_record', { record_id: recordId });
  const record = answer.body;
  const error = record.last_error;
  document.getElementById('record-detail').replaceChildren(el('div', { class: 'card' },
    el('h3', {}, `Record ${record.record_id}: ${record.object_type} ${record.object_id} — `, el('span', { class: `status-${record.status}` }, record.status)),
    error ? el('div', { class: 'advice', id: 'record-advice' },
      el('strong', {}, error.message || error.code || ''),
      el('pre', {}, JSON.stringify(error, null, 2))) : null,
    el('h4', {}, 'Audit trail'),
    el('table', { id: 'audit' }, el('tbody', {}, record.audit.map((entry) => el('tr', {},
      el('td', {}, new Date(entry.at_ms).toISOString()), el('td', { class: 'audit-action' }, entry.action),
      el('td', {}, el('code', {}, JSON.stringify(entry.detail)))))))));
});

// ---- what the plugin asked the CRM to do ----

function requestTable(id, calls, columns) {
  return el('table', { id, class: 'card' },
    el('thead', {}, el('tr', {}, columns.map(([title]) => el('th', {}, title)))),
    el('tbody', {}, calls.filter((call) => !state.account || !call.request.account_id || call.request.account_id === state.account)
      .map((call) => el('tr', {}, columns.map(([, read]) => el('td', {}, read(call)))))));
}

const showMessages = tracked(async function showMessagesNow() {
  const calls = await api('/api/host-calls');
  page(el('h3', {}, 'Alert e-mails'),
    requestTable('emails', calls.email_admins, [['to', (c) => (c.request.to || ['(the admins)']).join(', ')], ['subject', (c) => c.request.subject],
      ['text', (c) => el('pre', {}, c.request.text)]]),
    el('h3', {}, 'Review requests'),
    requestTable('reviews', calls.send_review_request, [['request', (c) => el('code', {}, JSON.stringify(c.request))]]));
});

const showCrmData = tracked(async function showCrmDataNow() {
  const calls = await api('/api/host-calls');
  page(el('h3', {}, 'Contacts the plugin pushed into the CRM'),
    requestTable('contacts', calls.upsert_contact, [['contact', (c) => el('code', {}, JSON.stringify(c.request))], ['CRM answer', (c) => el('code', {}, JSON.stringify(c.response))]]),
    el('h3', {}, 'Invoices the plugin imported into the CRM'),
    requestTable('invoices', calls.import_invoice, [['invoice', (c) => el('code', {}, JSON.stringify(c.request))], ['CRM answer', (c) => el('code', {}, JSON.stringify(c.response))]]));
});

// ---- send any example ----

const showSend = tracked(async function showSendNow() {
  const examples = (await api('/api/examples')).examples;
  const payload = el('textarea', { id: 'payload', rows: 24 });
  const hook = el('select', { id: 'hook' }, ['payment', 'invoice-sent', 'invoice-updated', 'settings'].map((name) => el('option', { value: name }, name)));
  const pick = (index) => { payload.value = examples[index].text; hook.value = examples[index].hook; };
  const select = el('select', { id: 'example', onchange: (event) => pick(event.target.value) },
    examples.map((example, index) => el('option', { value: index }, example.name)));
  const result = el('pre', { id: 'send-result' });
  page(el('div', { class: 'card' },
    el('div', {}, 'Example ', select, ' hook ', hook),
    payload,
    el('button', { id: 'send', class: 'primary', onclick: tracked(async () => {
      let body;
      try { body = JSON.parse(payload.value); } catch (error) { result.textContent = `not JSON: ${error.message}`; return; }
      const answer = await api(`/api/hook?hook=${hook.value}`, body);
      result.textContent = `${answer.status}\n${JSON.stringify(answer.body, null, 2)}`;
    }) }, 'Send'),
    result));
  if (examples.length) pick(0);
});

for (const link of document.querySelectorAll('#tabs a')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    location.hash = `account=${state.account}&tab=${link.dataset.tab}`;
  });
}
window.addEventListener('hashchange', show);
show();
