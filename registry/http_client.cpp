#include "registry/http_client.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "registry/connection_pool.hpp"
#include "registry/curl_library.hpp"

namespace sagelint::registry {

namespace {

constexpr std::size_t kHighWater = 1u << 20;  // buffered body bytes before libcurl pauses

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Authority {
  std::string scheme, host, port;
};

Authority parse_authority(const std::string& url) {
  Authority a;
  auto sep = url.find("://");
  std::size_t start = 0;
  if (sep != std::string::npos) {
    a.scheme = lower(url.substr(0, sep));
    start = sep + 3;
  }
  std::size_t end = url.find_first_of("/?#", start);
  std::string auth = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = auth.rfind('@'); at != std::string::npos) auth = auth.substr(at + 1);
  std::size_t colon = auth.rfind(':');
  std::size_t bracket = auth.rfind(']');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    a.host = lower(auth.substr(0, colon));
    a.port = auth.substr(colon + 1);
  } else {
    a.host = lower(auth);
  }
  if (a.port.empty()) a.port = a.scheme == "http" ? "80" : a.scheme == "https" ? "443" : "";
  return a;
}

}  // namespace

std::string url_origin(const std::string& url) {
  Authority a = parse_authority(url);
  return a.scheme + "://" + a.host + ":" + a.port;
}

std::string url_host(const std::string& url) {
  Authority a = parse_authority(url);
  bool default_port =
      (a.scheme == "https" && a.port == "443") || (a.scheme == "http" && a.port == "80");
  return default_port || a.port.empty() ? a.host : a.host + ":" + a.port;
}

std::string HttpHead::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

std::vector<std::string> HttpHead::all(const std::string& lower_name) const {
  std::vector<std::string> out;
  auto [b, e] = headers.equal_range(lower_name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

struct HttpStream::State {
  const CurlLibrary* c = nullptr;
  CURL* easy = nullptr;
  CURLM* multi = nullptr;
  std::shared_ptr<ConnectionPool> pool;  // where easy and multi go back to; null: freed
  std::string origin;
  curl_slist* headers = nullptr;
  std::string label;  // host (or socket) for messages
  long stall_seconds = 0;
  HttpHead head;
  bool headers_done = false;
  bool done = false;
  CURLcode result = CURLE_OK;
  std::string buf;
  std::size_t pos = 0;
  bool paused = false;
  char errbuf[CURL_ERROR_SIZE] = {};

  ~State() {
    if (pool) {
      pool->give_back({multi, easy}, origin);
    } else {
      if (multi && easy) c->multi_remove_handle(multi, easy);
      if (easy) c->easy_cleanup(easy);
      if (multi) c->multi_cleanup(multi);
    }
    if (headers) c->slist_free_all(headers);
  }

  static size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* s = static_cast<State*>(user);
    std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after 1xx or a proxy's reply)
      s->head.headers.clear();
      auto sp = line.find(' ');
      s->head.status = sp == std::string::npos ? 0 : std::atol(line.c_str() + sp + 1);
      return size * count;
    }
    std::string t = trim(line);
    if (t.empty()) {
      if (s->head.status >= 200) s->headers_done = true;
      return size * count;
    }
    auto colon = t.find(':');
    if (colon != std::string::npos)
      s->head.headers.emplace(lower(trim(t.substr(0, colon))), trim(t.substr(colon + 1)));
    return size * count;
  }

  static size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* s = static_cast<State*>(user);
    s->headers_done = true;
    if (s->buf.size() - s->pos >= kHighWater) {
      s->paused = true;
      return CURL_WRITEFUNC_PAUSE;  // libcurl keeps this chunk and hands it over again
    }
    if (s->pos > 0 && s->pos == s->buf.size()) {
      s->buf.clear();
      s->pos = 0;
    } else if (s->pos >= kHighWater) {
      s->buf.erase(0, s->pos);
      s->pos = 0;
    }
    s->buf.append(data, size * count);
    return size * count;
  }

  // One step of the transfer: wait for the socket, then let libcurl work.
  void pump() {
    int running = 0;
    c->multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* m = c->multi_info_read(multi, &left)) {
      if (m->msg == CURLMSG_DONE) {
        done = true;
        result = m->data.result;
      }
    }
    if (!done && running > 0 && pos == buf.size()) c->multi_poll(multi, nullptr, 0, 500, nullptr);
  }

  std::string failure() const {
    std::string detail = errbuf[0] ? std::string(errbuf) : c->easy_strerror(result);
    switch (result) {
      case CURLE_PEER_FAILED_VERIFICATION:
        return label + ": TLS certificate not trusted (" + detail +
               "); give its CA with --cert-dir DIR or use --tls-verify=false";
      case CURLE_SSL_CONNECT_ERROR: return label + ": TLS handshake failed (" + detail + ")";
      case CURLE_OPERATION_TIMEDOUT:
        return label + ": timed out (" + detail + "; no data for " + std::to_string(stall_seconds) +
               " s)";
      case CURLE_COULDNT_RESOLVE_HOST: return label + ": unknown host (" + detail + ")";
      case CURLE_COULDNT_CONNECT: return label + ": cannot connect (" + detail + ")";
      default: return label + ": " + detail;
    }
  }
};

HttpStream::HttpStream(std::unique_ptr<State> state) : state_(std::move(state)) {
  head_ = state_->head;
}

HttpStream::~HttpStream() = default;

namespace {

bool transient_code(CURLcode code) {
  switch (code) {
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

bool transient_status(long status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

struct StartFailure {
  std::string message;
  bool transient = false;  // a second try may succeed
};

std::variant<std::unique_ptr<HttpStream::State>, StartFailure> start(const HttpRequest& request,
                                                                     const HttpSettings& settings) {
  std::string error;
  const CurlLibrary* c = curl_library(&error);
  if (!c) return StartFailure{error};
  auto s = std::make_unique<HttpStream::State>();
  s->c = c;
  s->label =
      settings.unix_socket.empty() ? url_host(request.url) : "unix://" + settings.unix_socket;
  s->stall_seconds = settings.stall_timeout_seconds;
  if (settings.connections && settings.unix_socket.empty()) {
    s->origin = url_origin(request.url);
    auto session = settings.connections->take(s->origin);
    s->easy = session.easy;
    s->multi = session.multi;
    if (s->easy) s->pool = settings.connections;
  } else {
    s->easy = c->easy_init();
    s->multi = c->multi_init();
  }
  if (!s->easy || !s->multi)
    return StartFailure{s->label + ": cannot start a transfer (out of memory)"};
  CURL* h = s->easy;
  if (s->pool && s->pool->share()) c->easy_setopt(h, CURLOPT_SHARE, s->pool->share());
  c->easy_setopt(h, CURLOPT_URL, request.url.c_str());
  c->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  c->easy_setopt(h, CURLOPT_ERRORBUFFER, s->errbuf);
  c->easy_setopt(h, CURLOPT_USERAGENT, "sagelint");
  c->easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  c->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  c->easy_setopt(h, CURLOPT_CONNECTTIMEOUT, settings.connect_timeout_seconds);
  c->easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  c->easy_setopt(h, CURLOPT_LOW_SPEED_TIME, settings.stall_timeout_seconds);
  c->easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  c->easy_setopt(h, CURLOPT_BUFFERSIZE, 256L * 1024);
  c->easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  c->easy_setopt(h, CURLOPT_HEADERFUNCTION, &HttpStream::State::on_header);
  c->easy_setopt(h, CURLOPT_HEADERDATA, s.get());
  c->easy_setopt(h, CURLOPT_WRITEFUNCTION, &HttpStream::State::on_body);
  c->easy_setopt(h, CURLOPT_WRITEDATA, s.get());
  if (request.head_only) c->easy_setopt(h, CURLOPT_NOBODY, 1L);
  if (!settings.unix_socket.empty()) {
    c->easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, settings.unix_socket.c_str());
    c->easy_setopt(h, CURLOPT_PROXY, "");
  }
  if (!settings.tls.verify) {
    c->easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    c->easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!settings.tls.extra_ca_pem.empty()) {
    // The system roots plus the extra ones, as containers-certs.d(5) describes.
    // The system bundle is read once per process, not once per request.
    static std::once_flag once;
    static std::string system_pem;
    std::call_once(once, [&] {
      char* system = nullptr;
      c->easy_getinfo(h, CURLINFO_CAINFO, &system);
      system_pem = read_file(system ? system : "/etc/ssl/certs/ca-certificates.crt");
    });
    std::string pem = system_pem + "\n" + settings.tls.extra_ca_pem;
    curl_blob blob{pem.data(), pem.size(), CURL_BLOB_COPY};
    c->easy_setopt(h, CURLOPT_CAINFO_BLOB, &blob);
  }
  if (!settings.tls.client_cert.empty()) {
    c->easy_setopt(h, CURLOPT_SSLCERT, settings.tls.client_cert.c_str());
    c->easy_setopt(h, CURLOPT_SSLKEY, settings.tls.client_key.c_str());
  }
  for (const auto& line : request.headers) s->headers = c->slist_append(s->headers, line.c_str());
  // No "Expect:" or default Accept surprises; an empty Accept-Encoding is never sent, so
  // blobs arrive as stored and hash to their digests.
  if (s->headers) c->easy_setopt(h, CURLOPT_HTTPHEADER, s->headers);
  c->multi_add_handle(s->multi, h);
  while (!s->headers_done && !s->done) s->pump();
  if (s->done && s->result != CURLE_OK && !s->headers_done)
    return StartFailure{s->failure(), transient_code(s->result)};
  char* location = nullptr;
  if (c->easy_getinfo(h, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
    s->head.redirect_url = location;
  return s;
}

double retry_after(const HttpHead& head, double fallback) {
  std::string v = head.header("retry-after");
  if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit)) return fallback;
  return std::min(30.0, std::stod(v));
}

}  // namespace

std::variant<std::unique_ptr<HttpStream>, std::string> HttpStream::open(
    const HttpRequest& request, const HttpSettings& settings) {
  double wait = settings.backoff_seconds;
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt >= std::max(1, settings.attempts);
    auto started = start(request, settings);
    if (auto* st = std::get_if<std::unique_ptr<State>>(&started)) {
      State& s = **st;
      if (!transient_status(s.head.status) || last)
        return std::unique_ptr<HttpStream>(new HttpStream(std::move(*st)));
      wait = retry_after(s.head, wait);
    } else {
      // Only failures that a second try can cure are retried (not refusals or TLS).
      auto& failure = std::get<StartFailure>(started);
      if (!failure.transient || last) return failure.message;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    wait *= 2;
  }
}

long HttpStream::read(void* out, std::size_t n) {
  State& s = *state_;
  for (;;) {
    if (s.pos < s.buf.size()) {
      std::size_t k = std::min(n, s.buf.size() - s.pos);
      std::memcpy(out, s.buf.data() + s.pos, k);
      s.pos += k;
      if (s.paused && s.buf.size() - s.pos < kHighWater / 2) {
        s.paused = false;
        s.c->easy_pause(s.easy, CURLPAUSE_CONT);
      }
      return static_cast<long>(k);
    }
    if (s.paused) {
      s.paused = false;
      s.c->easy_pause(s.easy, CURLPAUSE_CONT);
      continue;
    }
    if (s.done) {
      if (s.result != CURLE_OK) {
        error_ = s.failure();
        return -1;
      }
      return 0;
    }
    s.pump();
  }
}

std::variant<HttpResponse, std::string> http_fetch(const HttpRequest& request,
                                                   const HttpSettings& settings, uint64_t cap) {
  auto opened = HttpStream::open(request, settings);
  if (auto* err = std::get_if<std::string>(&opened)) return *err;
  HttpStream& s = *std::get<std::unique_ptr<HttpStream>>(opened);
  HttpResponse r;
  r.head = s.head();
  char buf[65536];
  for (;;) {
    long got = s.read(buf, sizeof buf);
    if (got < 0) return s.error();
    if (got == 0) break;
    if (r.body.size() + static_cast<uint64_t>(got) > cap)
      return url_host(request.url) + ": response larger than " + std::to_string(cap) + " bytes";
    r.body.append(buf, static_cast<std::size_t>(got));
  }
  return r;
}

}  // namespace sagelint::registry
