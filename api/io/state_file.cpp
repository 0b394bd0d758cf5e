#include "api/io/state_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace amisim::io {
namespace {

std::string why(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// Writes all of `contents` to `fd`; false (errno set) on a write error.
bool write_all(int fd, const std::string& contents) {
  std::size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// True when `path` is something other than a regular file: a symlink, a device, a pipe
// (`--json /dev/stdout`). Renaming over it would replace the link or the device node itself (as
// root, /dev/stdout became a plain file), so such a path is written through instead.
bool is_special(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

// A save's temporary is "<path>.tmp-<pid>": the pid keeps two processes' saves apart.
constexpr const char* kTemporaryMark = ".tmp-";

std::string temporary_of(const std::string& path) {
  return path + kTemporaryMark + std::to_string(::getpid());
}

// The pid in a temporary's name ("state.json.tmp-4242" -> 4242), or nullopt when the name is not
// the prefix followed by digits only. A number no process can have is returned as 0.
std::optional<pid_t> temporary_pid(const std::string& name, const std::string& prefix) {
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  const std::string digits = name.substr(prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  long long pid = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (ec != std::errc() || end != digits.data() + digits.size() || pid > INT_MAX) return 0;
  return static_cast<pid_t>(pid);
}

// True when process `pid` (> 0) exists: signal 0 sends nothing, it only checks.
bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Flushes the directory holding `path`, so that a rename into it survives a crash of the machine
// (rename is atomic, but only durable once the directory is on disk). "" on success; a file
// system that cannot flush a directory (EINVAL) is taken as done.
std::string sync_directory_of(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return why("cannot open the directory", dir);
  std::string err;
  if (::fsync(fd) != 0 && errno != EINVAL) err = why("cannot flush the directory", dir);
  ::close(fd);
  return err;
}

std::string write_through(const std::string& path, const std::string& contents) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return why("cannot write", path);
  const bool written = write_all(fd, contents);
  std::string err = written ? "" : why("cannot write", path);
  if (::close(fd) != 0 && err.empty()) err = why("cannot flush", path);
  return err;
}

}  // namespace

std::string write_file_atomically(const std::string& path, const std::string& contents) {
  if (is_special(path)) return write_through(path, contents);
  std::string tmp = temporary_of(path);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return why("cannot write", tmp);
  if (!write_all(fd, contents)) {
    std::string err = why("cannot write", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return err;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string err = why("cannot flush", tmp);
    ::unlink(tmp.c_str());
    return err;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = why("cannot rename onto", path);
    ::unlink(tmp.c_str());
    return err;
  }
  return sync_directory_of(path);
}

std::vector<std::string> remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<std::string> removed;
  if (path.empty()) return removed;
  const std::string prefix = fs::path(path).filename().string() + kTemporaryMark;
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    auto pid = temporary_pid(name, prefix);
    std::error_code entry_ec;
    if (!pid || !it->is_regular_file(entry_ec) || it->is_symlink(entry_ec)) continue;
    if (*pid > 0 && *pid != ::getpid() && process_alive(*pid)) continue;
    if (fs::remove(it->path(), entry_ec)) removed.push_back(it->path().string());
  }
  return removed;
}

std::optional<std::string> read_file(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = why("cannot read", path);
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<nlohmann::json> parse_document(std::string_view text, std::string* error) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 4: ...".
    std::string what = e.what();
    if (auto bracket = what.find("] ");
        what.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos)
      what = what.substr(bracket + 2);
    if (error) *error = "not JSON (cut short, or not a state document): " + what;
    return std::nullopt;
  }
}

}  // namespace amisim::io
