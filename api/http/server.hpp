// The HTTP/1.1 server core for `amisim serve`: a listener that accepts, a session per connection
// that reads, calls the handler and writes (keep-alive, pipelined requests answered in order),
// and the handler, a pure function that knows nothing of sockets (request.hpp). Structured as
// Boost.Beast's async server examples; every limit is explicit in ServerOptions.
//
// Threading: one io_context run on the one thread that calls run(), so the handler is called one
// request at a time and whatever it touches (the World) needs no locking, and the connection
// table (connection_table.hpp) is touched by that thread alone. stop() may be called from any
// thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/http/request.hpp"

namespace amisim::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the system picks a free port; start() reports it
  // A request whose body is larger gets 413 and the connection is closed. 16 MiB: S3 PutObject
  // bodies (disk images to import) up to the aws CLI's 8 MiB multipart threshold, with room for
  // aws-chunked framing; EC2 Query bodies are far smaller.
  std::size_t body_limit_bytes = 16 * 1024 * 1024;
  // Request line plus header fields; larger gets 431 and the connection is closed.
  std::size_t header_limit_bytes = 16 * 1024;
  // A connection must deliver a complete request head (request line and header fields) within
  // this time of the server starting to wait for it: after accepting it, and after each response
  // on a keep-alive connection. It is one deadline for the whole head, not a per-read timeout, so
  // a client trickling a byte at a time (slowloris) is closed on time too. [?] 5 s: AWS publishes
  // no figure; it is the idle keep-alive timeout of Apache httpd and of Node's http server.
  std::chrono::milliseconds head_timeout{5'000};
  // Once its head has arrived, a request's body must arrive within this time; the same bound
  // applies to writing a response.
  std::chrono::milliseconds read_timeout{30'000};
  // At most this many connections are open at once. A connection accepted when the table is full
  // closes the one that has waited longest for a request head (never one with a request in
  // progress); when every open connection has a request in progress, the newcomer is closed as
  // soon as it is accepted.
  std::size_t max_connections = 256;
  // Event streams (HttpResponse::stream): how often each open stream is asked for more, how many
  // bytes a stream may have waiting to be sent while its client is not reading before it is
  // closed with a log line, and how many may be open at once (each holds a connection; a stream
  // asked for beyond this gets 503 and the connection closes). [?] AWS has no such stream; 250 ms
  // keeps a page within a second of a call; 1 MiB is some thousands of calls' news; half the
  // connections leaves the other half to API clients.
  std::chrono::milliseconds stream_tick{250};
  std::size_t stream_buffer_bytes = 1024 * 1024;
  std::size_t max_streams = 128;
  // Called, when set, with one line each time the server closes a connection on its own: a
  // connection evicted for a newcomer, a newcomer refused, a request head not complete in time,
  // an event stream whose client stopped reading (`amisim serve --log`). Called on the thread
  // running the server.
  std::function<void(const std::string&)> log;
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// The outcome of Server::start(): the bound port, or why binding failed.
struct StartResult {
  std::uint16_t port = 0;
  std::string error;  // empty on success

  bool ok() const { return error.empty(); }
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Resolves the host, binds and listens. Returns the bound port (the real one when the option
  // asked for 0), or an error such as "bind 127.0.0.1:80: Permission denied". Call once.
  StartResult start();
  // Serves on the calling thread until stop(). Returns at once if stop() came first, or if
  // another thread is already in run(): the server is served by one thread only.
  void run();
  // Like run(), and also returns on SIGINT or SIGTERM (installed for the duration of the call).
  void run_until_signal();
  // Makes run() return promptly (at once if it has not started; it cannot be resumed). Open
  // connections stay open until the Server is destroyed. Safe from any thread, any time.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace amisim::http
