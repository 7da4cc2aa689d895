#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace test_support {

// The real `career-advisor serve --port 0` in a child process. The constructor waits for its
// "listening on http://HOST:PORT/" line and reads the port from it; the destructor stops it
// with SIGTERM (and SIGKILL if it does not exit in time).
class ServerProcess {
public:
    explicit ServerProcess(std::vector<std::string> extra_args = {},
                           std::chrono::milliseconds startup_timeout = std::chrono::seconds(20));
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& listening_line() const { return line_; }

    // Sends a signal; `stop` then waits for the exit and returns the exit status (-1 on timeout).
    void signal(int sig) const;
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool running() const;

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
    std::string line_;
    mutable bool exited_ = false;
};

// Runs the binary to completion and returns its exit code and outputs.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CommandResult run_command(const std::vector<std::string>& args);

}  // namespace test_support
