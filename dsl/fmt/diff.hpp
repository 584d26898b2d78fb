#pragma once
// Line diffs in the unified format, for `terms fmt --diff` (and any front end
// that wants to show what formatting would change).
//
// The edit script is Myers' O(ND) shortest edit script over lines, after the
// common prefix and suffix are set aside. Its cost grows with the number of
// differing lines D; past `max_edit_distance` the middle part is reported as
// one deletion and one insertion, which is a correct diff, just not the
// shortest, so that the time and memory of a diff stay bounded on huge inputs.
//
// Pure functions: no I/O.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace terms {

enum class DiffOp : unsigned char { equal, remove, insert };

// One line of an edit script: the op and the line's index in its text
// (the old text for equal and remove, the new text for insert).
struct DiffLine {
  DiffOp op;
  std::size_t index;
};

struct DiffOptions {
  unsigned context = 3;                   // unchanged lines shown around each change
  std::size_t max_edit_distance = 2000;   // beyond this, the middle is replaced wholesale
};

// The lines of a text: split after each '\n'; a last line without '\n' counts.
std::vector<std::string_view> split_lines(std::string_view text);

// The edit script turning `before` into `after` (lines as split_lines gives them).
std::vector<DiffLine> diff_lines(const std::vector<std::string_view>& before,
                                 const std::vector<std::string_view>& after,
                                 const DiffOptions& options = {});

// A unified diff (`--- before_label`, `+++ after_label`, `@@` hunks), or the
// empty string when the texts are equal. A last line without a newline is
// marked `\ No newline at end of file`, as diff(1) does.
std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_label, std::string_view after_label,
                         const DiffOptions& options = {});

}  // namespace terms
