#include "http_session_impl.hpp"

namespace server {

template class HttpSession<TlsStream>;

}  // namespace server
