#include <map>
#include <string>
#include <vector>

#include "server/commands.hpp"

extern char** environ;

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    std::map<std::string, std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string::npos) env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return server::run_program(args, env);
}
