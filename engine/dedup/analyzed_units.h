// The bridge from the text stage: dedup units of an analysed document.
#ifndef PRECIS_ENGINE_DEDUP_ANALYZED_UNITS_H_
#define PRECIS_ENGINE_DEDUP_ANALYZED_UNITS_H_

#include "engine/dedup/deduplicator.h"
#include "engine/text/analyzer.h"

namespace precis::dedup {

// Units of the body tokens' normalised forms (boilerplate lines excluded by
// the analyser). A document with no body words falls back to its title, so a
// headline-only item is still compared; with neither it has no units and is
// never grouped. O(tokens).
DocumentUnits UnitsFromAnalyzed(const text::AnalyzedDocument& document,
                                const DedupOptions& options);

}  // namespace precis::dedup

#endif  // PRECIS_ENGINE_DEDUP_ANALYZED_UNITS_H_
