#pragma once

#include <string>

namespace bench {

// Raises this process's soft limit on open files (RLIMIT_NOFILE) to at least `wanted`, up to the
// hard limit, so 1,000 connections work without `ulimit -n` in the shell (Debian's soft default is
// 1,024). Returns the soft limit now in force; `problem` says why it is below `wanted`, else empty.
long raise_open_files_limit(long wanted, std::string& problem);

}  // namespace bench
