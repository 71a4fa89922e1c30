// The per-document part of every stage, in one place: the batch engine
// (engine.cc) runs it on each document of a corpus, the incremental engine
// (engine/incremental/) on each report as it arrives and again on the
// reports of a snapshot, so both engines analyse a report the same way and
// hand the same things to dedup, clustering and summarising.
//
// A document is cleaned of boilerplate lines (the filter's statistics: the
// corpus's in a batch, none in the incremental engine) and analysed once;
// from that analysis come the dedup units (and, for the incremental index,
// the exact shingle set), the cluster features, and the summariser's sentence
// terms with the candidate filter's verdicts.
//
// Thread-safe: const, no shared mutable state; the analyzer and filter are
// borrowed and must outlive this object. Each call is O(document length).
#ifndef PRECIS_ENGINE_DOCUMENT_STAGES_H_
#define PRECIS_ENGINE_DOCUMENT_STAGES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/cluster/features.h"
#include "engine/dedup/deduplicator.h"
#include "engine/ingest/boilerplate.h"
#include "engine/summarise/sentence_terms.h"
#include "engine/text/analyzer.h"
#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis {

// Which outputs a caller wants of a document.
struct DocumentWork {
  // Words only (Analyzer::AnalyzeWords): no sentences, stems or flags; for
  // dedup alone, about twice as fast.
  bool words_only = false;
  bool dedup = false;        // DocumentOutputs::dedup
  bool shingle_set = false;  // DocumentOutputs::shingle_set (implies dedup)
  bool cluster = false;      // DocumentOutputs::cluster
  bool summary = false;      // DocumentOutputs::summary; needs a DocumentResult
};

struct DocumentOutputs {
  std::string title;  // as the analysis reads them
  std::string lang;
  uint32_t words = 0;  // body word tokens
  dedup::DocumentUnits dedup;
  // The exact shingle set of the dedup units (sorted, distinct).
  std::vector<uint64_t> shingle_set;
  cluster::DocFeatures cluster;
  // With the candidate filter's verdicts (summarise::AddVerdicts).
  summarise::SentenceTerms summary;
};

class DocumentStages {
 public:
  DocumentStages(const Options& options, const text::Analyzer& analyzer,
                 const ingest::BoilerplateFilter& filter)
      : options_(options), analyzer_(analyzer), filter_(filter) {}

  // The analysis of `doc` with its boilerplate lines left out.
  text::AnalyzedDocument Analyse(const Document& doc, bool words_only = false) const;

  // Analyses `doc` and runs the per-document part of the stages `work` asks
  // for. With `result` (not null), result->sentences receives the analysis's
  // sentences; work.summary needs it, with result->text holding doc.text (the
  // verdicts read the sentences' text).
  DocumentOutputs Run(const Document& doc, const DocumentWork& work,
                      DocumentResult* result = nullptr) const;

  // The weighted term and entity bags of `doc` (with entity display names),
  // for IDF models and explanations.
  cluster::TermBag Bag(const Document& doc) const;

 private:
  const Options& options_;
  const text::Analyzer& analyzer_;
  const ingest::BoilerplateFilter& filter_;
};

}  // namespace precis

#endif  // PRECIS_ENGINE_DOCUMENT_STAGES_H_
