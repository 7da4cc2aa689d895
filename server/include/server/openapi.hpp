#pragma once

#include <string>

namespace server {

// docs/openapi.yaml as JSON text: the description of every HTTP endpoint, served at /api/v1/openapi.json.
// Generated at build time (cmake/openapi_source.py), so the YAML is the one copy; no file is read at run
// time.
std::string openapi_json();

}  // namespace server
