#include "proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace load {

namespace {

// utime + stime in seconds from /proc/PID/stat. The second field (the command name, in parentheses)
// may hold spaces, so the fields are counted from the last ')'.
std::optional<double> cpu_seconds_of(pid_t pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(file, line)) return std::nullopt;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream rest(line.substr(close + 1));
    // After the name: state (field 3) ... utime is field 14, stime field 15.
    std::string field;
    for (int i = 3; i <= 13; ++i) rest >> field;
    unsigned long long utime = 0, stime = 0;
    if (!(rest >> utime >> stime)) return std::nullopt;
    const long ticks = sysconf(_SC_CLK_TCK);
    return static_cast<double>(utime + stime) / static_cast<double>(ticks > 0 ? ticks : 100);
}

// "VmRSS:     12345 kB" and the like, in KiB; -1 when the line is missing.
long status_kib(const std::string& status, const std::string& name) {
    const auto at = status.find(name + ":");
    if (at == std::string::npos) return -1;
    std::istringstream value(status.substr(at + name.size() + 1));
    long kib = -1;
    value >> kib;
    return kib;
}

}  // namespace

std::optional<ProcessSample> sample_process(pid_t pid) {
    const auto cpu = cpu_seconds_of(pid);
    if (!cpu) return std::nullopt;
    std::ifstream file("/proc/" + std::to_string(pid) + "/status");
    std::stringstream status;
    status << file.rdbuf();
    ProcessSample sample;
    sample.cpu_seconds = *cpu;
    sample.rss_kib = status_kib(status.str(), "VmRSS");
    sample.peak_rss_kib = status_kib(status.str(), "VmHWM");
    return sample;
}

double own_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace load
