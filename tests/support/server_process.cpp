#include "support/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace test_support {

namespace {

std::vector<char*> to_argv(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return argv;
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> extra_args, std::chrono::milliseconds startup_timeout,
                             unsigned max_open_files, bool unprivileged)
    : log_dir_(std::make_unique<TempDir>()) {
    std::vector<std::string> args = unprivileged ? unprivileged_prefix() : std::vector<std::string>{};
    const auto given = [&](const char* flag) {
        return std::any_of(extra_args.begin(), extra_args.end(),
                           [&](const std::string& a) { return a.starts_with(flag); });
    };
    if (args.empty()) {
        args.push_back(CAREER_ADVISOR_BINARY);
    } else {
        // `nobody` may not reach the build tree (a clone under /root): it gets a copy of the program and
        // data.
        namespace fs = std::filesystem;
        const fs::path copy = log_dir_->path();
        fs::copy_file(CAREER_ADVISOR_BINARY, copy / "career-advisor");
        for (const auto& [flag, from] : {std::pair{"--web", source_dir() / "web"},
                                         std::pair{"--knowledge", source_dir() / "knowledge" / "data"},
                                         std::pair{"--intents", source_dir() / "intents" / "data"}}) {
            if (given(flag)) continue;
            const fs::path to = copy / std::string(flag).substr(2);
            fs::copy(from, to, fs::copy_options::recursive);
            extra_args.insert(extra_args.end(), {flag, to.string()});
        }
        args.push_back((copy / "career-advisor").string());
    }
    args.insert(args.end(), {"serve", "--port", "0"});
    if (!given("--data-dir") && !given("--database"))
        args.insert(args.end(), {"--data-dir", data_dir().string()});
    const bool level_given =
        std::find(extra_args.begin(), extra_args.end(), "--log-level") != extra_args.end();
    if (!level_given) args.insert(args.end(), {"--log-level", "warn"});
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    const std::string log_path = (log_dir_->path() / "stderr").string();
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        const int err = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (err >= 0) dup2(err, STDERR_FILENO);
        if (max_open_files > 0) {
            const rlimit limit{max_open_files, max_open_files};
            setrlimit(RLIMIT_NOFILE, &limit);
        }
        auto argv = to_argv(args);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(fds[1]);
    stdout_fd_ = fds[0];

    // TSan slows start-up about tenfold (5 s with idle cores), and more when its other servers start beside
    // it: the wait for the listening line is longer there.
#if defined(__SANITIZE_THREAD__)
    constexpr int slowdown = 3;
#else
    constexpr int slowdown = 1;
#endif
    const auto deadline = std::chrono::steady_clock::now() + slowdown * startup_timeout;
    while (line_.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) throw std::runtime_error("server did not print its listening line in time");
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char buf[256];
        const ssize_t n = read(stdout_fd_, buf, sizeof buf);
        if (n <= 0) throw std::runtime_error("server exited before listening");
        line_.append(buf, static_cast<std::size_t>(n));
    }
    line_ = line_.substr(0, line_.find('\n'));
    const auto colon = line_.rfind(':');
    const auto slash = line_.rfind('/');
    const bool url =
        line_.rfind("listening on http://", 0) == 0 || line_.rfind("listening on https://", 0) == 0;
    if (!url || colon == std::string::npos || slash < colon) {
        throw std::runtime_error("unexpected first line: " + line_);
    }
    port_ = static_cast<std::uint16_t>(std::stoi(line_.substr(colon + 1, slash - colon - 1)));
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0 && !exited_) stop();
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

void ServerProcess::signal(int sig) const { ::kill(pid_, sig); }

std::filesystem::path ServerProcess::data_dir() const { return log_dir_->path() / "data"; }

std::string ServerProcess::log() const { return read_file(log_dir_->path() / "stderr"); }

double ServerProcess::cpu_seconds() const {
    // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" that ends field 2.
    const std::string stat = read_file("/proc/" + std::to_string(pid_) + "/stat");
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i >= 14) ticks += std::stod(field);
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

namespace {

// A "Name:   123 kB" field of /proc/PID/status, in KiB; -1 when absent.
long status_field_kib(pid_t pid, const std::string& name) {
    std::istringstream status(read_file("/proc/" + std::to_string(pid) + "/status"));
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(name + ":", 0) == 0) return std::stol(line.substr(name.size() + 1));
    }
    return -1;
}

}  // namespace

long ServerProcess::rss_kib() const { return status_field_kib(pid_, "VmRSS"); }

long ServerProcess::anonymous_rss_kib() const { return status_field_kib(pid_, "RssAnon"); }

bool ServerProcess::running() const {
    if (exited_) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return false;
    }
    return true;
}

int ServerProcess::stop(std::chrono::milliseconds timeout) {
    if (exited_) return exit_status_;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exited_ = true;
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return exit_status_;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    exited_ = true;
    exit_status_ = -1;
    return -1;
}

CommandResult run_command(const std::vector<std::string>& args) {
    TempDir dir;
    const auto out_path = dir.path() / "out";
    const auto err_path = dir.path() / "err";
    std::vector<std::string> full{CAREER_ADVISOR_BINARY};
    full.insert(full.end(), args.begin(), args.end());
    const pid_t pid = fork();
    if (pid == 0) {
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        auto argv = to_argv(full);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    return r;
}

}  // namespace test_support
