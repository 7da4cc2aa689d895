#include "websocket_session_impl.hpp"

namespace server {

template class WebsocketSession<PlainStream>;

}  // namespace server
