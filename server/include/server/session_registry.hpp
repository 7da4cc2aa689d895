#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace server {

// A connection that can be asked to finish: answer what it has, say goodbye, close.
class Drainable {
  public:
    virtual ~Drainable() = default;
    // Called from any thread; the session moves to its own strand to act.
    virtual void drain() = 0;
    // Whether it has said all it will say (a WebSocket that has sent its close frame); it may still
    // be waiting for the peer's reply. Any thread.
    virtual bool done_talking() const { return false; }
};

// The live connections, so SIGTERM can drain them and the process can tell when all are gone.
// Also hands out connection ids for the logs. Thread-safe.
class SessionRegistry {
  public:
    std::uint64_t next_id() { return next_id_.fetch_add(1, std::memory_order_relaxed); }
    // A session adds itself when it starts and removes itself in its destructor.
    void add(const Drainable* key, std::weak_ptr<Drainable> session);
    void remove(const Drainable* key);
    std::size_t size() const;
    // The most sessions live at once since the last call (or the start); starts the next count.
    std::size_t take_peak();
    // How many live sessions still have something to say.
    std::size_t talking() const;
    // Asks every live session to drain (outside the lock: drain() only posts).
    void drain_all();

  private:
    std::atomic<std::uint64_t> next_id_{1};
    mutable std::mutex mutex_;
    std::map<const Drainable*, std::weak_ptr<Drainable>> sessions_;
    std::size_t peak_ = 0;
};

}  // namespace server
