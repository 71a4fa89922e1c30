// A folder of good and bad inputs, built in a temporary directory, with what
// reading it must report. Shared by the reader tests and the CLI tests.
#ifndef PRECIS_TESTS_INGEST_BAD_CORPUS_H_
#define PRECIS_TESTS_INGEST_BAD_CORPUS_H_

#include <map>
#include <string>
#include <vector>

#include "tests/testing/run_command.h"

namespace precis::testing {

struct BadCorpus {
  TempDir dir;
  // Document ids that must come out, in delivery order.
  std::vector<std::string> good_ids;
  // Where (path, or path:LINE) -> a phrase its reason must contain.
  std::map<std::string, std::string> problems;
};

// Builds the corpus: text, Markdown, HTML, JSON Lines and Latin-1 files that
// read fine, and an empty file, a binary file, NUL bytes, a symlink loop, a
// self-referencing link, a broken link, a pipe, malformed JSON lines, records
// without id or text, files of unknown type (ignored), a hidden file (ignored)
// and a folder named like a file.
void BuildBadCorpus(BadCorpus* corpus);

}  // namespace precis::testing

#endif  // PRECIS_TESTS_INGEST_BAD_CORPUS_H_
