// amisim: the command line. Arguments and exit codes only; the work is in api/ and sim/.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/check.hpp"
#include "cli/demo.hpp"
#include "cli/run.hpp"
#include "cli/serve.hpp"

namespace {

void usage(std::FILE* out) {
  std::fputs(
      "usage: amisim <command> [options]\n"
      "\n"
      "commands:\n"
      "  serve [--host 127.0.0.1] [--port 4566] [--clock instant|manual|scaled:N] [--seed N]\n"
      "        [--state FILE] [--log] [--catalog-size N] [--images FILE [--images-replace]]\n"
      "        [--head-timeout SECONDS] [--max-connections N]\n"
      "        [--auth none|sigv4 --credentials FILE]\n"
      "      answer EC2 Query calls (aws --endpoint-url http://127.0.0.1:4566) and the\n"
      "      control plane under /_amisim/; Ctrl-C stops (and saves --state FILE);\n"
      "      serve --help explains each option\n"
      "  run FILE|DIR... [--endpoint URL] [--junit FILE] [--json FILE] [--html FILE] [--seed N]\n"
      "        [--filter TEXT] [--shard K/N] [--narrate] [--twice] [--jobs N]\n"
      "        [--images FILE [--images-replace]] [--step | --pace SECONDS] [--allow-workflow]\n"
      "      run scenario files (a DIR: its *.json but schema.json) in process, or against\n"
      "      amisim serve at URL (reset first); exit 0 when all pass, 1 when one fails, 2 for\n"
      "      bad arguments or a file that does not load; --step waits for Enter before each\n"
      "      step, --pace plays a step every SECONDS (both narrate as they go)\n"
      "  check --workflow CMD [--invariant NAME|FILE]... [--world FILE] [--runs N] [--seed S]\n"
      "        [--jobs N] [--out DIR] [--advance DURATION] [--junit FILE] [--timeout DURATION]\n"
      "        [--expect-exit N|any] [--max-shrinks N]\n"
      "      property-test a workflow: run CMD against random worlds (AWS_ENDPOINT_URL set),\n"
      "      check the invariants after each, shrink the first failing world and write it as\n"
      "      a scenario (DIR/check-failure-SEED.json); exit 0 when all pass, 1 when one fails\n"
      "  demo [--seed N] [--catalog-size N] [--quiet]\n"
      "      run an in-process golden-AMI lifecycle and narrate it\n"
      "  help\n",
      out);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    usage(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "serve") return amisim::cli::run_serve({args.begin() + 1, args.end()});
  if (args[0] == "run") return amisim::cli::run_scenarios({args.begin() + 1, args.end()});
  if (args[0] == "check") return amisim::cli::run_check({args.begin() + 1, args.end()});
  if (args[0] == "demo") return amisim::cli::run_demo({args.begin() + 1, args.end()});
  std::fprintf(stderr, "amisim: unknown command '%.*s'\n", static_cast<int>(args[0].size()),
               args[0].data());
  usage(stderr);
  return 2;
}
