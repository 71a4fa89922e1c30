// The summarise stage as the engine runs it: after clustering, each story's
// reports are analysed again (analyses are not kept after the analysis stage,
// to bound memory) and summarised; stories run in parallel, each writing only
// its own Story::summary, so the result does not depend on the thread count.
#ifndef PRECIS_ENGINE_SUMMARISE_STAGE_H_
#define PRECIS_ENGINE_SUMMARISE_STAGE_H_

#include <vector>

#include "engine/common/parallel.h"
#include "engine/ingest/boilerplate.h"
#include "engine/text/analyzer.h"
#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis::summarise {

// Replaces result->stories by one story holding every document with at least
// one sentence, and one event with all of them and every near-duplicate group
// (SummaryOptions::single_story). Its label is set by SummariseStories.
void MakeSingleStory(Result* result);

// Fills Story::summary of every story of `result` (and the label of a story
// that has none). `documents` are the inputs in Result::documents order.
void SummariseStories(const std::vector<Document>& documents,
                      const ingest::BoilerplateFilter& filter, const text::Analyzer& analyzer,
                      const SummaryOptions& options, Parallel& parallel, Result* result);

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_STAGE_H_
