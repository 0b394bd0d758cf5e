// api/io/state_file: what a save killed mid-write leaves behind is removed at the next start, and
// nothing else is.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "api/io/state_file.hpp"

namespace fs = std::filesystem;

namespace {

// Above Linux's largest possible pid (2^22), so no process has it.
constexpr const char* kDeadPid = "4194305";

struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("amisim-stale-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string touch(const std::string& name) const {
    std::ofstream(dir / name) << "partial";
    return (dir / name).string();
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

TEST_CASE("Stale temporaries of the state file are removed, everything else stays") {
  TempDir t;
  const std::string state = t.touch("world.json");
  const std::string dead = t.touch(std::string("world.json.tmp-") + kDeadPid);
  const std::string mine = t.touch("world.json.tmp-" + std::to_string(::getpid()));
  const std::string huge = t.touch("world.json.tmp-99999999999999999999");
  t.touch("world.json.tmp-" + std::to_string(::getppid()));  // a live process: maybe saving now
  t.touch("world.json.tmp-");                                // not the pattern
  t.touch("world.json.tmp-12x");
  t.touch("world.json.tmp-+12");
  t.touch(std::string("other.json.tmp-") + kDeadPid);  // another file's temporary
  t.touch(std::string("xworld.json.tmp-") + kDeadPid);
  fs::create_directory(t.dir / (std::string("world.json.tmp-") + kDeadPid + "0"));  // a directory
  fs::create_symlink(state, t.dir / "world.json.tmp-4194306");                      // a link

  std::vector<std::string> removed = amisim::io::remove_stale_temporaries(state);
  std::sort(removed.begin(), removed.end());
  std::vector<std::string> expected{dead, huge, mine};
  std::sort(expected.begin(), expected.end());
  CHECK(removed == expected);
  std::vector<std::string> kept{std::string("other.json.tmp-") + kDeadPid,
                                "world.json",
                                "world.json.tmp-",
                                "world.json.tmp-" + std::to_string(::getppid()),
                                "world.json.tmp-+12",
                                "world.json.tmp-12x",
                                std::string("world.json.tmp-") + kDeadPid + "0",
                                "world.json.tmp-4194306",
                                std::string("xworld.json.tmp-") + kDeadPid};
  std::sort(kept.begin(), kept.end());
  CHECK(t.names() == kept);
  CHECK(amisim::io::remove_stale_temporaries(state).empty());
}

TEST_CASE("Stale temporaries: no state file, a missing directory, a bare file name") {
  CHECK(amisim::io::remove_stale_temporaries("").empty());
  CHECK(amisim::io::remove_stale_temporaries("/no/such/dir/world.json").empty());
  TempDir t;
  const fs::path before = fs::current_path();
  fs::current_path(t.dir);
  t.touch(std::string("w.json.tmp-") + kDeadPid);
  auto removed = amisim::io::remove_stale_temporaries("w.json");
  fs::current_path(before);
  CHECK(removed.size() == 1);
  CHECK(t.names().empty());
}

TEST_CASE("A save leaves no temporary, and a stale one does not stop the next save") {
  TempDir t;
  const std::string state = (t.dir / "world.json").string();
  t.touch("world.json.tmp-" + std::to_string(::getpid()));  // this process's, from a killed save
  CHECK(amisim::io::write_file_atomically(state, "saved") == "");
  CHECK(t.names() == std::vector<std::string>{"world.json"});
}

TEST_CASE("A state file cut short or not JSON is refused whole, with one line saying where") {
  std::string error;
  CHECK(amisim::io::parse_document(R"({"format": "amisim-state/4", "seed": 1})", &error));
  for (const std::string& torn :
       {std::string(R"({"format": "amisim-state/4", "se)"), std::string(""),
        std::string("{\"journal\": [\n{\"settle\": true},\n"),
        std::string("\x7f"
                    "ELF")}) {
    INFO(torn);
    error.clear();
    CHECK_FALSE(amisim::io::parse_document(torn, &error));
    CHECK(error.rfind("not JSON (cut short, or not a state document): parse error at line ", 0) ==
          0);
    CHECK(error.find('\n') == std::string::npos);
  }
  CHECK_FALSE(amisim::io::parse_document("[1,", nullptr));  // no error wanted: none written
}

TEST_CASE("A save replaces the file whole and flushes its directory (a bare file name too)") {
  TempDir t;
  const std::string path = (t.dir / "state.json").string();
  CHECK(amisim::io::write_file_atomically(path, "{\"a\": 1}") == "");
  CHECK(amisim::io::read_file(path).value() == "{\"a\": 1}");
  // A path without a directory part flushes the current directory.
  const fs::path cwd = fs::current_path();
  fs::current_path(t.dir);
  CHECK(amisim::io::write_file_atomically("bare.json", "x") == "");
  fs::current_path(cwd);
  CHECK(amisim::io::read_file((t.dir / "bare.json").string()).value() == "x");
}
