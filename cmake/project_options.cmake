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
