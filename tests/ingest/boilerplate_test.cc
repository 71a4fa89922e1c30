// Boilerplate removal on the seed reports (real scraped pages) and on
// generated corpora: navigation and widget lines go, content and the real
// headline stay, and every kept line is a slice of the original text.
#include "engine/ingest/boilerplate.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "precis/document.h"

namespace precis::ingest {
namespace {

const std::string kSeeds = std::string(PRECIS_SOURCE_DIR) + "/corpora/seeds";

std::map<std::string, Document> ReadSeeds() {
  std::map<std::string, Document> docs;
  const Status s = ReadSources(
      {kSeeds}, {}, [&](Document d) { docs[d.id] = std::move(d); },
      [](SkippedSource k) { ADD_FAILURE() << k.where << ": " << k.status.message(); });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return docs;
}

std::vector<std::string> KeptLines(const Document& doc, const CleanedText& cleaned) {
  std::vector<std::string> lines;
  for (const TextLine& l : cleaned.lines)
    lines.push_back(doc.text.substr(l.begin, l.end - l.begin));
  return lines;
}

bool Contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// Document id -> (expected title, lines that must be gone, lines that must stay).
struct SeedExpectation {
  std::string title;
  std::vector<std::string> gone;
  std::vector<std::string> kept;
};

TEST(Boilerplate, SeedsLoseNavigationAndKeepTheirHeadlines) {
  const std::map<std::string, Document> docs = ReadSeeds();
  ASSERT_EQ(docs.size(), 5u);
  std::vector<const Document*> all;
  for (const auto& [id, d] : docs) all.push_back(&d);
  const BoilerplateFilter filter = BoilerplateFilter::Build(all, {});

  const std::map<std::string, SeedExpectation> expected = {
      {"000_54b406f20d19f472.txt",
       {"Macron et Blinken discutent des efforts pour mettre fin à la guerre en Ukraine", {}, {}}},
      {"001_91f61d21f0bcea41.txt",
       {"\"Poutine n'a pas intérêt à élargir le conflit contre un membre de l'OTAN\", prévient le "
        "chef de la "
        "diplomatie américaine",
        {"Accueil Actu Monde International", "À lire aussi", "Sélectionné pour vous"},
        {"Initiatives pour l'Ukraine"}}},
      {"002_064f9d1e2049ba99.txt",
       {"Biden s’entretient avec le président français au sujet du renforcement des capacités "
        "militaires en "
        "Ukraine",
        {"0", "Paris, 3 févr. (Cinktank.com) –"},
        {}}},
      {"003_67085f7ddb66eaad.txt",
       {"Blinken a fait part à M. Lavrov de l'engagement des États-Unis à soutenir l'Ukraine",
        {},
        {"AP Photo/Jacquelyn Martin"}}},
      {"004_e9e1c145a7fdc9ec.txt",
       {"Blinken exige de Lavrov une désescalade \"crédible\" de la crise ukrainienne",
        {"Annonce", "Réduire", "Aucune annonce.", "X", "Filtre", "Heure", "Afficher",
         "Tout nettoyer", "nouveaux messages", "15 FÉVRIER 2022", "Chargement..."},
        {"UNITÉ DE L'OTAN"}}},
  };
  for (const auto& [id, want] : expected) {
    SCOPED_TRACE(id);
    const Document& doc = docs.at(id);
    const CleanedText cleaned = filter.Clean(doc);
    EXPECT_EQ(cleaned.title, want.title);
    const std::vector<std::string> lines = KeptLines(doc, cleaned);
    ASSERT_FALSE(lines.empty());
    for (const std::string& g : want.gone) EXPECT_FALSE(Contains(lines, g)) << "kept: " << g;
    for (const std::string& k : want.kept) EXPECT_TRUE(Contains(lines, k)) << "lost: " << k;
    // The headline is not also a body line, however often the page repeats it.
    for (const std::string& l : lines) EXPECT_EQ(l.find(want.title), std::string::npos) << l;
    // The body starts and ends with prose (a sentence of several words).
    for (const std::string* edge : {&lines.front(), &lines.back()}) {
      EXPECT_GT(std::count(edge->begin(), edge->end(), ' '), 3) << *edge;
    }
    EXPECT_EQ(cleaned.removed_lines > 0, !want.gone.empty());
  }
}

TEST(Boilerplate, KeptLinesAreTrimmedSlicesOfTheFile) {
  const std::map<std::string, Document> docs = ReadSeeds();
  const BoilerplateFilter filter(IngestOptions{});
  for (const auto& [id, doc] : docs) {
    const CleanedText cleaned = filter.Clean(doc);
    uint32_t previous_end = 0;
    for (const TextLine& l : cleaned.lines) {
      ASSERT_LT(l.begin, l.end);
      ASSERT_LE(previous_end, l.begin);
      previous_end = l.end;
      const std::string line = doc.text.substr(l.begin, l.end - l.begin);
      EXPECT_EQ(line.find('\n'), std::string::npos);
      EXPECT_NE(line.front(), ' ');
      EXPECT_NE(line.back(), ' ');
      // A whole line of the file, minus indentation and bullets.
      const size_t line_start = doc.text.rfind('\n', l.begin) == std::string::npos
                                    ? 0
                                    : doc.text.rfind('\n', l.begin) + 1;
      const size_t line_end = std::min(doc.text.find('\n', l.end), doc.text.size());
      const std::string before = doc.text.substr(line_start, l.begin - line_start);
      const std::string after = doc.text.substr(l.end, line_end - l.end);
      EXPECT_EQ(before.find_first_not_of(" \t\xC2\xA0•"), std::string::npos)
          << id << ": '" << before << "'";
      EXPECT_EQ(after.find_first_not_of(" \t\r\xC2\xA0"), std::string::npos)
          << id << ": '" << after << "'";
    }
  }
}

TEST(Boilerplate, LinesRepeatedAcrossTheCorpusAreRemoved) {
  // 20 reports, each with unique prose, a share widget line in the middle
  // (where the edge rule cannot see it), and a wire sentence shared by three.
  std::vector<Document> docs(20);
  const std::string widget = "Partager cet article sur les réseaux sociaux";
  const std::string wire =
      "L'agence a confirmé l'information dans un communiqué publié mardi après-midi à Paris.";
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].id = "doc" + std::to_string(i);
    docs[i].text = "Titre numéro " + std::to_string(i) + " sur un sujet\n\n" +
                   "Le premier paragraphe du rapport " + std::to_string(i) +
                   " raconte un fait précis et daté.\n\n" + widget + "\n\n" +
                   (i < 3 ? wire + "\n\n" : "") + "Le dernier paragraphe du rapport " +
                   std::to_string(i) + " donne une conclusion claire.\n";
  }
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);

  IngestOptions options;
  const BoilerplateFilter filter = BoilerplateFilter::Build(ptrs, options);
  for (size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i];
    const std::vector<std::string> lines = KeptLines(d, filter.Clean(d));
    EXPECT_FALSE(Contains(lines, widget)) << d.id;
    EXPECT_EQ(lines.size(), i < 3 ? 3u : 2u) << d.id;  // the shared wire sentence is content
    EXPECT_EQ(filter.Clean(d).title, d.text.substr(0, d.text.find('\n')));
  }
  EXPECT_TRUE(Contains(KeptLines(docs[0], filter.Clean(docs[0])), wire));

  // Rare lines stay: with a threshold above the widget's document count, it is content.
  options.repeated_line_min_documents = 21;
  const BoilerplateFilter strict = BoilerplateFilter::Build(ptrs, options);
  EXPECT_TRUE(Contains(KeptLines(docs[5], strict.Clean(docs[5])), widget));

  // Switched off: every non-blank line but the extracted title is kept.
  options.strip_boilerplate = false;
  const BoilerplateFilter off = BoilerplateFilter::Build(ptrs, options);
  EXPECT_EQ(off.Clean(docs[5]).lines.size(), 3u);
}

// Built in pieces (line keys per document, counts summed elsewhere), as a
// corpus spread over machines builds it (precis/sketch.h): the same filter.
TEST(Boilerplate, FromCountsEqualsBuild) {
  std::vector<Document> docs(40);
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].id = "doc" + std::to_string(i);
    docs[i].text = "Titre " + std::to_string(i) + " du jour\n\nLe paragraphe " + std::to_string(i) +
                   " raconte un fait précis et daté.\n\n" +
                   (i % 2 ? "Partager cet article sur les réseaux\n\n" : "") +
                   (i % 13 == 0 ? "Lire aussi notre dossier spécial\n\n" : "") +
                   "Le dernier paragraphe conclut le rapport " + std::to_string(i) + ".\n";
  }
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  for (const int min_documents : {4, 5}) {
    IngestOptions options;
    options.repeated_line_min_documents = min_documents;
    std::map<uint64_t, uint32_t> counts;
    for (const Document& d : docs) {
      for (uint64_t key : BoilerplateFilter::LineKeys(d.text, options)) ++counts[key];
    }
    std::vector<uint64_t> keys;
    std::vector<uint32_t> n;
    for (const auto& [key, count] : counts) {
      keys.push_back(key);
      n.push_back(count);
    }
    EXPECT_EQ(BoilerplateFilter::RepeatedThreshold(docs.size(), options),
              static_cast<uint32_t>(min_documents));
    const BoilerplateFilter built = BoilerplateFilter::Build(ptrs, options);
    const BoilerplateFilter pieces = BoilerplateFilter::FromCounts(docs.size(), keys, n, options);
    for (const Document& d : docs) {
      EXPECT_EQ(KeptLines(d, built.Clean(d)), KeptLines(d, pieces.Clean(d))) << d.id;
    }
    // "Lire aussi" is in 4 documents: boilerplate at 4, content at 5.
    EXPECT_EQ(
        Contains(KeptLines(docs[0], pieces.Clean(docs[0])), "Lire aussi notre dossier spécial"),
        min_documents == 5);
  }
  EXPECT_TRUE(BoilerplateFilter::LineKeys(docs[1].text, {.strip_boilerplate = false}).empty());
}

TEST(Boilerplate, ShortHeadlineAfterNavigationBecomesTheTitle) {
  Document doc;
  doc.id = "short";
  doc.text =
      "Accueil\nPolitique\n\nLe maire démissionne\n\nLe maire de la ville a annoncé sa démission "
      "lundi soir "
      "devant le conseil municipal.\n";
  const CleanedText cleaned = BoilerplateFilter(IngestOptions{}).Clean(doc);
  EXPECT_EQ(cleaned.title, "Le maire démissionne");
  ASSERT_EQ(cleaned.lines.size(), 1u);
  EXPECT_TRUE(cleaned.lines[0].paragraph_start);
}

TEST(Boilerplate, GivenTitleWinsAndItsRepeatsAreDropped) {
  Document doc;
  doc.id = "given";
  doc.title = "Storm hits the coast";
  doc.text =
      "  • Storm hits the coast\nA strong storm hit the northern coast on Monday.\nStorm  HITS the "
      "coast\n"
      "Repair crews were sent from three regions.\n";
  const CleanedText cleaned = BoilerplateFilter(IngestOptions{}).Clean(doc);
  EXPECT_EQ(cleaned.title, "Storm hits the coast");
  ASSERT_EQ(cleaned.lines.size(), 2u);
  EXPECT_EQ(doc.text.substr(cleaned.lines[1].begin, cleaned.lines[1].end - cleaned.lines[1].begin),
            "Repair crews were sent from three regions.");
  EXPECT_TRUE(cleaned.lines[1].paragraph_start);  // a removed line precedes it
}

TEST(Boilerplate, ShortReportsAreNotEmptiedByTheEdgeRule) {
  Document doc;
  doc.id = "short";
  doc.text = "Fine record.\n";
  const CleanedText one_line = BoilerplateFilter(IngestOptions{}).Clean(doc);
  ASSERT_EQ(one_line.lines.size(), 1u);
  EXPECT_EQ(one_line.removed_lines, 0u);
  doc.text = "Roads closed\nSchools shut\n";
  const CleanedText list = BoilerplateFilter(IngestOptions{}).Clean(doc);
  EXPECT_EQ(list.title, "Roads closed");
  ASSERT_EQ(list.lines.size(), 1u);
}

TEST(Boilerplate, HugeSingleLineIsContent) {
  Document doc;
  doc.id = "huge";
  doc.text = std::string(3 << 20, 'a');
  const CleanedText cleaned = BoilerplateFilter(IngestOptions{}).Clean(doc);
  ASSERT_EQ(cleaned.lines.size(), 1u);
  EXPECT_EQ(cleaned.lines[0].end - cleaned.lines[0].begin, doc.text.size());
}

}  // namespace
}  // namespace precis::ingest
