# `cmake --install <build> --prefix P` lays out, under P: the C header, libqbo_sync.so, the host
# library and its headers, the JSON schemas, a CMake package (find_package(qbo_sync) gives
# qbo_sync::plugin_api and qbo_sync::host) and qbo_sync.pc. The package's version is the ABI
# version: a host asking for ABI major N finds only a plugin that speaks N (SameMajorVersion).
include(CMakePackageConfigHelpers)

file(STRINGS ${PROJECT_SOURCE_DIR}/plugin_api/include/qbo_sync/plugin_api.h QBO_SYNC_ABI_LINES
     REGEX "^#define QBO_SYNC_ABI_(MAJOR|MINOR) ")
string(REGEX REPLACE ".*QBO_SYNC_ABI_MAJOR ([0-9]+)u.*" "\\1" QBO_SYNC_ABI_MAJOR "${QBO_SYNC_ABI_LINES}")
string(REGEX REPLACE ".*QBO_SYNC_ABI_MINOR ([0-9]+)u.*" "\\1" QBO_SYNC_ABI_MINOR "${QBO_SYNC_ABI_LINES}")
set(QBO_SYNC_ABI_VERSION ${QBO_SYNC_ABI_MAJOR}.${QBO_SYNC_ABI_MINOR})
set(QBO_SYNC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/qbo_sync)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/plugin_api/include/ ${PROJECT_SOURCE_DIR}/host/include/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS qbo_sync_plugin_api qbo_sync_host EXPORT qbo_sync_targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS qbo_sync_plugin LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/qbo_sync/schemas)

install(EXPORT qbo_sync_targets NAMESPACE qbo_sync:: DESTINATION ${QBO_SYNC_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/package/qbo_syncConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/qbo_syncConfig.cmake
  INSTALL_DESTINATION ${QBO_SYNC_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/qbo_syncConfigVersion.cmake
  VERSION ${QBO_SYNC_ABI_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/qbo_syncConfig.cmake
              ${PROJECT_BINARY_DIR}/package/qbo_syncConfigVersion.cmake
        DESTINATION ${QBO_SYNC_CMAKE_DIR})

# The .pc file finds the prefix from its own place, wherever the tree was installed.
file(RELATIVE_PATH QBO_SYNC_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" QBO_SYNC_PC_TO_PREFIX "${QBO_SYNC_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/package/qbo_sync.pc.in ${PROJECT_BINARY_DIR}/package/qbo_sync.pc
               @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/qbo_sync.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
