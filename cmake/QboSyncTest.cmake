# qbo_sync_add_test(<name>
#   [SOURCES <files...>]          default: <name>.cpp
#   [LIBS <targets...>]           linked privately, with GTest::gtest_main
#   [INCLUDES <dirs...>] [DEFINITIONS <definitions...>] [DEPENDS <targets built first...>]
#   [PLUGIN]                      QBO_SYNC_PLUGIN_PATH names the real libqbo_sync.so, built first
#   [SCHEMAS]                     QBO_SYNC_SCHEMAS_DIR names schemas/ of the source tree
#   [TEST_PREFIX <prefix>] [DISCOVERY_TIMEOUT <s>] [TIMEOUT <s>] [LABELS <labels...>]
#   [ENVIRONMENT <NAME=value...>] [FIXTURES_REQUIRED <fixtures...>]
#   [ON_EVERY_STORE])             the tests run a second time with the plugin's state in the
#                                 throw-away PostgreSQL cluster (prefix "<prefix>postgresql.")
# One GoogleTest executable with warnings as errors, its tests discovered into CTest with the given
# timeout, labels, environment and CTest fixtures (e.g. the throw-away PostgreSQL cluster).
function(qbo_sync_add_test name)
  cmake_parse_arguments(TEST "PLUGIN;SCHEMAS;ON_EVERY_STORE" "TEST_PREFIX;DISCOVERY_TIMEOUT;TIMEOUT"
                        "SOURCES;LIBS;INCLUDES;DEFINITIONS;DEPENDS;LABELS;ENVIRONMENT;FIXTURES_REQUIRED" ${ARGN})
  if(NOT TEST_SOURCES)
    set(TEST_SOURCES ${name}.cpp)
  endif()
  add_executable(${name} ${TEST_SOURCES})
  target_link_libraries(${name} PRIVATE ${TEST_LIBS} GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${TEST_INCLUDES})
  target_compile_definitions(${name} PRIVATE ${TEST_DEFINITIONS})
  if(TEST_PLUGIN)
    target_compile_definitions(${name} PRIVATE
      QBO_SYNC_PLUGIN_PATH="$<TARGET_FILE:qbo_sync_plugin>")
    list(APPEND TEST_DEPENDS qbo_sync_plugin)
  endif()
  if(TEST_SCHEMAS)
    target_compile_definitions(${name} PRIVATE QBO_SYNC_SCHEMAS_DIR="${PROJECT_SOURCE_DIR}/schemas")
  endif()
  if(TEST_DEPENDS)
    add_dependencies(${name} ${TEST_DEPENDS})
  endif()
  qbo_sync_set_warnings(${name})

  set(discovery)
  if(DEFINED TEST_TEST_PREFIX)
    list(APPEND discovery TEST_PREFIX ${TEST_TEST_PREFIX})
  endif()
  if(DEFINED TEST_DISCOVERY_TIMEOUT)
    list(APPEND discovery DISCOVERY_TIMEOUT ${TEST_DISCOVERY_TIMEOUT})
  endif()
  set(properties)
  if(DEFINED TEST_TIMEOUT)
    list(APPEND properties TIMEOUT ${TEST_TIMEOUT})
  endif()
  if(TEST_LABELS)
    list(APPEND properties LABELS "${TEST_LABELS}")
  endif()
  if(TEST_ENVIRONMENT)
    list(APPEND properties ENVIRONMENT "${TEST_ENVIRONMENT}")
  endif()
  if(TEST_FIXTURES_REQUIRED)
    list(APPEND properties FIXTURES_REQUIRED "${TEST_FIXTURES_REQUIRED}")
  endif()
  if(properties)
    gtest_discover_tests(${name} ${discovery} PROPERTIES ${properties})
  else()
    gtest_discover_tests(${name} ${discovery})
  endif()
  if(TEST_ON_EVERY_STORE)
    qbo_sync_discover_on_postgresql(${name} "${TEST_TEST_PREFIX}" "${TEST_DISCOVERY_TIMEOUT}"
                                    "${TEST_TIMEOUT}" "${TEST_LABELS}")
  endif()
endfunction()

# The same tests again, with the harness keeping the plugin's state in the PostgreSQL cluster that
# the `postgres` fixture starts (tests/integration/store_backend.h).
function(qbo_sync_discover_on_postgresql name prefix discovery_timeout timeout labels)
  set(discovery TEST_PREFIX "${prefix}postgresql.")
  if(discovery_timeout)
    list(APPEND discovery DISCOVERY_TIMEOUT ${discovery_timeout})
  endif()
  set(properties FIXTURES_REQUIRED postgres
      ENVIRONMENT "QBO_SYNC_TEST_POSTGRES_URL_FILE=${QBO_SYNC_POSTGRES_URL_FILE}")
  if(timeout)
    list(APPEND properties TIMEOUT ${timeout})
  endif()
  if(labels)
    list(APPEND properties LABELS "${labels}")
  endif()
  gtest_discover_tests(${name} ${discovery} PROPERTIES ${properties})
endfunction()
