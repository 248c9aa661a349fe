#include "alerts/alert_digest.h"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <exception>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "alerts/alert_email.h"
#include "events/typed_events.h"

namespace qbo_sync::alerts {
namespace {

std::atomic<int64_t> instance_counter{0};

// None named means every admin.
std::vector<std::string> admin_emails(store::Store& store, const std::string& account_id) {
  return events::stored_settings(store.account_settings(account_id)).admin_emails;
}

}  // namespace

AlertDigest::AlertDigest(store::Store& store, SendEmail send, Clock clock, AlertOptions options,
                         Log log)
    : store_(store),
      send_(std::move(send)),
      clock_(std::move(clock)),
      options_(options),
      log_(std::move(log)),
      owner_("alerts-" + std::to_string(::getpid()) + "-" + std::to_string(++instance_counter)) {
  if (options_.listed_records == 0) options_.listed_records = 1;
  try {
    for (const store::ConnectionRow& row : store_.connected_accounts())
      accounts_.insert(row.account_id);
  } catch (const std::exception& error) {
    if (log_) log_(std::string("alerts: could not list the connected accounts: ") + error.what());
  }
}

void AlertDigest::on_finished(const store::SyncRecord& record,
                              const store::AttemptOutcome& outcome) {
  if (outcome.status != store::RecordStatus::errored) return;
  // One alert per record revision, ever: a retried record that fails again the same way has
  // already been reported; a new revision that fails is news.
  if (!store_.mark_once(record.account_id, kMarkKind,
                        std::to_string(record.id) + ":" + std::to_string(record.revision))) {
    return;
  }
  const FailedRecord failure = failed_record(record.id, record.revision, record.object_type,
                                             record.object_id, outcome.reason, outcome.error_json);
  const int64_t now = clock_();
  update(record.account_id, [&](AlertState& state) {
    if (!state.pending) state.pending.emplace();
    state.pending->add(failure, now, options_.listed_records);
    return true;
  });
  std::lock_guard lock(accounts_mutex_);
  accounts_.insert(record.account_id);
}

AlertState AlertDigest::update(const std::string& account_id,
                               const std::function<bool(AlertState&)>& change) {
  for (;;) {
    const std::optional<std::string> current = store_.state(account_id, kStateName);
    AlertState state = AlertState::parse(current);
    if (!change(state)) return state;
    if (store_.replace_state(account_id, kStateName, current,
                             boost::json::serialize(state.to_json()))) {
      return state;
    }
  }
}

EmailDelivery AlertDigest::send(const std::string& account_id, const AlertBatch& batch) {
  const std::string request =
      alert_email_request(account_id, batch, admin_emails(store_, account_id));
  const EmailDelivery delivery = send_(request);
  if (delivery == EmailDelivery::unsupported && log_) {
    log_("alerts: the host cannot e-mail the admins of account " + account_id + "; " +
         std::to_string(batch.total) + " failed records were not reported by e-mail");
  }
  return delivery;
}

std::vector<std::string> AlertDigest::known_accounts() {
  std::lock_guard lock(accounts_mutex_);
  return {accounts_.begin(), accounts_.end()};
}

int AlertDigest::flush() {
  int sent = 0;
  for (const std::string& account : known_accounts()) {
    try {
      sent += flush_account(account);
    } catch (const std::exception& error) {
      if (log_)
        log_("alerts: could not send the digest of account " + account + ": " + error.what());
    }
  }
  return sent;
}

int AlertDigest::flush_account(const std::string& account_id) {
  std::lock_guard guard(flush_mutex_);
  int64_t now = clock_();
  const AlertState seen = AlertState::parse(store_.state(account_id, kStateName));
  if (!seen.sending && !seen.pending) return 0;
  if (!seen.sending) {
    const AlertBatch& pending = *seen.pending;
    const int64_t earliest = std::max(seen.last_sent_at_ms + options_.window_ms,
                                      pending.last_at_ms + options_.gather_ms);
    if (now < earliest) return 0;
    // Records still to be synced may be the rest of the burst: gather them into this digest.
    if (now < pending.first_at_ms + options_.max_wait_ms &&
        store_.count_records(account_id, store::RecordStatus::todo) > 0) {
      return 0;
    }
  } else if (now < seen.retry_send_at_ms) {
    return 0;
  }

  // Other processes may share the store: one sends at a time.
  const std::string lease = std::string("alerts:") + account_id;
  if (!store_.try_acquire_lease(lease, owner_, now, now + options_.gather_ms + 60000)) return 0;
  int sent = 0;
  try {
    // Move the waiting failures to `sending` first: failures queued while the host is e-mailing
    // wait for the next digest instead of being lost or sent twice.
    const AlertState taken = update(account_id, [](AlertState& state) {
      if (state.sending) return false;
      if (!state.pending) return false;
      state.sending = std::move(state.pending);
      state.pending.reset();
      return true;
    });
    if (taken.sending) {
      const EmailDelivery delivery = send(account_id, *taken.sending);
      // A host without e-mail will not have one later either: the digest is dropped.
      const bool delivered = delivery != EmailDelivery::failed;
      now = clock_();
      update(account_id, [&](AlertState& state) {
        if (delivered) {
          state.sending.reset();
          state.last_sent_at_ms = now;
          state.retry_send_at_ms = 0;
        } else {
          state.retry_send_at_ms = now + options_.gather_ms;
        }
        return true;
      });
      if (delivery == EmailDelivery::taken) sent = 1;
    }
  } catch (...) {
    store_.release_lease(lease, owner_);
    throw;
  }
  store_.release_lease(lease, owner_);
  return sent;
}

}  // namespace qbo_sync::alerts
