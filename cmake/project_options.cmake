# Warnings and sanitizers live on one INTERFACE target that every project target links,
# instead of flags scattered through the tree.
add_library(project_options INTERFACE)
target_compile_options(project_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CAREER_ADVISOR_WERROR)
  target_compile_options(project_options INTERFACE -Werror)
endif()

set(CAREER_ADVISOR_SANITIZERS "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(CAREER_ADVISOR_SANITIZERS)
  target_compile_options(project_options INTERFACE
    -fsanitize=${CAREER_ADVISOR_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(project_options INTERFACE -fsanitize=${CAREER_ADVISOR_SANITIZERS})
endif()
