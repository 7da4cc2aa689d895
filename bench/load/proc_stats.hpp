#pragma once

#include <sys/types.h>

#include <optional>

namespace load {

// What Linux's /proc says about another process (the server under test).
struct ProcessSample {
    double cpu_seconds = 0;  // user + system time since it started (/proc/PID/stat utime + stime)
    long rss_kib = 0;        // resident set now (/proc/PID/status VmRSS)
    long peak_rss_kib = 0;   // its high-water mark (VmHWM)
};

// Reads both files; nullopt when the process is gone or the files cannot be read.
std::optional<ProcessSample> sample_process(pid_t pid);

// This process's own user + system CPU time so far (getrusage), to show whether the load
// generator itself was the limit.
double own_cpu_seconds();

}  // namespace load
