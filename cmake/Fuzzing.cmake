# QBO_SYNC_BUILD_FUZZERS=ON (preset fuzz, clang only) builds the plugin's libraries instrumented for
# libFuzzer with ASan and UBSan, and the fuzz targets of tests/fuzz/ instead of the test suite.
option(QBO_SYNC_BUILD_FUZZERS "Build the libFuzzer targets (clang) instead of the tests" OFF)
if(QBO_SYNC_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "QBO_SYNC_BUILD_FUZZERS needs clang (libFuzzer); use the fuzz preset")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# qbo_sync_add_fuzzer(<name> <sources...> LIBRARIES <libs...>): one libFuzzer executable.
function(qbo_sync_add_fuzzer name)
  cmake_parse_arguments(FUZZER "" "" "LIBRARIES" ${ARGN})
  add_executable(${name} ${FUZZER_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${FUZZER_LIBRARIES} qbo_sync_fuzz_support)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  qbo_sync_set_warnings(${name})
  set_property(GLOBAL APPEND PROPERTY QBO_SYNC_FUZZERS ${name})
endfunction()

# The shared checks of tests/fuzz/ (fuzz_checks.h).
add_library(qbo_sync_fuzz_support INTERFACE)
target_include_directories(qbo_sync_fuzz_support INTERFACE ${PROJECT_SOURCE_DIR}/tests/fuzz)
