// The summarise stage as both engines run it: after clustering, each story is
// summarised from its reports' SentenceTerms (extracted by the per-document
// stages, engine/document_stages.h, when the reports were analysed); stories
// run in parallel, each writing only its own Story::summary, so the result
// does not depend on the thread count.
#ifndef PRECIS_ENGINE_SUMMARISE_STAGE_H_
#define PRECIS_ENGINE_SUMMARISE_STAGE_H_

#include <functional>
#include <string>
#include <vector>

#include "engine/common/parallel.h"
#include "engine/summarise/sentence_terms.h"
#include "precis/options.h"
#include "precis/result.h"
#include "precis/status.h"

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
// Reads document d's SentenceTerms (with their verdicts, as
// DocumentStages::Run gives them) into *terms; false when it cannot.
using TermsLoader = std::function<bool(uint32_t d, SentenceTerms* terms)>;

// Fills Story::summary of every story of `result` (and the label of a story
// that has none), each event's dates, and for a timeline (IsTimeline) each
// event's own summary, Story::summary then being the short lead. Each
// story's documents' terms come from `terms` (called from several threads at
// once); with `load_text`, the texts are not in `result`: each story's are
// loaded into Result::documents[d].text while it is summarised and dropped
// after. Fails (IOError) only when a document's terms cannot be read back.
Status SummariseStories(const SummaryOptions& options, Parallel& parallel, Result* result,
                        const TermsLoader& terms, const TextLoader& load_text = {});

}  // namespace precis::summarise

#endif  // PRECIS_ENGINE_SUMMARISE_STAGE_H_
