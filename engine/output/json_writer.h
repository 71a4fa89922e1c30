// Writing large JSON documents piece by piece: each element of a top-level
// array is a small tree, dumped and indented to its depth, with the same
// bytes as the whole document dumped at once by nlohmann (indent 2). At a
// million reports one tree of the digest meant 740 MB of text plus a node
// per value, built, dumped and freed on one thread.
#ifndef PRECIS_ENGINE_OUTPUT_JSON_WRITER_H_
#define PRECIS_ENGINE_OUTPUT_JSON_WRITER_H_

#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "engine/common/parallel.h"

namespace precis::output {

using Json = nlohmann::ordered_json;

// Writes `value` dumped with indent 2, each line after the first preceded by
// `pad`. Pretty-printed JSON has raw line breaks only between its tokens
// (strings escape theirs), so indenting after each break is exact.
inline void WriteIndented(std::ostream& out, const Json& value, std::string_view pad) {
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  size_t start = 0;
  for (size_t line_end; (line_end = text.find('\n', start)) != std::string::npos;
       start = line_end + 1) {
    out.write(text.data() + start, static_cast<std::streamsize>(line_end + 1 - start));
    out << pad;
  }
  out.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
}

// `"name": [` elements `]` as a member of the top-level object, element i
// being to_json(items[i]). Elements are rendered to text in batches on
// `threads` workers (0 = all cores) and written in order, so the bytes are
// those of one thread: at a million reports, rendering one element after
// another on one thread was 15 of the digest's 165 seconds.
template <typename Items, typename ToJson>
void WriteArrayMember(std::ostream& out, std::string_view name, const Items& items, ToJson to_json,
                      int threads) {
  constexpr size_t kBatch = 1024;
  out << "  \"" << name << "\": ";
  const size_t n = std::size(items);
  if (n == 0) {
    out << "[]";
    return;
  }
  Parallel parallel(threads);
  size_t next = 0;
  parallel.Run([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(2 * parallel.threads()),
        tbb::make_filter<void, size_t>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& control) -> size_t {
                                         if (next >= n) {
                                           control.stop();
                                           return 0;
                                         }
                                         const size_t first = next;
                                         next = std::min(n, next + kBatch);
                                         return first;
                                       }) &
            tbb::make_filter<size_t, std::string>(
                tbb::filter_mode::parallel,
                [&](size_t first) {
                  std::ostringstream text;
                  for (size_t i = first; i < std::min(n, first + kBatch); ++i) {
                    text << (i == 0 ? "[\n    " : ",\n    ");
                    WriteIndented(text, to_json(items[i]), "    ");
                  }
                  return std::move(text).str();
                }) &
            tbb::make_filter<std::string, void>(
                tbb::filter_mode::serial_in_order, [&](const std::string& text) {
                  out.write(text.data(), static_cast<std::streamsize>(text.size()));
                }));
  });
  out << "\n  ]";
}

}  // namespace precis::output

#endif  // PRECIS_ENGINE_OUTPUT_JSON_WRITER_H_
