// The summarise stage as the engine runs it: after clustering, each story is
// summarised from its reports' SentenceTerms (extracted by the engine's
// analysis pass, or, when not given, by analysing the story's reports again,
// as the incremental engine does); stories run in parallel, each writing only
// its own Story::summary, so the result does not depend on the thread count.
#ifndef PRECIS_ENGINE_SUMMARISE_STAGE_H_
#define PRECIS_ENGINE_SUMMARISE_STAGE_H_

#include <functional>
#include <string>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/common/spill_store.h"
#include "engine/ingest/boilerplate.h"
#include "engine/summarise/sentence_terms.h"
#include "engine/text/analyzer.h"
#include "precis/document.h"
#include "precis/options.h"
#include "precis/result.h"

namespace precis::summarise {

// Replaces result->stories by one story holding every document with at least
// one sentence, and one event with all of them and every near-duplicate group
// (SummaryOptions::single_story). Its label is set by SummariseStories.
void MakeSingleStory(Result* result);

// Sets each event's first_date and last_date: the days of its earliest and
// latest dated report (both empty when none is dated).
void DateEvents(const std::vector<DocumentResult>& documents, Story* story);

// Whether `story` is laid out as a timeline (SummaryOptions::timeline: at
// least two events, one of them dated); if so, sorts its events by date
// (undated last, ties by id). REQUIRES: DateEvents ran on it.
bool IsTimeline(Story& story, const SummaryOptions& options);

// Reads document d's text into *text; false when it cannot be read.
using TextLoader = std::function<bool(uint32_t d, std::string* text)>;

// Fills Story::summary of every story of `result` (and the label of a story
// that has none), each event's dates, and for a timeline (IsTimeline) each
// event's own summary, Story::summary then being the short lead. `documents` are the inputs in
// Result::documents order; `terms`, when not null, holds the SentenceTerms of each in that order
// (as EncodeSentenceTerms records). A document without them (no `terms`, or its record cannot be
// read back) is analysed again with `filter` and `analyzer`. With `load_text`, the texts are not in
// `documents` or `result`: each story's are loaded into Result::documents[d].text while it is
// summarised and dropped after.
void SummariseStories(const std::vector<Document>& documents,
                      const ingest::BoilerplateFilter& filter, const text::Analyzer& analyzer,
                      const SummaryOptions& options, Parallel& parallel, Result* result,
                      const SpillStore* terms = nullptr, const TextLoader& load_text = {});

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_STAGE_H_
