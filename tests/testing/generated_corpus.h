// Test helper: corpora from tools/gen_corpus (real text with planted copies
// and known stories), as generated documents and as precis::Documents.
// Targets that include this link the generator with precis_link_gen_corpus()
// (tests/CMakeLists.txt) and define PRECIS_SOURCE_DIR and PRECIS_EVAL_DIR.
#ifndef PRECIS_TESTS_TESTING_GENERATED_CORPUS_H_
#define PRECIS_TESTS_TESTING_GENERATED_CORPUS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "precis/document.h"
#include "tools/gen_corpus/generator.h"
#include "tools/gen_corpus/to_document.h"

namespace precis::testing {

// Whether the labelled data of ../shared/eval is there (never in the
// repository). Without it the generator composes from the five seed reports
// alone: one topic, so tests that need many distinct stories skip.
inline bool EvalDataPresent() {
  return std::filesystem::exists(PRECIS_EVAL_DIR "/allsides-en.docs.jsonl");
}

// Generator options for the first `n` documents of the corpus of `seed`, from
// the repository's seed reports plus the eval data when `use_eval` and it is present.
inline gen::GenOptions CorpusOptions(size_t n, uint64_t seed, bool use_eval = true) {
  gen::GenOptions o;
  o.seed = seed;
  o.max_docs = n;
  o.seeds_dir = PRECIS_SOURCE_DIR "/corpora/seeds";
  o.eval_dir = PRECIS_EVAL_DIR;
  o.use_eval = use_eval;
  return o;
}

// Those documents, in generation order. Empty, with the generator's message
// in `error`, when it cannot start.
inline std::vector<gen::GeneratedDoc> GenerateCorpus(size_t n, uint64_t seed, std::string* error,
                                                     bool use_eval = true) {
  std::string notes;
  error->clear();
  auto generator = gen::Generator::Create(CorpusOptions(n, seed, use_eval), error, &notes);
  std::vector<gen::GeneratedDoc> docs;
  gen::GeneratedDoc d;
  while (generator && generator->Next(&d)) docs.push_back(d);
  return docs;
}

using gen::ToDocument;

inline std::vector<Document> ToDocuments(const std::vector<gen::GeneratedDoc>& generated) {
  std::vector<Document> out;
  out.reserve(generated.size());
  for (const gen::GeneratedDoc& g : generated) out.push_back(ToDocument(g));
  return out;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_TESTING_GENERATED_CORPUS_H_
