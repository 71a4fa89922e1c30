#include "engine/ingest/dates/publication_date.h"

#include <algorithm>
#include <cstdlib>

#include "engine/ingest/dates/calendar.h"
#include "engine/ingest/dates/cues.h"
#include "engine/ingest/dates/date_text.h"
#include "engine/ingest/dates/dateline.h"
#include "engine/ingest/dates/html_clues.h"
#include "engine/ingest/dates/json_ld.h"
#include "engine/ingest/dates/url_date.h"
#include "precis/env.h"

namespace precis::ingest::dates {
namespace {

// US English writes 02/15/2022.
bool MonthFirst(std::string_view lang) { return lang == "en-us" || lang == "en_us"; }

// The date of a short text (a byline, a <time>'s text): the first one a
// publication cue introduces, else the first without a cue, else the first
// an update cue introduces (*cue says which). Only days in `range` count.
std::optional<int32_t> CuedDate(std::string_view text, const ScanOptions& scan,
                                const DayRange& range, Cue* cue) {
  std::optional<int32_t> plain, modified, published;
  size_t previous_end = 0;
  ScanDates(text, scan, [&](const DateMention& m) {
    const auto day = ToDay(m);
    const Cue c = CueBefore(text.substr(previous_end, m.begin - previous_end));
    previous_end = m.end;
    if (!day || !range.Contains(*day)) return true;
    if (c == Cue::kPublished) {
      published = day;
      return false;
    }
    if (c == Cue::kModified) {
      if (!modified) modified = day;
    } else if (!plain) {
      plain = day;
    }
    return true;
  });
  if (published) {
    *cue = Cue::kPublished;
    return published;
  }
  if (plain) {
    *cue = Cue::kNone;
    return plain;
  }
  *cue = Cue::kModified;
  return modified;
}

class Decider {
 public:
  explicit Decider(const DateContext& context)
      : range_(NewsRange(context.today)), stated_(StatedRange(context.today)) {}

  bool Plausible(std::optional<int32_t> day) const { return day && range_.Contains(*day); }

  // A date metadata names as the publication date may be older than 1990
  // (an archive), but 1970-01-01 is a timestamp of 0, not a date.
  bool PlausibleStated(std::optional<int32_t> day) const {
    return day && *day != 0 && stated_.Contains(*day);
  }

  std::optional<FoundDate> Found(std::optional<int32_t> day, DateSource source) const {
    if (!Plausible(day)) return std::nullopt;
    return FoundDate{*day, source};
  }

  // The first plausible clue with one of `roles` (see PlausibleStated).
  const DatedClue* First(const std::vector<DatedClue>& clues,
                         std::initializer_list<DateRole> roles) const {
    for (const DatedClue& c : clues) {
      if (std::find(roles.begin(), roles.end(), c.role) == roles.end()) continue;
      if (c.role == DateRole::kPublished ? PlausibleStated(c.value.day) : Plausible(c.value.day)) {
        return &c;
      }
    }
    return nullptr;
  }

  const DayRange& range() const { return range_; }

 private:
  DayRange range_;
  DayRange stated_;
};

// A moment written in UTC ("2023-11-09T02:11:03Z") names the UTC day, which
// for a page published in the evening west of Greenwich (or after midnight
// east of it) is not the publisher's. When the page writes the same moment
// elsewhere with its local offset ("2023-11-08T21:11:03-05:00"), that
// day is the one its readers saw.
int32_t LocalDay(const DateValue& value, const std::vector<DateValue>& written) {
  if (!value.utc || !value.moment) return value.day;
  for (const DateValue& w : written) {
    if (!w.utc && w.moment && std::llabs(*w.moment - *value.moment) <= 60) return w.day;
  }
  return value.day;
}

// The machine value of the first <time datetime> outside comments that is
// not marked as an update.
std::optional<DateValue> FirstTimeValue(const HtmlClues& clues,
                                        const std::vector<std::optional<DateValue>>& values,
                                        const Decider& decide) {
  for (size_t i = 0; i < clues.markup.size(); ++i) {
    const MarkupClue& m = clues.markup[i];
    if (m.kind == MarkupClue::Kind::kTime && !m.in_comments && !m.modified && values[i] &&
        decide.Plausible(values[i]->day)) {
      return values[i];
    }
  }
  return std::nullopt;
}

}  // namespace

const char* DateSourceName(DateSource source) {
  switch (source) {
    case DateSource::kUrl:
      return "url";
    case DateSource::kHtmlMeta:
      return "html-meta";
    case DateSource::kJsonLd:
      return "json-ld";
    case DateSource::kTimeElement:
      return "time-element";
    case DateSource::kByline:
      return "byline";
    case DateSource::kDateline:
      return "dateline";
    case DateSource::kPageText:
      return "page-text";
  }
  return "unknown";
}

std::optional<FoundDate> PageDate(const GumboNode* root, std::string_view visible_text,
                                  const DateContext& context) {
  const Decider decide(context);
  const HtmlClues clues = CollectHtmlClues(root);
  const std::string_view url = !context.url.empty() ? context.url : clues.canonical_url;
  const UrlDate from_url = DateFromUrl(url);
  if (auto f = decide.Found(from_url.day, DateSource::kUrl)) return f;

  // Every moment the page writes, for LocalDay.
  std::vector<DateValue> written;
  std::optional<DatedClue> json_ld;
  {
    std::vector<DatedClue> all;
    for (const std::string& script : clues.json_ld) {
      auto clue = JsonLdDate(script, &all);
      if (!clue) continue;
      if (clue->role == DateRole::kPublished ? !decide.PlausibleStated(clue->value.day)
                                             : !decide.Plausible(clue->value.day)) {
        continue;
      }
      if (!json_ld || (json_ld->role != DateRole::kPublished && clue->role < json_ld->role)) {
        json_ld = clue;
      }
    }
    for (const DatedClue& c : all) written.push_back(c.value);
  }
  for (const DatedClue& c : clues.meta) written.push_back(c.value);
  for (const DatedClue& c : clues.microdata) written.push_back(c.value);
  std::vector<std::optional<DateValue>> markup_values(clues.markup.size());
  for (size_t i = 0; i < clues.markup.size(); ++i) {
    if (!clues.markup[i].value.empty()) {
      markup_values[i] = ParseDateValue(clues.markup[i].value);
      if (markup_values[i]) written.push_back(*markup_values[i]);
    }
  }
  auto from = [&](const DateValue& v, DateSource source) {
    return FoundDate{LocalDay(v, written), source};
  };

  // Metadata naming the publication, in document order. An undescribed
  // <meta name="date"> (pages use it for the publication, but also for the
  // last change or the day the page was served) counts too, unless the
  // page marks a date with <time datetime>, which is more specific.
  if (const DatedClue* c = decide.First(clues.meta, {DateRole::kPublished, DateRole::kOther})) {
    if (c->role == DateRole::kOther) {
      if (auto t = FirstTimeValue(clues, markup_values, decide)) {
        return FoundDate{LocalDay(*t, written), DateSource::kTimeElement};
      }
    }
    return from(c->value, DateSource::kHtmlMeta);
  }
  if (json_ld && json_ld->role == DateRole::kPublished)
    return from(json_ld->value, DateSource::kJsonLd);
  if (const DatedClue* c = decide.First(clues.microdata, {DateRole::kPublished})) {
    return from(c->value, DateSource::kHtmlMeta);
  }

  // Dates shown in the markup, in document order; neither readers'
  // comments nor dates marked as updates, which are kept as a last resort.
  const bool month_first = MonthFirst(clues.lang);
  ScanOptions scan;
  scan.month_first = month_first;
  // Two-digit years ("28.01.22") are common in bylines and datelines.
  ScanOptions short_scan = scan;
  short_scan.two_digit_years = true;
  std::optional<FoundDate> updated;
  for (size_t i = 0; i < clues.markup.size(); ++i) {
    const MarkupClue& m = clues.markup[i];
    if (m.in_comments) continue;
    std::optional<int32_t> day;
    Cue cue = Cue::kNone;
    if (markup_values[i] && decide.Plausible(markup_values[i]->day)) {
      day = LocalDay(*markup_values[i], written);
    } else {
      day = CuedDate(m.text, short_scan, decide.range(), &cue);
    }
    if (!day) continue;
    const FoundDate found{
        *day, m.kind == MarkupClue::Kind::kTime ? DateSource::kTimeElement : DateSource::kByline};
    if (m.modified || cue == Cue::kModified) {
      if (!updated) updated = found;
      continue;
    }
    return found;
  }

  if (const DatedClue* c = decide.First(clues.meta, {DateRole::kCreated})) {
    return from(c->value, DateSource::kHtmlMeta);
  }
  if (json_ld) return from(json_ld->value, DateSource::kJsonLd);
  if (const DatedClue* c = decide.First(clues.microdata, {DateRole::kCreated, DateRole::kOther})) {
    return from(c->value, DateSource::kHtmlMeta);
  }
  if (updated) return updated;
  if (const DatedClue* c = decide.First(clues.meta, {DateRole::kModified})) {
    return from(c->value, DateSource::kHtmlMeta);
  }

  DatelineOptions dateline;
  dateline.anchor_year = from_url.year;
  dateline.month_first = month_first;
  if (auto f = decide.Found(DatelineDay(visible_text, dateline), DateSource::kDateline)) return f;
  // The headline and what stands around it (a kicker, a byline).
  for (const std::string& text : clues.headlines) {
    Cue cue = Cue::kNone;
    if (auto day = CuedDate(text, short_scan, decide.range(), &cue)) {
      return FoundDate{*day, DateSource::kByline};
    }
  }
  if (auto f = decide.Found(DateFromUrl(clues.image_url).day, DateSource::kUrl)) return f;

  // Dates written in the page's text: the first a publication cue
  // introduces, else the first.
  Cue cue = Cue::kNone;
  if (auto day = CuedDate(visible_text, short_scan, decide.range(), &cue)) {
    return FoundDate{*day, DateSource::kPageText};
  }
  return std::nullopt;
}

std::optional<FoundDate> TextDate(std::string_view text, const DateContext& context) {
  const Decider decide(context);
  const UrlDate from_url = DateFromUrl(context.url);
  if (auto f = decide.Found(from_url.day, DateSource::kUrl)) return f;
  DatelineOptions dateline;
  dateline.anchor_year = from_url.year;
  return decide.Found(DatelineDay(text, dateline), DateSource::kDateline);
}

std::optional<int32_t> ReadingDay(const IngestOptions& options) {
  if (!options.find_dates) return std::nullopt;
  return DayOfUnixSeconds((options.env != nullptr ? options.env : Env::Default())->NowSeconds());
}

void SetFoundDate(const std::optional<FoundDate>& found, Document* doc) {
  if (!found || !doc->date.empty()) return;
  doc->date = FormatDay(found->day);
  doc->date_source = DateSourceName(found->source);
}

}  // namespace precis::ingest::dates
