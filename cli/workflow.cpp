#include "cli/workflow.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include "api/gateway/gateway.hpp"
#include "api/http/server.hpp"

extern char** environ;

namespace amisim::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kOutputKept = 64 * 1024;
constexpr std::chrono::milliseconds kGrace{2'000};  // from SIGTERM to SIGKILL

// The process groups of the commands running now (0: a free slot), for kill_running_workflows.
std::array<std::atomic<pid_t>, 128> running{};

void remember(pid_t group) {
  for (auto& slot : running) {
    pid_t free = 0;
    if (slot.compare_exchange_strong(free, group)) return;
  }
}

void forget(pid_t group) {
  for (auto& slot : running) {
    pid_t mine = group;
    if (slot.compare_exchange_strong(mine, 0)) return;
  }
}

// The environment: this process's, with the standard variables replaced.
std::vector<std::string> environment(const scenario::WorkflowCommand& c, const std::string& url) {
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
  };
  const std::vector<std::pair<std::string, std::string>> ours = {
      {"AWS_ENDPOINT_URL", url},
      {"AMISIM_ENDPOINT", url},
      {"AWS_ACCESS_KEY_ID", c.account},
      {"AWS_SECRET_ACCESS_KEY", "amisim"},
      {"AWS_DEFAULT_REGION", c.region},
      {"AWS_REGION", c.region},
      {"AMISIM_ACCOUNTS", join(c.accounts)},
      {"AMISIM_REGIONS", join(c.regions)},
      {"AMISIM_NOW", c.now}};
  auto ours_has = [&](const std::string& key) {
    for (const auto& [k, v] : ours)
      if (k == key) return true;
    return false;
  };
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string key = entry.substr(0, entry.find('='));
    const bool replaced = key == "AWS_SESSION_TOKEN" || key == "AWS_PROFILE" ||  // not the user's
                          ours_has(key) || c.variables.count(key) != 0;
    if (!replaced) out.push_back(entry);
  }
  for (const auto& [k, v] : c.variables)
    if (!ours_has(k)) out.push_back(k + "=" + v);
  for (const auto& [k, v] : ours) out.push_back(k + "=" + v);
  return out;
}

// The last kOutputKept bytes of the file behind `fd`.
std::string read_tail(int fd) {
  const off_t size = lseek(fd, 0, SEEK_END);
  if (size <= 0) return "";
  const off_t from = size > static_cast<off_t>(kOutputKept) ? size - kOutputKept : 0;
  std::string out(static_cast<std::size_t>(size - from), '\0');
  const ssize_t n = pread(fd, out.data(), out.size(), from);
  out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

// Runs the command to its end (or its timeout) with everything it started.
scenario::WorkflowExit run_command(const scenario::WorkflowCommand& c, const std::string& url) {
  scenario::WorkflowExit exit;
  char path[] = "/tmp/amisim-workflow-XXXXXX";
  const int out = mkstemp(path);
  if (out < 0) {
    exit.error = fmt::format("cannot make a file for its output: {}", std::strerror(errno));
    return exit;
  }
  unlink(path);  // the open descriptor keeps it while it is needed

  std::vector<std::string> env = environment(c, url);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string shell = "/bin/sh", dash_c = "-c", command = c.command;
  char* argv[] = {shell.data(), dash_c.data(), command.data(), nullptr};

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&files, out, 1);
  posix_spawn_file_actions_adddup2(&files, out, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGHUP}) sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);  // a group of its own, so the whole group can be stopped
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, shell.c_str(), &files, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) {
    close(out);
    exit.error = fmt::format("cannot start /bin/sh: {}", std::strerror(spawned));
    return exit;
  }
  remember(pid);

  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(c.timeout_ms);
  std::optional<Clock::time_point> kill_at;
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    const Clock::time_point now = Clock::now();
    if (!kill_at && now >= deadline) {
      exit.timed_out = true;
      kill(-pid, SIGTERM);
      kill_at = now + kGrace;
    } else if (kill_at && now >= *kill_at) {
      kill(-pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(-pid, SIGKILL);  // what it left running in its group (ESRCH when nothing)
  forget(pid);
  if (WIFEXITED(status))
    exit.status = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    exit.status = 128 + WTERMSIG(status);
  exit.output = read_tail(out);
  close(out);
  return exit;
}

}  // namespace

void kill_running_workflows() {
  for (auto& slot : running) {
    const pid_t group = slot.load();
    if (group > 0) kill(-group, SIGKILL);
  }
}

scenario::WorkflowRunner workflow_runner(std::string endpoint) {
  return [endpoint](scenario::Door& door, const scenario::WorkflowCommand& c) {
    gateway::Gateway* gw = door.gateway();
    if (gw == nullptr) {
      if (endpoint.empty())
        return scenario::WorkflowExit{"no endpoint to run it against", {}, {}, {}};
      return run_command(c, endpoint);
    }
    http::ServerOptions options;  // 127.0.0.1, a free port
    http::Server server(options, [gw](const http::HttpRequest& r) { return gw->handle(r); });
    const http::StartResult started = server.start();
    if (!started.ok())
      return scenario::WorkflowExit{"cannot serve its world: " + started.error, {}, {}, {}};
    std::thread serving([&server] { server.run(); });
    const scenario::WorkflowExit exit =
        run_command(c, fmt::format("http://127.0.0.1:{}", started.port));
    server.stop();
    serving.join();
    return exit;
  };
}

}  // namespace amisim::cli
