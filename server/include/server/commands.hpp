#pragma once

#include <map>
#include <string>
#include <vector>

namespace server {

// The whole program behind main: parses the command line and runs the subcommand.
int run_program(const std::vector<std::string>& args, const std::map<std::string, std::string>& env);

}  // namespace server
