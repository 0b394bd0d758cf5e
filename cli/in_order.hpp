// Work that may run on several threads but is reported in order (`amisim run --jobs N`): the
// output is the same whatever order the work finishes in.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace amisim::cli {

// Calls work(i) for every i in [0, count) on up to `threads` threads, each thread taking the next
// i in turn, and report(i, result) on the calling thread in index order, each as soon as its work
// is done. With one thread (or at most one item) all runs on the calling thread, one at a time,
// each report right after its work. `work` must be safe to call from several threads at once.
template <class Work, class Report>
void run_in_order(std::size_t count, unsigned threads, Work work, Report report) {
  using Result = std::invoke_result_t<Work&, std::size_t>;
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) report(i, work(i));
    return;
  }
  std::vector<std::optional<Result>> results(count);
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) {
        Result result = work(i);
        std::lock_guard lock(mutex);
        results[i] = std::move(result);
        finished.notify_all();
      }
    });
  }
  for (std::size_t i = 0; i < count; ++i) {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return results[i].has_value(); });
    Result result = std::move(*results[i]);
    lock.unlock();
    report(i, std::move(result));
  }
  for (std::thread& w : workers) w.join();
}

}  // namespace amisim::cli
