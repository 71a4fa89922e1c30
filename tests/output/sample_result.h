// A hand-built Result for the writer tests: three reports, one near-copy,
// two stories (one a single report), text that needs escaping.
#ifndef PRECIS_TESTS_OUTPUT_SAMPLE_RESULT_H_
#define PRECIS_TESTS_OUTPUT_SAMPLE_RESULT_H_

#include "precis/result.h"

namespace precis::testing {

inline Result SampleResult() {
  Result r;
  r.fingerprint = "0123456789abcdef";
  auto doc = [&](std::string id, std::string title, std::string text, std::string url) {
    DocumentResult d;
    d.id = std::move(id);
    d.title = std::move(title);
    d.lang = "fr";
    d.date = "2024-04-02";
    d.url = std::move(url);
    d.text = std::move(text);
    d.sentences.push_back({0, static_cast<uint32_t>(d.text.size()), 0, d.text.size()});
    d.words = 8;
    r.documents.push_back(std::move(d));
  };
  doc("a.txt", "Macron & Blinken <à Paris>",
      "Blinken a rencontré Macron à Paris mardi, dit \"Price\".", "https://example.org/a?x=1&y=2");
  doc("b.txt", "Macron et Blinken", "Blinken a rencontré Macron à Paris mardi.", "");
  doc("c.txt", "Autre sujet", "Un <script>alert('x')</script> sujet sans rapport.", "");
  DuplicateGroup g;
  g.canonical = 0;
  g.members = {0, 1};
  g.pairs.push_back({0, 1, 0.9, 0.85, 0.95});
  r.dedup.near_duplicate_groups.push_back(g);

  Story s1;
  s1.id = 0;
  s1.label = "Macron & Blinken <à Paris>";
  s1.entities = {"Blinken", "Macron"};
  s1.documents = {0, 1};
  Event e1;
  e1.id = 0;
  e1.label = s1.label;
  e1.documents = {0, 1};
  e1.near_duplicate_groups = {0};
  s1.events.push_back(e1);
  SummarySentence sum;
  sum.text = r.documents[0].SentenceText(0);
  sum.sources.push_back({0, 0, static_cast<uint32_t>(r.documents[0].text.size()), 0,
                         r.documents[0].text.size(), 1.0});
  sum.sources.push_back({1, 0, static_cast<uint32_t>(r.documents[1].text.size()), 0,
                         r.documents[1].text.size(), 0.8});
  s1.summary.push_back(sum);
  r.stories.push_back(s1);

  Story s2;
  s2.id = 1;
  s2.label = "Autre sujet";
  s2.documents = {2};
  Event e2;
  e2.id = 1;
  e2.documents = {2};
  s2.events.push_back(e2);
  SummarySentence sum2;
  sum2.text = r.documents[2].SentenceText(0);
  sum2.sources.push_back({2, 0, static_cast<uint32_t>(r.documents[2].text.size()), 0,
                          r.documents[2].text.size(), 1.0});
  s2.summary.push_back(sum2);
  r.stories.push_back(s2);
  return r;
}

}  // namespace precis::testing

#endif  // PRECIS_TESTS_OUTPUT_SAMPLE_RESULT_H_
