# QBO_SYNC_HARDEN=ON (the default; the sanitizer and fuzzing presets turn it off) builds the code that
# goes into libqbo_sync.so with the usual exploit mitigations: stack canaries, checked libc calls,
# checked standard-library preconditions, a read-only relocation table bound at load time and a
# stack that cannot be executed. tests/abi/hardening_test.cpp checks the result on the built module.
option(QBO_SYNC_HARDEN "Build the plugin with hardening flags (fortified libc calls, stack protector, full RELRO)" ON)

# qbo_sync_harden(<target>): compile flags for a static library or module of the plugin, plus the
# linker flags when the target is the module itself.
function(qbo_sync_harden target)
  if(NOT QBO_SYNC_HARDEN)
    return()
  endif()
  # glibc only fortifies optimised code (and warns, which -Werror turns into an error, without -O).
  set(optimised $<CONFIG:Release,RelWithDebInfo,MinSizeRel>)
  target_compile_options(${target} PRIVATE
    -fstack-protector-strong
    $<${optimised}:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2>)
  # Bounds-checked operator[], front(), back() and friends; a handful of comparisons per call.
  target_compile_definitions(${target} PRIVATE _GLIBCXX_ASSERTIONS)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "MODULE_LIBRARY" OR type STREQUAL "SHARED_LIBRARY" OR type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE -Wl,-z,relro,-z,now -Wl,-z,noexecstack)
  endif()
endfunction()
