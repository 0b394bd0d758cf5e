// Files for `amisim serve --state FILE`: written atomically, so a crash mid-write never leaves
// a torn file — the new contents go to "<FILE>.tmp-<n>" in the same directory, are flushed to
// disk (fsync), and are renamed over FILE (rename within one filesystem is atomic on POSIX); then
// the directory is flushed, so the rename itself outlives a crash of the machine. A process
// killed at any moment leaves FILE as it was or as it was written, never in between
// (tests/e2e/test_state_kill.py kills serve mid-save, over and over).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amisim::io {

// "" on success, else a one-line reason ("cannot write /x/state.json: Permission denied"). A path
// that is not a regular file (a symlink, /dev/stdout, a pipe) is written through, not replaced.
std::string write_file_atomically(const std::string& path, const std::string& contents);

// Removes what saves killed mid-write left beside `path`: regular files in path's directory named
// "<file name of path>.tmp-<pid>" (write_file_atomically's temporaries) whose process is gone, or
// is this one (which has not saved yet). A temporary of a live process may be another amisim's
// save in progress and stays; so does anything else. Returns the paths removed; never throws.
std::vector<std::string> remove_stale_temporaries(const std::string& path);

// The whole file, or nullopt with *error set (error may be null).
std::optional<std::string> read_file(const std::string& path, std::string* error = nullptr);

// The JSON document in `text` (a state file, a POST /_amisim/state body), or nullopt with *error
// set to one line: "not JSON (cut short, or not a state document): parse error at line 3, column
// 1: ..." (error may be null). A file cut short by a crash is refused here, whole.
std::optional<nlohmann::json> parse_document(std::string_view text, std::string* error = nullptr);

}  // namespace amisim::io
