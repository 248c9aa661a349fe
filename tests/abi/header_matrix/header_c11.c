/* plugin_api.h compiled as strict C11 with every warning an error. */
#include <stdio.h>

#include "header_usage.h"

int main(void) {
  const int failure = qbo_abi_header_usage();
  if (failure != 0) {
    fprintf(stderr, "plugin_api.h round trip failed at step %d (C11)\n", failure);
  }
  return failure;
}
