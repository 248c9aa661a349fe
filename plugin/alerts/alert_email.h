// The e-mail that tells an account's admins which records failed to sync, why and what to do: the
// request body of the host's email_admins service (schemas/host/email_admins.v1.schema.json).
#pragma once

#include <string>
#include <vector>

#include "alerts/pending_alerts.h"

namespace qbo_sync::alerts {

// One failure: what failed, why, what to do, the record to retry. Several: a digest with the
// counts by cause and the first records. `admin_emails` empty: every admin of the account.
std::string alert_email_request(const std::string& account_id, const AlertBatch& batch,
                                const std::vector<std::string>& admin_emails);

}  // namespace qbo_sync::alerts
