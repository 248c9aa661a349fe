// The store holds the account's sealed tokens and its customers' details: its folder is the
// process owner's alone (0700) and so are its files (0600). A folder others may write to is
// refused, since whoever can write there can replace the database.
#pragma once

#include <filesystem>

namespace qbo_sync::store {

// Creates `data_dir` (mode 0700) if it is missing; throws StoreError when it cannot, or when the
// folder is writable by users other than its owner and group.
void prepare_private_directory(const std::filesystem::path& data_dir);

// Creates `file` empty with mode 0600 if it is missing, and takes read and write away from
// everyone but the owner if it exists. SQLite gives its -wal and -shm files the database's mode.
void prepare_private_file(const std::filesystem::path& file);

}  // namespace qbo_sync::store
