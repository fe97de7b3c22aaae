# Start-up time is most of a one-file lint (a pre-commit hook starts one process per
# Dockerfile): loading libarchive (and through it libxml2 and ICU), libcrypto,
# yaml-cpp and libstdc++ as shared libraries costs milliseconds before main().
# Link them from Debian's static archives instead. zstd and lz4 ship no .a in
# Debian 12 without extra -dev packages; they stay shared (small C libraries).
# libxml2 and ICU are listed for libarchive's xar writer: a static link only takes
# the objects something references, so sagelint itself carries none of them.
#
# This changes the imported targets, so every executable of the project (tests
# included) links the same way as the shipped binary.
option(SAGELINT_STATIC_DEPS "Link libarchive, libcrypto, yaml-cpp and libstdc++ statically" ON)
if(NOT SAGELINT_STATIC_DEPS)
  return()
endif()

set(_static_names archive nettle lzma bz2 z xml2 icui18n icuuc icudata yaml-cpp crypto)
set(_missing)
foreach(n ${_static_names})
  find_library(SAGELINT_STATIC_${n} NAMES lib${n}.a)
  if(NOT SAGELINT_STATIC_${n})
    list(APPEND _missing lib${n}.a)
  endif()
endforeach()
find_library(SAGELINT_SHARED_zstd NAMES zstd libzstd.so.1)
find_library(SAGELINT_SHARED_lz4 NAMES lz4 liblz4.so.1)
find_library(SAGELINT_SHARED_acl NAMES acl libacl.so.1)
foreach(n zstd lz4 acl)
  if(NOT SAGELINT_SHARED_${n})
    list(APPEND _missing lib${n}.so)
  endif()
endforeach()
if(_missing)
  message(STATUS "sagelint: static dependencies unavailable (${_missing}); linking shared")
  return()
endif()

set_target_properties(LibArchive::LibArchive PROPERTIES
  IMPORTED_LOCATION "${SAGELINT_STATIC_archive}"
  INTERFACE_LINK_LIBRARIES
    "${SAGELINT_STATIC_nettle};${SAGELINT_STATIC_xml2};${SAGELINT_STATIC_icui18n};${SAGELINT_STATIC_icuuc};${SAGELINT_STATIC_icudata};${SAGELINT_STATIC_lzma};${SAGELINT_STATIC_bz2};${SAGELINT_STATIC_z};${SAGELINT_SHARED_zstd};${SAGELINT_SHARED_lz4};${SAGELINT_SHARED_acl};m")
set_target_properties(OpenSSL::Crypto PROPERTIES
  IMPORTED_LOCATION "${SAGELINT_STATIC_crypto}"
  INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS}")
set_target_properties(yaml-cpp PROPERTIES
  IMPORTED_LOCATION "${SAGELINT_STATIC_yaml-cpp}"
  IMPORTED_LOCATION_NONE "${SAGELINT_STATIC_yaml-cpp}")
# Unused shared libraries (libacl when nothing calls it) are not loaded at all.
target_link_options(sagelint PRIVATE -static-libstdc++ -static-libgcc LINKER:--as-needed)
message(STATUS "sagelint: libarchive, libcrypto, yaml-cpp and libstdc++ linked statically")
