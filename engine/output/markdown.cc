// Markdown digest: what a journalist sees first. One section per story: the
// headline, a line of facts, the summary as bullets each ending with the
// numbers of the reports that carry it, then the numbered reports (copies
// marked, events named when a story has several). A timeline story
// (Story::timeline) gives a short lead, then its events in date order, each
// with its days, its own sentences and its reports.
#include <ostream>

#include "engine/output/check_result.h"
#include "engine/output/story_view.h"
#include "precis/digest.h"

namespace precis {
namespace {

// Markdown-significant characters at the start of a line or inside text that
// would change its rendering.
std::string Inline(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' ||
        c == '#' || c == '|' || c == '\\')
      out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string Plural(size_t n, const char* word) {
  const std::string w = word;
  if (n == 1) return "1 " + w;
  return std::to_string(n) + " " + (w.ends_with("y") ? w.substr(0, w.size() - 1) + "ies" : w + "s");
}

std::string DateRange(const output::StoryView& v) {
  if (v.first_date.empty()) return "";
  return v.first_date == v.last_date ? v.first_date : v.first_date + " to " + v.last_date;
}

// "2022-02-15", "2022-03-18 to 2022-03-20" or "Undated".
std::string EventDates(const Event& e) {
  if (e.first_date.empty()) return "Undated";
  return e.first_date == e.last_date ? e.first_date : e.first_date + " to " + e.last_date;
}

// One bullet per sentence, ending with the numbers of the reports carrying it.
void WriteSentences(const output::StoryView& v, const std::vector<SummarySentence>& sentences,
                    std::ostream& out) {
  for (const SummarySentence& s : sentences) {
    out << "- " << Inline(s.text) << " [";
    for (size_t i = 0; i < s.sources.size(); ++i) {
      auto it = v.number.find(s.sources[i].doc);
      if (it != v.number.end()) out << (i ? ", " : "") << it->second;
    }
    out << "]\n";
  }
}

void WriteReport(const Result& result, const output::StoryView& v, uint32_t d, std::ostream& out) {
  const DocumentResult& doc = result.documents[d];
  out << v.number.at(d) << ". ";
  out << (doc.title.empty() ? "*(untitled)*" : "**" + Inline(doc.title) + "**");
  out << " — `" << doc.id << "`";
  if (!doc.date.empty()) out << ", " << output::DayOf(doc.date);
  if (!doc.url.empty()) out << ", <" << doc.url << ">";
  if (auto it = v.group_of.find(d); it != v.group_of.end()) {
    const DuplicateGroup& g = result.dedup.near_duplicate_groups[it->second];
    if (g.canonical != d && v.number.count(g.canonical)) {
      out << " — near-copy of " << v.number.at(g.canonical);
      char pct[16];
      std::snprintf(pct, sizeof pct, " (%.0f%%)", 100 * output::MemberSimilarity(g, d));
      out << pct;
    }
  }
  out << "\n";
}

}  // namespace

Status WriteMarkdown(const Result& result, const DigestOptions& options, std::ostream& out) {
  if (options.min_sources < 1) return Status::InvalidArgument("min_sources must be >= 1");
  if (Status s = output::CheckResult(result); !s.ok()) return s;
  const std::vector<output::StoryView> views = output::VisibleStories(result, options);
  out << "# " << Inline(options.title) << "\n\n";
  out << Plural(result.documents.size(), "report") << ", "
      << Plural(result.stories.size(), "story");
  if (views.size() != result.stories.size()) out << " (" << views.size() << " shown)";
  out << ".\n";
  int index = 0;
  for (const output::StoryView& v : views) {
    const Story& story = *v.story;
    out << "\n## " << ++index << ". "
        << Inline(story.label.empty() ? "Untitled story" : story.label) << "\n\n";
    out << "*" << Plural(v.reports, "report");
    if (story.events.size() > 1) out << " · " << Plural(story.events.size(), "event");
    if (const std::string dates = DateRange(v); !dates.empty()) out << " · " << dates;
    if (!story.entities.empty()) {
      out << " · ";
      for (size_t i = 0; i < story.entities.size() && i < 5; ++i)
        out << (i ? ", " : "") << Inline(story.entities[i]);
    }
    out << "*\n\n";
    WriteSentences(v, story.summary, out);
    if (story.summary.empty()) out << "*No sentence of these reports stands alone as a summary.*\n";
    if (story.timeline) {
      // Its events in date order, each with its days, its own sentences and
      // its reports.
      out << "\n### Timeline\n";
      for (const Event& e : story.events) {
        out << "\n**" << EventDates(e) << "**";
        if (!e.label.empty()) out << " · " << Inline(e.label);
        out << " · " << Plural(e.documents.size(), "report") << "\n\n";
        WriteSentences(v, e.summary, out);
        if (!e.summary.empty()) out << "\n";
        for (uint32_t d : e.documents) WriteReport(result, v, d, out);
      }
    } else if (story.events.size() > 1) {
      out << "\nReports, by event:\n";
      int event_number = 0;
      for (const Event& e : story.events) {
        out << "\n*Event " << ++event_number;
        const bool own_title =
            e.documents.size() == 1 && result.documents[e.documents[0]].title == e.label;
        if (!e.label.empty() && !own_title) out << ": " << Inline(e.label);
        out << "*\n\n";
        for (uint32_t d : e.documents) WriteReport(result, v, d, out);
      }
    } else {
      out << "\nReports:\n\n";
      for (uint32_t d : story.documents) WriteReport(result, v, d, out);
    }
  }
  out.flush();
  if (!out) return Status::IOError("writing the Markdown digest failed");
  return Status::OK();
}

}  // namespace precis
