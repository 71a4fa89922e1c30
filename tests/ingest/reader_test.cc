// ReadSources / ReadJsonLines: every good input comes out, every bad one is
// reported once with its reason, in an order that never depends on threads.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "precis/document.h"
#include "tests/ingest/bad_corpus.h"

namespace precis {
namespace {

using testing::BadCorpus;
using testing::TempDir;

struct ReadLog {
  std::vector<Document> docs;
  std::vector<SkippedSource> skipped;
  Status status;
};

ReadLog Read(const std::vector<std::string>& paths, IngestOptions options = {}) {
  ReadLog log;
  log.status = ReadSources(
      paths, options, [&](Document d) { log.docs.push_back(std::move(d)); },
      [&](SkippedSource s) { log.skipped.push_back(std::move(s)); });
  return log;
}

std::vector<std::string> Ids(const ReadLog& log) {
  std::vector<std::string> ids;
  for (const Document& d : log.docs) ids.push_back(d.id);
  return ids;
}

TEST(ReadSources, BadInputIsReportedOnceAndGoodInputStillComesOut) {
  BadCorpus corpus;
  testing::BuildBadCorpus(&corpus);
  const ReadLog log = Read({corpus.dir.path()});
  ASSERT_TRUE(log.status.ok()) << log.status.ToString();
  EXPECT_EQ(Ids(log), corpus.good_ids);

  std::map<std::string, int> times;
  for (const SkippedSource& s : log.skipped) {
    ++times[s.where];
    auto expected = corpus.problems.find(s.where);
    ASSERT_NE(expected, corpus.problems.end())
        << "unexpected report: " << s.where << ": " << s.status.message();
    EXPECT_NE(s.status.message().find(expected->second), std::string::npos)
        << s.where << ": " << s.status.message() << " (expected '" << expected->second << "')";
    EXPECT_FALSE(s.status.ok());
  }
  for (const auto& [where, reason] : corpus.problems) {
    EXPECT_EQ(times[where], 1) << where << " (" << reason << ") must be reported exactly once";
  }
  // Reports come in path order, like documents.
  for (size_t i = 1; i < log.skipped.size(); ++i)
    EXPECT_LT(log.skipped[i - 1].where, log.skipped[i].where);
}

TEST(ReadSources, DocumentsCarryTheirFields) {
  BadCorpus corpus;
  testing::BuildBadCorpus(&corpus);
  const ReadLog log = Read({corpus.dir.path()});
  std::map<std::string, const Document*> by_id;
  for (const Document& d : log.docs) by_id[d.id] = &d;

  const Document& latin1 = *by_id.at("good/latin1.txt");
  EXPECT_NE(latin1.text.find("Le ministre de l'économie a présenté"), std::string::npos)
      << latin1.text;
  EXPECT_EQ(latin1.source_path, corpus.dir.path() + "/good/latin1.txt");

  const Document& html = *by_id.at("good/c.html");
  EXPECT_EQ(html.title, "Elections locales");
  EXPECT_EQ(html.text,
            "Les bureaux de vote ont ouvert à huit heures ce dimanche.\n\n"
            "La participation est en hausse par rapport au dernier scrutin.");

  const Document& rec1 = *by_id.at("rec-1");
  EXPECT_EQ(rec1.title, "Un titre");
  EXPECT_EQ(rec1.text, "Une première dépêche complète.");
  EXPECT_EQ(rec1.source_path, corpus.dir.path() + "/good/records.jsonl");
  EXPECT_TRUE(rec1.source_map.empty());
}

TEST(ReadSources, OutputDoesNotDependOnThreads) {
  BadCorpus corpus;
  testing::BuildBadCorpus(&corpus);
  for (int i = 0; i < 40; ++i) {
    corpus.dir.Write("many/" + std::to_string(100 + i) + ".txt",
                     "Report number " + std::to_string(i) + " has a sentence of its own.\n");
  }
  IngestOptions one, eight;
  one.threads = 1;
  eight.threads = 8;
  const ReadLog a = Read({corpus.dir.path()}, one), b = Read({corpus.dir.path()}, eight);
  ASSERT_EQ(a.docs.size(), b.docs.size());
  for (size_t i = 0; i < a.docs.size(); ++i) {
    EXPECT_EQ(a.docs[i].id, b.docs[i].id);
    EXPECT_EQ(a.docs[i].text, b.docs[i].text);
  }
  ASSERT_EQ(a.skipped.size(), b.skipped.size());
  for (size_t i = 0; i < a.skipped.size(); ++i) {
    EXPECT_EQ(a.skipped[i].where, b.skipped[i].where);
    EXPECT_EQ(a.skipped[i].status, b.skipped[i].status);
  }
}

// HTML in Latin-1: the HTML map and the charset map compose, so text offsets
// still land on the file's own bytes.
TEST(ReadSources, Latin1HtmlMapsToFileBytes) {
  TempDir dir;
  const std::string page =
      "<html><head><title>L'\xE9t\xE9 au march\xE9</title></head><body><nav>Accueil</nav>"
      "<p>Les march\xE9s ont ouvert en hausse ce matin, port\xE9s par les valeurs "
      "fran\xE7"
      "aises de l'\xE9"
      "nergie.</p><p>Les analystes restent prudents pour "
      "l'\xE9t\xE9.</p></body></html>";
  const std::string path = dir.Write("page.html", page);
  const ReadLog log = Read({path});
  ASSERT_EQ(log.docs.size(), 1u) << (log.skipped.empty() ? "" : log.skipped[0].status.message());
  const Document& doc = log.docs[0];
  EXPECT_EQ(doc.title, "L'été au marché");
  for (const auto& [utf8, latin1] :
       std::vector<std::pair<std::string, std::string>>{{"marchés", "march\xE9s"},
                                                        {"françaises",
                                                         "fran\xE7"
                                                         "aises"},
                                                        {"l'été.", "l'\xE9t\xE9."}}) {
    const size_t pos = doc.text.find(utf8);
    ASSERT_NE(pos, std::string::npos) << utf8;
    const uint64_t begin = doc.SourceOffset(pos);
    const uint64_t end = doc.SourceOffset(pos + utf8.size() - 1) + 1;
    EXPECT_EQ(page.substr(begin, end - begin), latin1) << utf8;
  }
  EXPECT_EQ(doc.text.find("Accueil"), std::string::npos);
}

TEST(ReadSources, FilesNamedDirectly) {
  TempDir dir;
  const std::string txt = dir.Write("x/story.txt", "One line of news.\n");
  const std::string pdf = dir.Write("x/story.pdf", "%PDF");
  const ReadLog log = Read({txt, pdf});
  ASSERT_TRUE(log.status.ok());
  ASSERT_EQ(log.docs.size(), 1u);
  // A file named directly keeps the path it was named by as its id.
  EXPECT_EQ(log.docs[0].id, std::filesystem::path(txt).lexically_normal().generic_string());
  ASSERT_EQ(log.skipped.size(), 1u);
  EXPECT_EQ(log.skipped[0].where, pdf);
  EXPECT_NE(log.skipped[0].status.message().find("unknown file type"), std::string::npos);
}

TEST(ReadSources, UsageErrors) {
  EXPECT_EQ(Read({}).status.code(), Status::Code::kInvalidArgument);
  const ReadLog missing = Read({"/nonexistent/precis/folder"});
  EXPECT_EQ(missing.status.code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status.message().find("/nonexistent/precis/folder"), std::string::npos);
}

TEST(ReadSources, SameIdTwiceIsReportedNotDelivered) {
  TempDir one, two;
  one.Write("a.txt", "First copy of a.\n");
  two.Write("a.txt", "Second file with the same relative path.\n");
  const ReadLog log = Read({one.path(), two.path()});
  ASSERT_EQ(log.docs.size(), 1u);
  EXPECT_EQ(log.docs[0].text, "First copy of a.\n");
  ASSERT_EQ(log.skipped.size(), 1u);
  EXPECT_EQ(log.skipped[0].where, two.path() + "/a.txt");
  EXPECT_NE(log.skipped[0].status.message().find("duplicate document id 'a.txt'"),
            std::string::npos);
}

TEST(ReadSources, FileOverTheSizeLimitIsSkipped) {
  TempDir dir;
  dir.Write("small.txt", "Small enough.\n");
  dir.Write("large.txt", std::string(5000, 'a') + "\n");
  IngestOptions options;
  options.max_file_bytes = 1000;
  const ReadLog log = Read({dir.path()}, options);
  ASSERT_EQ(Ids(log), std::vector<std::string>{"small.txt"});
  ASSERT_EQ(log.skipped.size(), 1u);
  EXPECT_EQ(log.skipped[0].status.code(), Status::Code::kResourceExhausted);
  EXPECT_NE(log.skipped[0].status.message().find("max_file_bytes"), std::string::npos);
}

TEST(ReadSources, UnreadableFileIsSkipped) {
  TempDir dir;
  dir.Write("ok.txt", "Readable.\n");
  const std::string locked = dir.Write("locked.txt", "Nobody may read this.\n");
  chmod(locked.c_str(), 0);
  if (access(locked.c_str(), R_OK) == 0) {
    GTEST_SKIP()
        << "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reading here; "
           "other unreadable inputs (broken links, pipes, loops) are covered by BadInput tests";
  }
  const ReadLog log = Read({dir.path()});
  EXPECT_EQ(Ids(log), std::vector<std::string>{"ok.txt"});
  ASSERT_EQ(log.skipped.size(), 1u);
  EXPECT_EQ(log.skipped[0].where, locked);
  EXPECT_NE(log.skipped[0].status.message().find("Permission denied"), std::string::npos);
}

// A 100 MB file on a single line is text like any other (the size and
// whole-file checks must not choke on it).
TEST(ReadSources, HundredMegabyteSingleLine) {
  TempDir dir;
  const std::string sentence = "Une tres longue ligne sans fin, ";
  const size_t size = 100u << 20;
  {
    std::ofstream out(dir.path() + "/long.txt", std::ios::binary);
    std::string block;
    while (block.size() < (1u << 20)) block += sentence;
    block.resize(1u << 20);
    for (size_t written = 0; written < size; written += block.size()) out << block;
  }
  const ReadLog log = Read({dir.path()});
  ASSERT_TRUE(log.skipped.empty()) << log.skipped[0].status.message();
  ASSERT_EQ(log.docs.size(), 1u);
  EXPECT_EQ(log.docs[0].text.size(), size);
  EXPECT_EQ(log.docs[0].text.find('\n'), std::string::npos);
  EXPECT_EQ(log.docs[0].SourceOffset(size - 1), size - 1);
}

TEST(ReadJsonLines, GoodAndBadLines) {
  std::istringstream in(
      "{\"id\": \"a\", \"title\": \"T\", \"text\": \"Body of a.\", \"url\": \"https://x/a\", "
      "\"date\": "
      "\"2024-04-02\", \"lang\": \"fr\", \"event\": 3}\n"
      "not json at all\n"
      "   \n"
      "[1, 2]\n"
      "{\"id\": 42, \"text\": \"Numeric ids are accepted.\"}\n"
      "{\"id\": \"b\", \"text\": 5}\n"
      "{\"id\": \"c\", \"text\": \"   \"}\n"
      "{\"id\": \"a\", \"text\": \"Same id again.\"}\n"
      "{\"id\": \"d\", \"title\": [\"x\"], \"text\": \"Bad title type.\"}\n"
      "{\"id\": \"t\", \"title\": \"A headline-only report\", \"text\": \"\"}\n"
      "{\"id\": \"e\", \"text\": \"Last line without a newline.\"}");
  std::vector<Document> docs;
  std::vector<SkippedSource> skipped;
  const Status s = ReadJsonLines(
      in, "stdin", {}, [&](Document d) { docs.push_back(std::move(d)); },
      [&](SkippedSource k) { skipped.push_back(std::move(k)); });
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].id, "a");
  EXPECT_EQ(docs[0].title, "T");
  EXPECT_EQ(docs[0].text, "Body of a.");
  EXPECT_EQ(docs[0].url, "https://x/a");
  EXPECT_EQ(docs[0].date, "2024-04-02");
  EXPECT_EQ(docs[0].lang, "fr");
  EXPECT_EQ(docs[1].id, "42");
  EXPECT_EQ(docs[2].id, "t");
  EXPECT_EQ(docs[2].title, "A headline-only report");
  EXPECT_EQ(docs[3].id, "e");

  const std::vector<std::pair<std::string, std::string>> expected = {
      {"stdin:2", "malformed JSON"},
      {"stdin:4", "JSON object"},
      {"stdin:6", "\"text\" must be a string"},
      {"stdin:7", "empty \"text\" and no \"title\""},
      {"stdin:8", "duplicate document id 'a'"},
      {"stdin:9", "\"title\" must be a string"},
  };
  ASSERT_EQ(skipped.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(skipped[i].where, expected[i].first);
    EXPECT_NE(skipped[i].status.message().find(expected[i].second), std::string::npos)
        << skipped[i].where << ": " << skipped[i].status.message();
  }
}

TEST(ReadJsonLines, EmptyInputIsReported) {
  std::istringstream in("");
  std::vector<SkippedSource> skipped;
  size_t docs = 0;
  ASSERT_TRUE(ReadJsonLines(
                  in, "stdin", {}, [&](Document) { ++docs; },
                  [&](SkippedSource k) { skipped.push_back(std::move(k)); })
                  .ok());
  EXPECT_EQ(docs, 0u);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].where, "stdin");
}

// Every callback, in the order it came: "doc ID" or "skip WHERE: MESSAGE".
struct EventLog {
  std::vector<std::string> events;
  std::function<void(Document)> sink = [this](Document d) { events.push_back("doc " + d.id); };
  std::function<void(SkippedSource)> skipped = [this](SkippedSource s) {
    events.push_back("skip " + s.where + ": " + s.status.message());
  };
};

// Generates JSON Lines streams of good records with malformed lines, records
// without text, blank lines and ids seen before (in this stream or an earlier
// one) scattered among them, from a fixed seed; `expected` gets the events
// reading them in order must give: "doc ID" or "skip WHERE: PHRASE" (PHRASE
// starts the message).
class ScatteredStreams {
 public:
  std::string Next(const std::string& name, int lines) {
    std::string out;
    const std::string prefix = std::string("s").append(std::to_string(streams_++)).append("-");
    for (int i = 0; i < lines; ++i) {
      const std::string where = name + ":" + std::to_string(i + 1);
      const unsigned kind = rng_() % 20;
      if (kind == 0) {
        out += "{\"id\": \"broken\", \"text\": \"no end\n";
        expected.push_back("skip " + where + ": malformed JSON");
      } else if (kind == 1) {
        out += "{\"id\": \"m" + std::to_string(i) + "\"}\n";
        expected.push_back("skip " + where + ": missing \"text\"");
      } else if (kind == 2) {
        out += "   \n";
      } else if (kind == 3 && !ids_.empty()) {
        const std::string& id = ids_[rng_() % ids_.size()];
        out += "{\"id\": \"" + id + "\", \"text\": \"Again.\"}\n";
        expected.push_back("skip " + where + ": duplicate document id '" + id +
                           "' (first read from " + first_read_.at(id) + "); ids must be unique");
      } else {
        const std::string id = prefix + std::to_string(i);
        out += "{\"id\": \"" + id + "\", \"title\": \"T\\u00e9 " + std::to_string(i) +
               "\", \"text\": \"Report " + std::to_string(i) + " \\\"quoted\\\" text.\"}\n";
        ids_.push_back(id);
        first_read_[id] = where;
        expected.push_back("doc " + id);
      }
    }
    return out;
  }

  std::vector<std::string> expected;

 private:
  std::mt19937 rng_{20240402};
  int streams_ = 0;
  std::vector<std::string> ids_;
  std::map<std::string, std::string> first_read_;  // id -> where it was first read
};

void ExpectEvents(const std::vector<std::string>& got, const std::vector<std::string>& expected,
                  const std::string& context) {
  ASSERT_EQ(got.size(), expected.size()) << context;
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].substr(0, expected[i].size()), expected[i]) << context << ", event " << i;
  }
}

// Thousands of records in many batches, with problems scattered across batch
// boundaries: every thread count gives the same documents and reports,
// interleaved in line order.
TEST(ReadJsonLines, OrderAndReportsDoNotDependOnThreads) {
  ScatteredStreams streams;
  const std::string stream = streams.Next("stdin", 6000);
  for (int threads : {1, 2, 4, 8}) {
    std::istringstream in(stream);
    IngestOptions options;
    options.threads = threads;
    EventLog log;
    ASSERT_TRUE(ReadJsonLines(in, "stdin", options, log.sink, log.skipped).ok());
    ExpectEvents(log.events, streams.expected, "threads " + std::to_string(threads));
  }
}

// The same across files: JSON Lines batches and whole files in flight
// together, ids of one file repeated in later ones.
TEST(ReadSources, ManyFilesAndBatchesInOrderForAnyThreadCount) {
  TempDir dir;
  ScatteredStreams streams;
  for (const char* name : {"feed0.jsonl", "feed1.jsonl", "feed2.jsonl"}) {
    dir.Write(name, streams.Next(dir.path() + "/" + name, 2500));
  }
  std::vector<std::string> texts;
  for (int t = 0; t < 30; ++t) texts.push_back(std::string("t").append(std::to_string(t)) + ".txt");
  for (const std::string& text : texts) dir.Write(text, "Story " + text + ".\n");
  std::sort(texts.begin(), texts.end());  // folders are read in bytewise path order
  std::vector<std::string> expected = streams.expected;
  for (const std::string& text : texts) expected.push_back("doc " + text);
  for (int threads : {1, 2, 4, 8}) {
    IngestOptions options;
    options.threads = threads;
    EventLog log;
    ASSERT_TRUE(ReadSources({dir.path()}, options, log.sink, log.skipped).ok());
    ExpectEvents(log.events, expected, "threads " + std::to_string(threads));
  }
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

// ReadRecord reads a record's fields as ReadJsonLines reads the same record
// as a line: the same Document (but its source path), or the same reason.
TEST(ReadRecord, SameAsTheJsonLine) {
  struct Case {
    Record record;
    std::string line;
  };
  auto text = [](std::string id, std::string body) {
    Record r;
    r.id = std::move(id);
    r.text = std::move(body);
    return r;
  };
  std::vector<Case> cases;
  cases.push_back({text("a", "MADRID, 15 feb (EFE) - Un texto.\n\nOtro párrafo."),
                   R"({"id":"a","text":"MADRID, 15 feb (EFE) - Un texto.\n\nOtro párrafo."})"});
  Record dated = text("b", "Body.");
  dated.title = "T";
  dated.date = "2024-04-02";
  dated.lang = "fr";
  dated.url = "https://x.org/2023/01/05/y";
  cases.push_back({dated, R"({"id":"b","text":"Body.","title":"T","date":"2024-04-02",)"
                          R"("lang":"fr","url":"https://x.org/2023/01/05/y"})"});
  Record page;
  page.id = "c";
  page.url = "https://x.org/2022/02/15/storm";
  page.html = "<html><head><title>Storm</title></head><body><p>Caf&eacute; closed.</p></body>";
  cases.push_back({page, R"({"id":"c","url":"https://x.org/2022/02/15/storm","html":)"
                         R"("<html><head><title>Storm</title></head><body><p>Caf&eacute; )"
                         R"(closed.</p></body>"})"});
  Record headline = text("d", "");
  headline.title = "Only a headline";
  cases.push_back({headline, R"({"id":"d","text":"","title":"Only a headline"})"});
  cases.push_back({text("e", " \n"), R"({"id":"e","text":" \n"})"});
  Record both = text("f", "x");
  both.html = "<p>x</p>";
  cases.push_back({both, R"({"id":"f","text":"x","html":"<p>x</p>"})"});
  Record neither;
  neither.id = "g";
  cases.push_back({neither, R"({"id":"g"})"});
  cases.push_back({text("", "x"), R"({"id":"","text":"x"})"});
  Record blank_page;
  blank_page.id = "h";
  blank_page.html = "<html><script>x()</script></html>";
  cases.push_back({blank_page, R"({"id":"h","html":"<html><script>x()</script></html>"})"});
  IngestOptions options;
  options.threads = 1;
  for (const Case& c : cases) {
    std::istringstream in(c.line + "\n");
    std::vector<Document> docs;
    std::vector<SkippedSource> skipped;
    ASSERT_TRUE(ReadJsonLines(
                    in, "s", options, [&](Document d) { docs.push_back(std::move(d)); },
                    [&](SkippedSource s) { skipped.push_back(std::move(s)); })
                    .ok());
    StatusOr<Document> got = ReadRecord(c.record, options);
    if (!skipped.empty()) {
      ASSERT_FALSE(got.ok()) << c.line;
      EXPECT_EQ(got.status(), skipped[0].status) << c.line;
      continue;
    }
    ASSERT_TRUE(got.ok()) << c.line << ": " << got.status().message();
    ASSERT_EQ(docs.size(), 1u);
    const Document& want = docs[0];
    EXPECT_EQ(got->id, want.id);
    EXPECT_EQ(got->title, want.title);
    EXPECT_EQ(got->text, want.text);
    EXPECT_EQ(got->date, want.date) << c.line;
    EXPECT_EQ(got->date_source, want.date_source) << c.line;
    EXPECT_EQ(got->url, want.url);
    EXPECT_EQ(got->lang, want.lang);
    EXPECT_EQ(got->source_path, "");
    ASSERT_EQ(got->source_map.size(), want.source_map.size());
    for (size_t i = 0; i < want.source_map.size(); ++i) {
      EXPECT_EQ(got->source_map[i].text_pos, want.source_map[i].text_pos);
      EXPECT_EQ(got->source_map[i].source_pos, want.source_map[i].source_pos);
    }
  }
  IngestOptions small;
  small.max_file_bytes = 10;
  EXPECT_EQ(ReadRecord(text("big", "more than ten bytes"), small).status().code(),
            Status::Code::kResourceExhausted);
}

}  // namespace
}  // namespace precis
