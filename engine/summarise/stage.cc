#include "engine/summarise/stage.h"

#include <algorithm>
#include <atomic>
#include <tuple>

#include "engine/summarise/summariser.h"

namespace precis::summarise {

void MakeSingleStory(Result* result) {
  Story story;
  Event event;
  for (uint32_t d = 0; d < result->documents.size(); ++d) {
    if (!result->documents[d].sentences.empty()) story.documents.push_back(d);
  }
  event.documents = story.documents;
  for (uint32_t g = 0; g < result->dedup.near_duplicate_groups.size(); ++g)
    event.near_duplicate_groups.push_back(g);
  story.events.push_back(std::move(event));
  result->stories.clear();
  if (!story.documents.empty()) result->stories.push_back(std::move(story));
}

namespace {

// The day "YYYY-MM-DD" of an ISO 8601 date, or "" ("2024-04-02T10:00:00Z"
// -> "2024-04-02").
std::string DayOfDate(const std::string& date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return "";
  return date.substr(0, 10);
}

}  // namespace

void DateEvents(const std::vector<DocumentResult>& documents, Story* story) {
  for (Event& e : story->events) {
    e.first_date.clear();
    e.last_date.clear();
    for (uint32_t d : e.documents) {
      const std::string day = d < documents.size() ? DayOfDate(documents[d].date) : "";
      if (day.empty()) continue;
      if (e.first_date.empty() || day < e.first_date) e.first_date = day;
      if (e.last_date.empty() || day > e.last_date) e.last_date = day;
    }
  }
}

bool IsTimeline(Story& story, const SummaryOptions& options) {
  if (!options.timeline || story.events.size() < 2) return false;
  const bool dated = std::any_of(story.events.begin(), story.events.end(),
                                 [](const Event& e) { return !e.first_date.empty(); });
  if (!dated) return false;
  // Date order; undated events last; ties by id, so the order is the same
  // for any thread count.
  std::stable_sort(story.events.begin(), story.events.end(), [](const Event& a, const Event& b) {
    return std::forward_as_tuple(a.first_date.empty(), a.first_date, a.last_date, a.id) <
           std::forward_as_tuple(b.first_date.empty(), b.first_date, b.last_date, b.id);
  });
  return true;
}

namespace {

// Copy group of each document: the smallest member of its near-duplicate (or
// exact) group, itself when in none.
std::vector<uint32_t> CopyGroups(const Result& result) {
  std::vector<uint32_t> group(result.documents.size());
  for (uint32_t d = 0; d < group.size(); ++d) group[d] = d;
  for (const auto* groups : {&result.dedup.exact_groups, &result.dedup.near_duplicate_groups}) {
    for (const DuplicateGroup& g : *groups) {
      if (g.members.empty()) continue;
      const uint32_t first = *std::min_element(g.members.begin(), g.members.end());
      for (uint32_t m : g.members) {
        if (m < group.size()) group[m] = std::min(group[m], first);
      }
    }
  }
  return group;
}

// The summaries of one story. Stories do not share documents: one thread
// alone touches the story's documents.
class StorySummariser {
 public:
  StorySummariser(const SummaryOptions& options, const TextLoader& load_text, Result* result,
                  Story* story)
      : options_(options), load_text_(load_text), result_(*result), story_(*story) {}

  // Reads the terms of the story's documents (in parallel); false when one
  // cannot be read.
  bool LoadTerms(const TermsLoader& terms, const std::vector<uint32_t>& group, Parallel& parallel) {
    terms_.resize(story_.documents.size());
    std::atomic<bool> read{true};
    parallel.For(story_.documents.size(), [&](size_t i) {
      if (!terms(story_.documents[i], &terms_[i])) read = false;
    });
    input_.resize(story_.documents.size());
    for (size_t i = 0; i < input_.size(); ++i) {
      const uint32_t d = story_.documents[i];
      input_[i] = {d, &result_.documents[d], &terms_[i], group[d]};
    }
    return read;
  }

  // The story's summary; for a timeline, the short lead, then each event's
  // own summary. Labels a story that has none by its central report.
  void Summarise() {
    DateEvents(result_.documents, &story_);
    story_.timeline = IsTimeline(story_, options_);
    SummaryOptions story_options = options_;
    if (story_.timeline) story_options.sentences = options_.timeline_lead_sentences;
    StorySummary summary = SummariseStory(input_, story_options);
    FillTexts(&summary.sentences);
    story_.summary = std::move(summary.sentences);
    if (story_.timeline) SummariseEvents();
    if (load_text_) {
      for (uint32_t d : story_.documents) result_.documents[d].text = SharedText();
    }
    if (story_.label.empty() && summary.central_document >= 0) {
      story_.label = result_.documents[story_.documents[summary.central_document]].title;
      for (Event& e : story_.events) {
        if (e.label.empty()) e.label = story_.label;
      }
    }
  }

 private:
  // Each event of a timeline is summarised from its own reports only,
  // leaving out the lead's sentences.
  void SummariseEvents() {
    ShownSentences lead;
    for (const SummarySentence& sentence : story_.summary) {
      lead.emplace_back(sentence.sources.front().doc, sentence.sources.front().begin);
    }
    SummaryOptions event_options = options_;
    event_options.sentences = options_.timeline_event_sentences;
    for (Event& event : story_.events) {
      std::vector<StoryDocument> own;
      for (const StoryDocument& doc : input_) {
        if (std::binary_search(event.documents.begin(), event.documents.end(), doc.index)) {
          own.push_back(doc);
        }
      }
      event.summary = SummariseStory(own, event_options, lead).sentences;
      FillTexts(&event.summary);
    }
  }

  // The summariser read the stored terms and verdicts, not the texts: only
  // the chosen sentences' reports are read back (with load_text), for their
  // words. At a million reports the texts of every report had been two
  // gigabytes read.
  void FillTexts(std::vector<SummarySentence>* sentences) {
    if (!load_text_) return;
    for (SummarySentence& sentence : *sentences) {
      const SourceSpan& span = sentence.sources.front();
      EnsureText(span.doc);
      const DocumentResult& r = result_.documents[span.doc];
      const auto at =
          std::lower_bound(r.sentences.begin(), r.sentences.end(), span.begin,
                           [](const Sentence& s, uint32_t begin) { return s.begin < begin; });
      if (at != r.sentences.end() && at->begin == span.begin) {
        sentence.text = r.SentenceText(static_cast<size_t>(at - r.sentences.begin()));
      }
    }
  }

  void EnsureText(uint32_t d) {
    DocumentResult& r = result_.documents[d];
    if (!load_text_ || !r.text.empty() || r.text_bytes == 0) return;
    std::string text;
    if (!load_text_(d, &text)) text.clear();
    r.text = SharedText(std::move(text));
  }

  const SummaryOptions& options_;
  const TextLoader& load_text_;
  Result& result_;
  Story& story_;
  std::vector<SentenceTerms> terms_;
  std::vector<StoryDocument> input_;
};

}  // namespace

Status SummariseStories(const SummaryOptions& options, Parallel& parallel, Result* result,
                        const TermsLoader& terms, const TextLoader& load_text) {
  const std::vector<uint32_t> group = CopyGroups(*result);
  std::atomic<bool> terms_read{true};
  parallel.For(result->stories.size(), [&](size_t s) {
    StorySummariser story(options, load_text, result, &result->stories[s]);
    if (!story.LoadTerms(terms, group, parallel)) {
      terms_read = false;
      return;
    }
    story.Summarise();
  });
  if (!terms_read) {
    return Status::IOError(
        "could not read the reports' summary terms back from their temporary file (in $TMPDIR, "
        "else /tmp); check that the disk is not full or failing");
  }
  return Status::OK();
}

}  // namespace precis::summarise
