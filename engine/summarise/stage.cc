#include "engine/summarise/stage.h"

#include <algorithm>
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

void SummariseStories(const std::vector<Document>& documents,
                      const ingest::BoilerplateFilter& filter, const text::Analyzer& analyzer,
                      const SummaryOptions& options, Parallel& parallel, Result* result,
                      const SpillStore* terms, const TextLoader& load_text) {
  // Copy group of each document: the smallest member of its near-duplicate
  // (or exact) group.
  std::vector<uint32_t> group(result->documents.size());
  for (uint32_t d = 0; d < group.size(); ++d) group[d] = d;
  for (const auto* groups : {&result->dedup.exact_groups, &result->dedup.near_duplicate_groups}) {
    for (const DuplicateGroup& g : *groups) {
      if (g.members.empty()) continue;
      const uint32_t first = *std::min_element(g.members.begin(), g.members.end());
      for (uint32_t m : g.members) {
        if (m < group.size()) group[m] = std::min(group[m], first);
      }
    }
  }
  parallel.For(result->stories.size(), [&](size_t s) {
    Story& story = result->stories[s];
    std::vector<SentenceTerms> story_terms(story.documents.size());
    // Stories do not share documents: one thread alone touches document d.
    auto ensure_text = [&](uint32_t d) {
      DocumentResult& r = result->documents[d];
      if (!load_text || !r.text.empty() || r.text_bytes == 0) return;
      std::string text;
      if (!load_text(d, &text)) text.clear();
      r.text = SharedText(std::move(text));
    };
    parallel.For(story.documents.size(), [&](size_t i) {
      const uint32_t d = story.documents[i];
      if (terms != nullptr) {
        std::vector<std::byte> record(terms->size(d));
        if (terms->Get(d, record.data()) && DecodeSentenceTerms(record, &story_terms[i])) return;
      }
      // No stored terms: analysed again, which needs the text (kept for the
      // candidate filter's checks, too).
      ensure_text(d);
      Document doc = documents[d];
      if (load_text) doc.text = result->documents[d].text.str();
      story_terms[i] = ExtractSentenceTerms(analyzer.Analyze(doc, filter.Clean(doc)));
      AddVerdicts(result->documents[d], options, &story_terms[i]);
    });
    std::vector<StoryDocument> input(story.documents.size());
    for (size_t i = 0; i < input.size(); ++i) {
      const uint32_t d = story.documents[i];
      input[i] = {d, &result->documents[d], &story_terms[i], group[d]};
    }
    // The summariser read the stored terms and verdicts, not the texts
    // (those of reports without stored terms aside): only the chosen
    // sentences' reports are read back, for their words. At a million
    // reports the texts of every report had been two gigabytes read.
    auto fill_texts = [&](std::vector<SummarySentence>* sentences) {
      if (!load_text) return;
      for (SummarySentence& sentence : *sentences) {
        const SourceSpan& span = sentence.sources.front();
        ensure_text(span.doc);
        const DocumentResult& r = result->documents[span.doc];
        const auto at =
            std::lower_bound(r.sentences.begin(), r.sentences.end(), span.begin,
                             [](const Sentence& s, uint32_t begin) { return s.begin < begin; });
        if (at != r.sentences.end() && at->begin == span.begin) {
          sentence.text = r.SentenceText(static_cast<size_t>(at - r.sentences.begin()));
        }
      }
    };
    DateEvents(result->documents, &story);
    story.timeline = IsTimeline(story, options);
    SummaryOptions story_options = options;
    if (story.timeline) story_options.sentences = options.timeline_lead_sentences;
    StorySummary summary = SummariseStory(input, story_options);
    fill_texts(&summary.sentences);
    story.summary = std::move(summary.sentences);
    if (story.timeline) {
      // Each event is summarised from its own reports only, leaving out the
      // lead's sentences.
      ShownSentences lead;
      for (const SummarySentence& sentence : story.summary) {
        lead.emplace_back(sentence.sources.front().doc, sentence.sources.front().begin);
      }
      SummaryOptions event_options = options;
      event_options.sentences = options.timeline_event_sentences;
      for (Event& event : story.events) {
        std::vector<StoryDocument> own;
        for (const StoryDocument& doc : input) {
          if (std::binary_search(event.documents.begin(), event.documents.end(), doc.index)) {
            own.push_back(doc);
          }
        }
        event.summary = SummariseStory(own, event_options, lead).sentences;
        fill_texts(&event.summary);
      }
    }
    if (load_text) {
      for (uint32_t d : story.documents) result->documents[d].text = SharedText();
    }
    if (story.label.empty() && summary.central_document >= 0) {
      story.label = result->documents[story.documents[summary.central_document]].title;
      for (Event& e : story.events) {
        if (e.label.empty()) e.label = story.label;
      }
    }
  });
}

}  // namespace precis::summarise
