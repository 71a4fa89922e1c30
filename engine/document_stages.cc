#include "engine/document_stages.h"

#include <utility>

#include "engine/dedup/analyzed_units.h"
#include "engine/dedup/shingle.h"

namespace precis {

text::AnalyzedDocument DocumentStages::Analyse(const Document& doc, bool words_only) const {
  return words_only ? analyzer_.AnalyzeWords(doc, filter_.Clean(doc))
                    : analyzer_.Analyze(doc, filter_.Clean(doc));
}

DocumentOutputs DocumentStages::Run(const Document& doc, const DocumentWork& work,
                                    DocumentResult* result) const {
  DocumentOutputs out;
  text::AnalyzedDocument analyzed = Analyse(doc, work.words_only);
  if (work.dedup || work.shingle_set) {
    out.dedup = dedup::UnitsFromAnalyzed(analyzed, options_.dedup);
  }
  if (work.shingle_set) {
    out.shingle_set = dedup::ShingleSet(out.dedup.units, dedup::UnitShingleSize(options_.dedup));
  }
  if (work.cluster) out.cluster = cluster::ExtractFeatures(doc, analyzed, options_.cluster);
  if (work.summary) out.summary = summarise::ExtractSentenceTerms(analyzed);
  out.title = std::move(analyzed.title);
  out.lang = std::move(analyzed.lang);
  out.words = static_cast<uint32_t>(analyzed.tokens.size());
  if (result != nullptr) {
    result->sentences = std::move(analyzed.sentences);
    // The verdicts read the text while it is in cache.
    if (work.summary) summarise::AddVerdicts(*result, options_.summary, &out.summary);
  }
  return out;
}

cluster::TermBag DocumentStages::Bag(const Document& doc) const {
  return cluster::ExtractBag(doc.text, Analyse(doc), options_.cluster);
}

}  // namespace precis
