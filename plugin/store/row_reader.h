// Reads a result row into a struct, column by column in the order of the members named, so that
// each kind of row is described once by its member list rather than by a reader of its own.
#pragma once

#include <cstdint>
#include <string>

#include "store/database.h"

namespace qbo_sync::store {

// A member read from a binary column.
template <typename Row>
struct BlobMember {
  std::string Row::*member;
};

template <typename Row>
BlobMember<Row> as_blob(std::string Row::*member) {
  return {member};
}

template <typename Row>
void read_column(const Statement& statement, int column, Row& row, int64_t Row::*member) {
  row.*member = statement.column_int(column);
}

template <typename Row>
void read_column(const Statement& statement, int column, Row& row, std::string Row::*member) {
  row.*member = statement.column_text(column);
}

template <typename Row>
void read_column(const Statement& statement, int column, Row& row, bool Row::*member) {
  row.*member = statement.column_int(column) != 0;
}

template <typename Row>
void read_column(const Statement& statement, int column, Row& row, BlobMember<Row> blob) {
  row.*(blob.member) = statement.column_blob(column);
}

// Column 0 into the first member, column 1 into the second, ...
template <typename Row, typename... Members>
Row read_row(const Statement& statement, Members... members) {
  Row row;
  int column = 0;
  (read_column(statement, column++, row, members), ...);
  return row;
}

}  // namespace qbo_sync::store
