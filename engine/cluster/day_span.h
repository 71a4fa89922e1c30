// The days a cluster covers, and the date rules both clustering methods
// apply: an event never spans more than ClusterOptions::event_max_days
// (average linkage refuses the merge, streaming the join), within that span
// a pair's similarity counts less as evidence of one event the further
// apart the two are (EventDayWeight), an average-linkage story asks more of
// pairs further apart than story_window_days (StoryDayWeight), and a
// streaming story stops attracting reports more than story_window_days
// outside it. Undated reports
// (DocFeatures::kNoDay) never widen a span and pass every rule.
// Header-only; O(1) each.
#ifndef PRECIS_ENGINE_CLUSTER_DAY_SPAN_H_
#define PRECIS_ENGINE_CLUSTER_DAY_SPAN_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/cluster/features.h"

namespace precis::cluster {

struct DaySpan {
  int32_t first = DocFeatures::kNoDay;  // kNoDay (with last) while no member is dated
  int32_t last = DocFeatures::kNoDay;

  static DaySpan Of(int32_t day) { return {day, day}; }
  bool dated() const { return first != DocFeatures::kNoDay; }
  void Absorb(const DaySpan& other) {
    if (!other.dated()) return;
    if (!dated()) {
      *this = other;
      return;
    }
    first = std::min(first, other.first);
    last = std::max(last, other.last);
  }
  void Add(int32_t day) { Absorb(Of(day)); }
};

// Whether x and y together span at most `max_days` days (last - first);
// true when max_days <= 0 (dates ignored) or either is undated.
inline bool WithinDays(const DaySpan& x, const DaySpan& y, int max_days) {
  if (max_days <= 0 || !x.dated() || !y.dated()) return true;
  return static_cast<int64_t>(std::max(x.last, y.last)) - std::min(x.first, y.first) <= max_days;
}

// Whether `day` lies within `window` days of the span; true when window <= 0,
// the day is unknown or the span undated.
inline bool WithinWindow(const DaySpan& span, int32_t day, int window) {
  if (window <= 0 || day == DocFeatures::kNoDay || !span.dated()) return true;
  return static_cast<int64_t>(day) >= static_cast<int64_t>(span.first) - window &&
         static_cast<int64_t>(day) <= static_cast<int64_t>(span.last) + window;
}

// Days between two reports; negative when either is undated.
inline double DaysApart(int32_t a, int32_t b) {
  if (a == DocFeatures::kNoDay || b == DocFeatures::kNoDay) return -1.0;
  return std::abs(static_cast<double>(a) - static_cast<double>(b));
}

// The weight of two reports' similarity as evidence that they tell one
// event (ClusterOptions::event_day_fade): 1 on the same day, falling
// linearly to 0 just beyond `max_days`: (1 - gap / (max_days + 1)). Why:
// reports of one event mostly appear within a day or two of it, while the
// next event of the same story (the arrest, then the charge) shares their
// words and comes days later; a hard limit alone treats a neighbour three
// days away as one of the same afternoon. 1 when max_days <= 0 or either day
// is unknown.
inline double EventDayWeight(int32_t a, int32_t b, int max_days) {
  const double gap = DaysApart(a, b);
  if (max_days <= 0 || gap < 0) return 1.0;
  return std::max(0.0, 1.0 - gap / (max_days + 1.0));
}

// The weight of two reports' similarity as evidence that they tell one
// story (ClusterOptions::story_window_days): 1 within `window` days, then
// window / gap: a thread that went quiet for two windows needs twice the
// similarity to take a report up again. A story may span months (a trial, a
// war), so the evidence fades but never vanishes. 1 when window <= 0 or
// either day is unknown.
inline double StoryDayWeight(int32_t a, int32_t b, int window) {
  const double gap = DaysApart(a, b);
  if (window <= 0 || gap <= window) return 1.0;  // an undated pair's gap is negative
  return window / gap;
}

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_DAY_SPAN_H_
