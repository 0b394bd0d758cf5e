#include "api/io/state_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
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
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
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
  return "";
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

}  // namespace amisim::io
