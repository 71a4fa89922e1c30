#include "engine/dedup/analyzed_units.h"

namespace precis::dedup {

DocumentUnits UnitsFromAnalyzed(const text::AnalyzedDocument& document,
                                const DedupOptions& options) {
  const std::vector<text::Token>& tokens =
      document.tokens.empty() ? document.title_tokens : document.tokens;
  std::vector<std::string_view> norms;
  norms.reserve(tokens.size());
  for (const text::Token& t : tokens) norms.push_back(document.norm(t));
  return UnitsFromNorms(norms, options);
}

}  // namespace precis::dedup
