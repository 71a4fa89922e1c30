// The inverted-index rules both candidate searches share: the batch search
// over units (candidates.h) and the streaming search over event and story
// centroids (streaming.h).
//
//  - A unit (or centroid) is posted under its `index_terms` strongest terms,
//    and a query looks up its own `index_terms` strongest: highest weight
//    first, ties to the smaller key (KeepStrongest).
//  - The query's lists are read rarest first, shortest list first, ties to the
//    smaller term key; each at most `max_postings` entries, and
//    `posting_budget` entries in all (SortRarestFirst, ReadWithinBudget).
//
// Why rarest first: while the lists are short, every list is read whole and
// the order changes nothing. In a corpus large enough for them to fill, a
// rare term's list holds the units likeliest to tell the same story, and the
// top of a common term's list only the units that stress that term; so the
// budget is spent on the first, and the second are the ones cut short.
//
// Header-only templates over the callers' own list records; each is
// deterministic (a total order) and O(n log n) in the items sorted.
#ifndef PRECIS_ENGINE_CLUSTER_POSTING_SEARCH_H_
#define PRECIS_ENGINE_CLUSTER_POSTING_SEARCH_H_

#include <algorithm>
#include <cstddef>
#include <vector>

namespace precis::cluster {

// Keeps the min(k, size) strongest of `items`, strongest first: weight(item)
// descending, ties to the smaller key(item).
template <typename T, typename Weight, typename Key>
void KeepStrongest(std::vector<T>& items, size_t k, Weight weight, Key key) {
  auto stronger = [&](const T& a, const T& b) {
    const auto wa = weight(a), wb = weight(b);
    return wa != wb ? wa > wb : key(a) < key(b);
  };
  if (items.size() > k) {
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k), items.end(),
                      stronger);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k), items.end());
  } else {
    std::sort(items.begin(), items.end(), stronger);
  }
}

// Orders a query's posting lists rarest first: length(list) ascending, ties
// to the smaller term(list) (term keys are distinct within a query).
template <typename List, typename Length, typename Term>
void SortRarestFirst(std::vector<List>& lists, Length length, Term term) {
  std::sort(lists.begin(), lists.end(), [&](const List& x, const List& y) {
    const size_t lx = length(x), ly = length(y);
    return lx != ly ? lx < ly : term(x) < term(y);
  });
}

// Calls read(list, count) for the lists in order, count being how many of
// its first entries the list may give: at most max_postings, and `budget`
// in all; stops once the budget is spent.
template <typename List, typename Length, typename Read>
void ReadWithinBudget(const std::vector<List>& lists, Length length, size_t max_postings,
                      size_t budget, Read read) {
  size_t left = budget;
  for (const List& list : lists) {
    const size_t count = std::min({length(list), max_postings, left});
    left -= count;
    read(list, count);
    if (left == 0) break;
  }
}

}  // namespace precis::cluster

#endif  // PRECIS_ENGINE_CLUSTER_POSTING_SEARCH_H_
