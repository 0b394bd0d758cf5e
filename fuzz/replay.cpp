// The fuzz targets without libFuzzer, for `make test`: built with the project's own compiler and
// libraries (no clang, no sanitizer build), it feeds a target's LLVMFuzzerTestOneInput every file
// of the corpus directories it is given, then MUTANTS variants of each made by a fixed-seed
// generator (bit flips, Query and XML punctuation, insertions, deletions, repeats, splices of two
// entries), so one command line gives the same inputs on every machine. A target's check is an
// abort(): the handler below prints which input it was, escaped, before the process dies.
//   fuzz_replay_TARGET [--mutants N] DIR...
// `make fuzz` (scripts/fuzz.sh) runs the real fuzzer, with sanitizers, for minutes per target.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

struct Current {
  std::string name;
  std::string bytes;
};
Current current;

void print_escaped(std::FILE* out, std::string_view bytes) {
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b == '\\')
      std::fputs("\\\\", out);
    else if (b >= 0x20 && b < 0x7F)
      std::fputc(b, out);
    else
      std::fprintf(out, "\\x%02x", b);
  }
}

extern "C" void on_abort(int) {
  std::fprintf(stderr, "fuzz replay: the target aborted on %s\ninput: ", current.name.c_str());
  print_escaped(stderr, current.bytes);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::signal(SIGABRT, SIG_DFL);
  std::raise(SIGABRT);
}

void run(std::string name, std::string bytes) {
  current.name = std::move(name);
  current.bytes = std::move(bytes);
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(current.bytes.data()),
                         current.bytes.size());
}

// Bytes the parsers treat specially: Query punctuation, XML markup, percent escapes, line ends,
// NUL, and the first bytes of multi-byte and invalid UTF-8.
// (A literal with a NUL in it: the length is given, not found by strlen.)
constexpr char kSpecialBytes[] =
    "&=%+.<>/\"'!?[]\n\r\t\0\x7f\x80\xbf\xc3\xe2\xef\xf0\xff"
    "0123456789";
constexpr std::string_view kSpecial(kSpecialBytes, sizeof kSpecialBytes - 1);

// std::mt19937_64's output is fixed by the standard; the distributions are not, so the draws
// below take the engine's words directly.
struct Mutator {
  std::mt19937_64 engine{20261207};
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine() % n); }

  std::string mutate(std::string s, const std::vector<std::string>& corpus) {
    const std::size_t edits = 1 + below(4);
    for (std::size_t e = 0; e < edits; ++e) {
      const std::size_t at = below(s.size() + 1);
      switch (below(6)) {
        case 0:  // flip one bit
          if (!s.empty()) s[at % s.size()] ^= static_cast<char>(1u << below(8));
          break;
        case 1:  // a special byte in place of one
          if (!s.empty()) s[at % s.size()] = kSpecial[below(kSpecial.size())];
          break;
        case 2:  // a special byte inserted
          s.insert(at, 1, kSpecial[below(kSpecial.size())]);
          break;
        case 3:  // a run deleted
          s.erase(at, 1 + below(16));
          break;
        case 4:  // a run repeated
          if (at < s.size()) s.insert(at, s.substr(at, 1 + below(32)));
          break;
        default: {  // the head of this entry, the tail of another
          const std::string& other = corpus[below(corpus.size())];
          s = s.substr(0, at) + other.substr(below(other.size() + 1));
        }
      }
    }
    return s;
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t mutants = 200;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--mutants" && i + 1 < argc) {
      mutants = std::strtoul(argv[++i], nullptr, 10);
      continue;
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(arg, ec))
      if (entry.is_regular_file()) files.push_back(entry.path());
    if (ec) {
      std::fprintf(stderr, "fuzz replay: cannot read the corpus directory %s\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--mutants N] CORPUS_DIR...  (no corpus file found)\n",
                 argv[0]);
    return 2;
  }
  std::sort(files.begin(), files.end());  // directory order differs between file systems
  std::vector<std::string> corpus;
  for (const auto& f : files) corpus.push_back(read_file(f));

  std::signal(SIGABRT, on_abort);
  for (std::size_t i = 0; i < files.size(); ++i) run(files[i].string(), corpus[i]);
  Mutator mutator;
  for (std::size_t i = 0; i < files.size(); ++i)
    for (std::size_t m = 0; m < mutants; ++m)
      run(files[i].string() + " mutant " + std::to_string(m), mutator.mutate(corpus[i], corpus));
  std::printf("fuzz replay: %zu corpus inputs and %zu mutants, no check failed\n", files.size(),
              files.size() * mutants);
  return 0;
}
