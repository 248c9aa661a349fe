#include <iostream>
#include <string>
#include <vector>

#include "qbo_sync/host_stub/commands.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return qbo_sync::host_stub::run_host_stub(args, std::cout, std::cerr);
}
