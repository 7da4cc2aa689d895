# Warnings and sanitizers live on one INTERFACE target that every project target links,
# instead of flags scattered through the tree.
add_library(project_options INTERFACE)
target_compile_options(project_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# GCC 12 at -O2 reports -Warray-bounds / -Wstringop-overflow / -Wrestrict inside libstdc++ containers
# instantiated by nlohmann/json and Beast (GCC bugs 105705, 107138): false positives that -Werror must not fail on.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(project_options INTERFACE -Wno-array-bounds -Wno-stringop-overflow -Wno-restrict)
endif()
if(CAREER_ADVISOR_WERROR)
  target_compile_options(project_options INTERFACE -Werror)
endif()

set(CAREER_ADVISOR_SANITIZERS "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(CAREER_ADVISOR_SANITIZERS)
  target_compile_options(project_options INTERFACE
    -fsanitize=${CAREER_ADVISOR_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(project_options INTERFACE -fsanitize=${CAREER_ADVISOR_SANITIZERS})
endif()

# Hardening, in every build (Debian's dpkg-buildflags "hardening=+all" plus libstdc++'s checks):
# bounds-checked operator[] and friends, stack canaries and clash probes, CET branch protection,
# a read-only GOT bound at start-up, position-independent executables. _FORTIFY_SOURCE needs the
# optimiser and conflicts with the sanitizers' interceptors, so only optimised builds without
# sanitizers get it (release and ci).
option(CAREER_ADVISOR_HARDENING "Compile with hardening flags" ON)
if(CAREER_ADVISOR_HARDENING)
  target_compile_definitions(project_options INTERFACE _GLIBCXX_ASSERTIONS)
  target_compile_options(project_options INTERFACE -fstack-protector-strong -fstack-clash-protection)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|i.86)$")
    target_compile_options(project_options INTERFACE -fcf-protection=full)
  endif()
  target_link_options(project_options INTERFACE LINKER:-z,relro LINKER:-z,now)
  if(NOT CAREER_ADVISOR_SANITIZERS)
    target_compile_options(project_options INTERFACE
      $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3>)
  endif()
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  include(CheckPIESupported)
  check_pie_supported()
endif()
