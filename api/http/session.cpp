#include "api/http/session.hpp"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string_view>

namespace amisim::http::detail {
namespace {

// After the last response on a closing connection the server keeps reading (and discarding)
// for at most this long, so that unread request bytes do not turn the close into a reset that
// could destroy the response before the client reads it (a "lingering close").
constexpr std::chrono::milliseconds kLinger{1000};

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == beast::error_code(bhttp::error::bad_version).category();
}

HttpRequest to_request(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    out.headers.add(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(in.body());
  out.remote = remote;
  return out;
}

// A handler that throws answers 500 instead of taking the server down. EC2's InternalError
// wording; the exception text is not sent (it is ours, not the client's business).
HttpResponse call_handler(const Handler& handler, const HttpRequest& request) {
  try {
    return handler(request);
  } catch (...) {
    return xml_error_response(500, "InternalError",
                              "An internal error has occurred. Please try again later.");
  }
}

// Fields the server computes itself from the response it actually sends.
bool server_owned(const std::string& name) {
  return beast::iequals(name, "Content-Length") || beast::iequals(name, "Connection") ||
         beast::iequals(name, "Transfer-Encoding");
}

// A Content-Length value (decimal digits only), or nullopt.
std::optional<std::uint64_t> parse_length(std::string_view text) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}

std::string millis(std::chrono::milliseconds duration) {
  return std::to_string(duration.count()) + " ms";
}

// `data` as one chunk of chunked transfer coding (RFC 9112 §7.1); "" for no data (an empty chunk
// would end the body).
std::string chunk(const std::string& data) {
  if (data.empty()) return "";
  char size[20];
  const auto [end, ec] = std::to_chars(size, size + sizeof size, data.size(), 16);
  return std::string(size, end) + "\r\n" + data + "\r\n";
}

bool has_line_break(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

}  // namespace

std::string describe_peer(const tcp::socket& socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return "";
  const std::string ip = peer.address().to_string();
  const std::string port = std::to_string(peer.port());
  return peer.address().is_v6() ? "[" + ip + "]:" + port : ip + ":" + port;
}

void log_line(const ServerOptions& options, const std::string& line) {
  if (options.log) options.log(line);
}

Session::Session(tcp::socket socket, SessionContext context)
    : stream_(std::move(socket)), remote_(describe_peer(stream_.socket())), context_(context) {
  context_.connections.opened();
  buffer_.reserve(4096);  // one recv per typical request (toolchain.md)
}

Session::~Session() {
  stop_waiting();
  leave_hub();
  release_slot();
}

void Session::evict(const std::string& newcomer) {
  waiting_.reset();  // the table has already taken it off the waiting list
  release_slot();
  log_line(context_.options, remote_ + " closed: the connection table is full (" +
                                 std::to_string(context_.connections.capacity()) +
                                 ") and this connection had waited longest for a request head; "
                                 "admitting " +
                                 newcomer);
  stream_.close();  // the pending read ends with operation_aborted, and the session with it
}

void Session::stop_waiting() {
  if (waiting_) context_.connections.stop_waiting(*waiting_);
  waiting_.reset();
}

void Session::release_slot() {
  if (holds_slot_) context_.connections.closed();
  holds_slot_ = false;
}

// The head (request line and fields) must be complete within head_timeout of this call, however
// the bytes trickle in; only then does the read timeout start, for the body.
void Session::do_read() {
  parser_.emplace();
  parser_->body_limit(context_.options.body_limit_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(context_.options.header_limit_bytes));
  stream_.expires_after(context_.options.head_timeout);
  waiting_ = context_.connections.start_waiting(weak_from_this());
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t /*bytes*/) {
  // Evicted while this completion was queued: a head that arrived just then is not served, as
  // its answer could not be delivered on the closed socket.
  if (!holds_slot_) return;
  stop_waiting();
  if (ec == beast::error::timeout && (served_ == 0 || buffer_.size() > 0)) {
    // An idle keep-alive connection timing out is routine; a first or partial head is not.
    log_line(context_.options, remote_ + " closed: no complete request head within " +
                                   millis(context_.options.head_timeout));
  }
  if (ec) return answer_read_error(ec);
  if (parser_->is_done()) return on_request();
  stream_.expires_after(context_.options.read_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::on_read(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == beast::error::timeout) {
    log_line(context_.options, remote_ + " closed: request body not complete within " +
                                   millis(context_.options.read_timeout));
  }
  if (ec) return answer_read_error(ec);
  on_request();
}

// For a failed read: answers what deserves an answer (oversized body or head, malformed
// request) and closes. Timeouts, resets and eviction get no answer: the socket closes with us.
void Session::answer_read_error(const beast::error_code& ec) {
  if (ec == bhttp::error::end_of_stream) {
    close_gracefully();
  } else if (ec == bhttp::error::body_limit) {
    answer(xml_error_response(413, "RequestEntityTooLarge",  // [?] EC2's code and text
                              "The request body exceeds the maximum allowed size."),
           false, false);
  } else if (ec == bhttp::error::header_limit) {
    answer(xml_error_response(431, "RequestHeaderFieldsTooLarge",  // [?]
                              "The request headers exceed the maximum allowed size."),
           false, false);
  } else if (is_parse_error(ec)) {
    answer(xml_error_response(400, "MalformedRequest",  // [?]
                              "The request is not valid HTTP/1.1."),
           false, false);
  }
}

void Session::on_request() {
  auto message = parser_->release();
  const bool keep_alive = message.keep_alive();
  const bool head = message.method() == bhttp::verb::head;
  const HttpRequest request = to_request(std::move(message), remote_);
  HttpResponse response = call_handler(context_.handler, request);
  const bool close = response.close || !keep_alive;
  ++served_;
  if (response.stream && request.method == "GET" && response.status >= 100 &&
      response.status <= 599) {
    if (!context_.streams.full()) return start_stream(std::move(response));
    log_line(context_.options, remote_ + " refused an event stream: all " +
                                   std::to_string(context_.options.max_streams) +
                                   " streams are open");
    return answer(xml_error_response(503, "ServiceUnavailable",  // [?] our limit, not AWS's
                                     "Too many event streams are open; poll instead."),
                  false, false);
  }
  answer(std::move(response), !close, head);
}

// The head and first bytes of an event stream. Chunked, so each piece is framed; Connection:
// close, as nothing more is read from this connection.
void Session::start_stream(HttpResponse response) {
  const auto status = static_cast<unsigned>(response.status);
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " +
                     std::string(bhttp::obsolete_reason(bhttp::int_to_status(status))) + "\r\n";
  for (const Header& h : response.headers.fields()) {
    if (server_owned(h.name) || has_line_break(h.name) || has_line_break(h.value)) continue;
    head += h.name + ": " + h.value + "\r\n";
  }
  head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  unsent_ = head + chunk(response.body);
  stream_more_ = std::move(response.stream);
  stream_ticket_ = context_.streams.join(shared_from_this());
  // The client says nothing more on this connection: when the socket turns readable, the client
  // has closed it (or broke the protocol), and the stream ends at once rather than at the next
  // write. A wait, not a read, so the read timeout set for each write does not apply to it.
  stream_.socket().async_wait(tcp::socket::wait_read,
                              [self = shared_from_this()](beast::error_code ec) {
                                if (!ec) self->end_stream();
                              });
  flush_stream();
}

void Session::feed_stream() {
  if (!stream_ticket_) return;
  std::string more;
  try {
    more = stream_more_();
  } catch (...) {
    log_line(context_.options, remote_ + " closed: its event stream failed");
    return end_stream();
  }
  unsent_ += chunk(more);
  if (writing_ && unsent_.size() > context_.options.stream_buffer_bytes) {
    log_line(context_.options, remote_ + " closed: its event stream client is not reading (" +
                                   std::to_string(unsent_.size()) + " bytes unsent, limit " +
                                   std::to_string(context_.options.stream_buffer_bytes) + ")");
    return end_stream();
  }
  flush_stream();
}

void Session::flush_stream() {
  if (writing_ || unsent_.empty() || !stream_ticket_) return;
  sending_ = std::move(unsent_);
  unsent_.clear();
  writing_ = true;
  stream_.expires_after(context_.options.read_timeout);
  net::async_write(stream_, net::buffer(sending_),
                   beast::bind_front_handler(&Session::on_stream_write, shared_from_this()));
}

void Session::on_stream_write(beast::error_code ec, std::size_t /*bytes*/) {
  writing_ = false;
  if (ec == beast::error::timeout) {
    log_line(context_.options, remote_ + " closed: its event stream was not read within " +
                                   millis(context_.options.read_timeout));
  }
  if (ec) return leave_hub();  // the client left, stopped reading, or the stream was ended
  stream_.expires_never();
  flush_stream();
}

void Session::end_stream() {
  leave_hub();
  stream_.close();  // a write in flight ends with operation_aborted
}

// Lets the hub drop its hold on this session; whoever calls this holds another reference.
void Session::leave_hub() {
  if (!stream_ticket_) return;
  const std::uint64_t ticket = *stream_ticket_;
  stream_ticket_.reset();
  context_.streams.leave(ticket);
}

void Session::answer(HttpResponse response, bool keep_alive, bool head) {
  if (response.status < 100 || response.status > 599) {
    response = xml_error_response(500, "InternalError", "The server produced an invalid status.");
  }
  response_ = {};
  response_.version(11);
  response_.result(static_cast<unsigned>(response.status));
  std::optional<std::uint64_t> head_length;
  for (const Header& h : response.headers.fields()) {
    if (!server_owned(h.name)) response_.insert(h.name, h.value);
    if (head && beast::iequals(h.name, "Content-Length")) head_length = parse_length(h.value);
  }
  response_.body() = std::move(response.body);
  response_.keep_alive(keep_alive);
  response_.prepare_payload();
  if (head) {
    // HEAD: Content-Length of the GET answer, no body. A handler may announce that length
    // itself without building the body (S3 HeadObject of a large simulated object).
    response_.body().clear();
    if (head_length) response_.content_length(*head_length);
  }
  stream_.expires_after(context_.options.read_timeout);
  bhttp::async_write(
      stream_, response_,
      beast::bind_front_handler(&Session::on_write, shared_from_this(), !keep_alive));
}

void Session::on_write(bool close, beast::error_code ec, std::size_t /*bytes*/) {
  if (ec) return;
  if (close) return close_gracefully();
  do_read();  // the next (possibly already buffered, pipelined) request
}

void Session::close_gracefully() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return;
  stream_.expires_after(kLinger);
  drain();
}

void Session::drain() {
  stream_.async_read_some(net::buffer(discard_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (!ec) self->drain();
                          });
}

}  // namespace amisim::http::detail
