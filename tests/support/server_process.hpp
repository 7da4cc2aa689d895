#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace test_support {

class TempDir;

// The real `career-advisor serve --port 0` in a child process. The constructor waits for its
// "listening on http://HOST:PORT/" line and reads the port from it; the destructor stops it
// with SIGTERM (and SIGKILL if it does not exit in time). Its stderr (the log) goes to a file.
// Unless the arguments name a --data-dir or --database, it records into a data directory of its own
// (data_dir()), removed with it.
class ServerProcess {
  public:
    explicit ServerProcess(
        std::vector<std::string> extra_args = {},
        std::chrono::milliseconds startup_timeout = std::chrono::seconds(20),
        unsigned max_open_files = 0,  // 0: inherit; else the child's RLIMIT_NOFILE
        bool unprivileged = false);   // as root, run a copy of the server and data as `nobody`
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& listening_line() const { return line_; }
    // The data directory it records into when none was given.
    std::filesystem::path data_dir() const;

    // Sends a signal; `stop` then waits for the exit and returns the exit status (-1 on timeout; 128 + the
    // signal when killed by one), or the status of an exit `running()` has already seen.
    void signal(int sig) const;
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool running() const;
    // Everything the server has logged so far.
    std::string log() const;
    // CPU seconds (user + system) the server has used so far, from /proc.
    double cpu_seconds() const;
    // Resident memory in KiB, from /proc.
    long rss_kib() const;
    // The anonymous part of it (heap and stacks), without the program's and libraries' file pages.
    long anonymous_rss_kib() const;

  private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
    std::string line_;
    std::unique_ptr<TempDir> log_dir_;
    mutable bool exited_ = false;
    mutable int exit_status_ = 0;  // once exited_: as stop() returns it
};

// Runs the binary to completion and returns its exit code and outputs.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CommandResult run_command(const std::vector<std::string>& args);

}  // namespace test_support
