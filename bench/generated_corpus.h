// The generated corpus the benchmarks run on: tools/gen_corpus with seed 1,
// from the repository's seeds and ../shared/eval when present, as many
// reports as the benchmark asks for unless PRECIS_BENCH_DOCS=N says otherwise.
#ifndef PRECIS_BENCH_GENERATED_CORPUS_H_
#define PRECIS_BENCH_GENERATED_CORPUS_H_

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "tools/gen_corpus/generator.h"
#include "tools/gen_corpus/to_document.h"

namespace precis::bench {

// Null with *error set when the generator cannot start (no seed reports).
inline std::unique_ptr<gen::Generator> BenchGenerator(uint64_t default_docs, std::string* error) {
  gen::GenOptions o;
  o.seed = 1;
  const char* n = std::getenv("PRECIS_BENCH_DOCS");
  o.max_docs = n != nullptr ? std::strtoull(n, nullptr, 10) : default_docs;
  o.seeds_dir = PRECIS_SOURCE_DIR "/corpora/seeds";
  o.eval_dir = PRECIS_EVAL_DIR;
  std::string notes;
  return gen::Generator::Create(o, error, &notes);
}

}  // namespace precis::bench

#endif  // PRECIS_BENCH_GENERATED_CORPUS_H_
