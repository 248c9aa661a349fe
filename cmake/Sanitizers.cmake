# QBO_SYNC_SANITIZE=ON builds everything with AddressSanitizer and UndefinedBehaviorSanitizer.
option(QBO_SYNC_SANITIZE "Build with ASan and UBSan" OFF)
# QBO_SYNC_SANITIZE_THREADS=ON builds everything with ThreadSanitizer (which cannot be combined
# with ASan).
option(QBO_SYNC_SANITIZE_THREADS "Build with ThreadSanitizer" OFF)
if(QBO_SYNC_SANITIZE AND QBO_SYNC_SANITIZE_THREADS)
  message(FATAL_ERROR "QBO_SYNC_SANITIZE and QBO_SYNC_SANITIZE_THREADS exclude each other")
endif()
if(QBO_SYNC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
if(QBO_SYNC_SANITIZE_THREADS)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# GCC warns that TSan does not model std::atomic_thread_fence, which Boost.Asio's fenced blocks
# use; under -Werror the warning would stop the build of the code that includes Asio (the sync
# engine, the tests' local servers). The fences order nothing TSan checks there.
set(QBO_SYNC_TSAN_ASIO_OPTIONS "")
if(QBO_SYNC_SANITIZE_THREADS AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set(QBO_SYNC_TSAN_ASIO_OPTIONS $<$<COMPILE_LANGUAGE:CXX>:-Wno-tsan>)
endif()
