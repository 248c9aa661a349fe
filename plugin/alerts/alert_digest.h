// Admin alerts for errored sync records: one alert per record revision ever (Store::mark_once),
// gathered per account into digests so that a burst of failures is one e-mail, not hundreds.
//
// A failure waits at least `gather_ms` after the latest one (a burst is still arriving) and, while
// the account still has records to sync, until the burst settles or `max_wait_ms` passed since
// its first failure. At most one digest per account per `window_ms`. Waiting failures live in
// the store, so a restart loses none. Thread-safe; several processes may share the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "alerts/pending_alerts.h"
#include "store/store.h"

namespace qbo_sync::alerts {

struct AlertOptions {
  int64_t gather_ms = 60 * 1000;
  int64_t window_ms = 30 * 60 * 1000;
  int64_t max_wait_ms = 30 * 60 * 1000;
  // How many failures a digest details (the rest are counted by cause).
  std::size_t listed_records = 20;
};

enum class EmailDelivery {
  taken,        // the host accepted the request
  unsupported,  // the host offers no e-mail: the digest is dropped (and logged)
  failed,       // try again later
};

class AlertDigest {
 public:
  using Clock = std::function<int64_t()>;  // ms since the Unix epoch, on the plugin's clock
  using SendEmail = std::function<EmailDelivery(const std::string& request_json)>;
  using Log = std::function<void(const std::string& message)>;

  // Knows the store's connected accounts from the start (their waiting failures are sent after a
  // restart).
  AlertDigest(store::Store& store, SendEmail send, Clock clock, AlertOptions options = {},
              Log log = {});

  // Told of every recorded attempt (SyncEngineServices::on_finished): queues an errored one.
  void on_finished(const store::SyncRecord& record, const store::AttemptOutcome& outcome);

  // Sends every digest that is due. Returns how many e-mails the host took.
  int flush();
  int flush_account(const std::string& account_id);

  const AlertOptions& options() const { return options_; }

  // The state name under which an account's waiting failures are kept.
  static constexpr const char* kStateName = "alerts.digest";
  // The mark_once kind of "this record revision was alerted".
  static constexpr const char* kMarkKind = "alert.errored";

 private:
  // Applies `change` to the account's state with compare-and-set, retrying on a concurrent write.
  // `change` returns false to leave the state as it is.
  AlertState update(const std::string& account_id, const std::function<bool(AlertState&)>& change);
  EmailDelivery send(const std::string& account_id, const AlertBatch& batch);
  std::vector<std::string> known_accounts();

  store::Store& store_;
  SendEmail send_;
  Clock clock_;
  AlertOptions options_;
  Log log_;
  std::string owner_;
  std::mutex accounts_mutex_;
  std::set<std::string> accounts_;
  std::mutex flush_mutex_;
};

}  // namespace qbo_sync::alerts
