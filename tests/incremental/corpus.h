// The generated corpus the incremental tests and their writer process share.
#ifndef PRECIS_TESTS_INCREMENTAL_CORPUS_H_
#define PRECIS_TESTS_INCREMENTAL_CORPUS_H_

#include <algorithm>
#include <string>
#include <vector>

#include "precis/document.h"
#include "precis/options.h"
#include "tests/testing/generated_corpus.h"

namespace precis::testing {

// `n` generated reports in (date, id) order: the order a batch run with
// ClusterMethod::kStreaming processes them.
inline std::vector<Document> GeneratedStream(size_t n, uint64_t seed) {
  std::string error;
  std::vector<Document> docs = ToDocuments(GenerateCorpus(n, seed, &error));
  std::sort(docs.begin(), docs.end(), [](const Document& a, const Document& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  return docs;
}

// Options of the tests: the corpus-wide repeated-line rule off, since a
// stream has no corpus to count lines in (precis/ingest.h).
inline Options StreamOptions() {
  Options o;
  o.threads = 2;
  o.ingest.repeated_line_min_documents = 1 << 30;
  o.cluster.method = ClusterMethod::kStreaming;
  return o;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_INCREMENTAL_CORPUS_H_
