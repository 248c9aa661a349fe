// plugin_api.h compiled as strict C++20 with every warning an error.
#include <cstdio>

#include "header_usage.h"

#if __cplusplus < 202002L
#error "this translation unit must be compiled as C++20"
#endif

int main() {
  const int failure = qbo_abi_header_usage();
  if (failure != 0) {
    std::fprintf(stderr, "plugin_api.h round trip failed at step %d (C++20)\n", failure);
  }
  return failure;
}
