// cli/in_order.hpp: work on several threads, reported in index order.
#include "cli/in_order.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using amisim::cli::run_in_order;

namespace {

std::vector<std::size_t> indices(std::size_t count) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("run_in_order reports each result once, in index order, however many threads work") {
  for (unsigned threads : {1u, 2u, 4u, 64u}) {
    std::vector<std::size_t> reported;
    std::atomic<int> calls{0};
    run_in_order(
        20, threads,
        [&](std::size_t i) {
          ++calls;
          // Uneven work, so that later items can finish before earlier ones.
          std::this_thread::sleep_for(std::chrono::milliseconds((20 - i) % 4));
          return i * 10;
        },
        [&](std::size_t i, std::size_t result) {
          CHECK(result == i * 10);
          reported.push_back(i);
        });
    INFO(threads << " threads");
    CHECK(calls == 20);
    CHECK(reported == indices(20));
  }
}

TEST_CASE("run_in_order with several threads works on items at the same time") {
  // Item 0 finishes only once item 1 has started: on one thread it would wait its 10 s out.
  std::mutex mutex;
  std::condition_variable cv;
  bool second_started = false;
  bool overlapped = false;
  std::vector<std::size_t> reported;
  run_in_order(
      2, 2,
      [&](std::size_t i) {
        std::unique_lock lock(mutex);
        if (i == 1) {
          second_started = true;
          cv.notify_all();
        } else {
          overlapped = cv.wait_for(lock, std::chrono::seconds(10), [&] { return second_started; });
        }
        return i;
      },
      [&](std::size_t i, std::size_t) { reported.push_back(i); });
  CHECK(overlapped);
  CHECK(reported == indices(2));
}

TEST_CASE("run_in_order on one thread reports each item right after its work") {
  std::vector<std::string> log;
  run_in_order(
      3, 1,
      [&](std::size_t i) {
        log.push_back("work " + std::to_string(i));
        return i;
      },
      [&](std::size_t i, std::size_t) { log.push_back("report " + std::to_string(i)); });
  CHECK(log ==
        std::vector<std::string>{"work 0", "report 0", "work 1", "report 1", "work 2", "report 2"});
}

TEST_CASE("run_in_order with no items does nothing") {
  int calls = 0;
  run_in_order(
      0, 4, [&](std::size_t) { return ++calls; }, [&](std::size_t, int) { ++calls; });
  CHECK(calls == 0);
}
