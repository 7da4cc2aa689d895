#pragma once

#include <optional>
#include <ostream>

#include "connection.hpp"
#include "options.hpp"
#include "proc_stats.hpp"

namespace load {

// Everything a run measured, as the report shows it.
struct Results {
    const Options& options;
    const Stats& stats;     // all threads together
    double measured_s = 0;  // the measured window (--duration)
    double connect_s = 0;   // from the first connect to the last handshake (1 ms resolution)
    double own_cpu_s = 0;   // the load generator's CPU over the measured window
    std::optional<ProcessSample> server_before, server_after;  // with --server-pid, at the window's ends
};

// Human-readable, one line a figure.
void print_text(std::ostream& out, const Results& results);
// One JSON object; the keys are documented in docs/performance.md.
void print_json(std::ostream& out, const Results& results);

}  // namespace load
