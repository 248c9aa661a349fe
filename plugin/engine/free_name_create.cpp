#include "engine/free_name_create.h"

#include "engine/local_fault.h"
#include "mapping/contact_names.h"

namespace qbo_sync::engine {

qbo::Outcome<qbo::Entity> create_under_free_name(qbo::ApiClient& api,
                                                 const qbo::Connection& connection,
                                                 const FreeNameCreate& create) {
  for (int attempt = 1; attempt <= kMaxNameAttempts; ++attempt) {
    const std::string name =
        attempt == 1 ? create.base : mapping::numbered_display_name(create.base, attempt);
    auto created =
        api.create(connection, create.entity, create.body_for(name), create.key_prefix + name);
    if (created) return qbo::entity_of(created.value().entity, create.entity);
    if (created.fault().fault_class != qbo::FaultClass::duplicate_name) {
      return std::move(created).fault();
    }
  }
  return local_fault(qbo::FaultClass::duplicate_name, create.all_taken);
}

}  // namespace qbo_sync::engine
