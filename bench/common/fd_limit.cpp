#include "fd_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace bench {

long raise_open_files_limit(long wanted, std::string& problem) {
    problem.clear();
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        problem = std::string("getrlimit: ") + std::strerror(errno);
        return -1;
    }
    const auto want = static_cast<rlim_t>(wanted);
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < want) {
        const rlim_t before = limit.rlim_cur;
        limit.rlim_cur = (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= want) ? want : limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            problem = std::string("setrlimit: ") + std::strerror(errno);
            limit.rlim_cur = before;
        } else if (limit.rlim_cur < want) {
            problem =
                "the hard limit is " + std::to_string(limit.rlim_max) + " (raise it with ulimit -Hn as root)";
        }
    }
    return limit.rlim_cur == RLIM_INFINITY ? wanted : static_cast<long>(limit.rlim_cur);
}

}  // namespace bench
