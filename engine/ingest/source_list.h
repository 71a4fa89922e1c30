// Which files a set of paths names: folders walked recursively in sorted
// order, formats told by extension, problems found on the way (symlink loops,
// broken links, links leading outside the folder, unreadable folders) kept in
// order as entries to report.
#ifndef PRECIS_ENGINE_INGEST_SOURCE_LIST_H_
#define PRECIS_ENGINE_INGEST_SOURCE_LIST_H_

#include <string>
#include <string_view>
#include <vector>

#include "precis/status.h"

namespace precis::ingest {

enum class Format { kUnknown, kText, kHtml, kJsonLines };

// By extension, case-insensitive: .txt .md -> kText, .html .htm -> kHtml,
// .jsonl -> kJsonLines.
Format FormatOfPath(std::string_view path);

struct SourceEntry {
  // Path to open and to name in messages: the folder as given joined with the
  // path inside it, or a file path as given.
  std::string path;
  // Document id: the path relative to the folder given (generic '/'
  // separators), or for a file named directly, its path as given (lexically
  // normalised: "./a.txt" -> "a.txt").
  std::string id;
  Format format = Format::kUnknown;
  // Non-OK: report `path` with this status instead of reading it.
  Status problem;
};

// Expands `paths` in the order given; inside a folder, entries are sorted by
// relative path (bytewise). In folders, files with other extensions and names
// starting with '.' are ignored silently. A symbolic link met in a folder is
// followed only when its target (resolved) lies inside that folder, unless
// `follow_links`; one leading outside is an entry with a problem, not read.
// A link leading back into a folder being walked is a loop: an entry with a
// problem, not entered. A path named in `paths` is used as given, link or
// not. A file named directly with an unknown extension is an entry with a
// problem. Fails (NotFound / InvalidArgument) only when a named path does not
// exist or `paths` is empty.
StatusOr<std::vector<SourceEntry>> ListSources(const std::vector<std::string>& paths,
                                               bool follow_links);

}  // namespace precis::ingest

#endif  // PRECIS_ENGINE_INGEST_SOURCE_LIST_H_
