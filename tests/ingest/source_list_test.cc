// ListSources and symbolic links: a folder is read as itself; a link leading
// out of it is reported, not read, unless links are to be followed.
#include "engine/ingest/source_list.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/testing/run_command.h"

namespace precis::ingest {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Entry ids in listing order, each a problem entry marked "!".
std::vector<std::string> Ids(const std::vector<SourceEntry>& entries) {
  std::vector<std::string> ids;
  for (const SourceEntry& e : entries) ids.push_back((e.problem.ok() ? "" : "!") + e.id);
  return ids;
}

const SourceEntry* Find(const std::vector<SourceEntry>& entries, const std::string& id) {
  for (const SourceEntry& e : entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

std::string ProblemOf(const std::vector<SourceEntry>& entries, const std::string& id) {
  const SourceEntry* e = Find(entries, id);
  return e == nullptr ? "(no entry " + id + ")" : e->problem.message();
}

// parent/outside.txt next to the folder read, parent/news/.
struct Layout {
  TempDir dir;
  std::string news;
  Layout() : news(dir.path() + "/news") {
    dir.Write("outside.txt", "Read only when asked to follow links.\n");
    dir.Write("news/a.txt", "The folder's own report.\n");
  }
};

TEST(ListSources, LinkLeadingOutsideIsReportedNotFollowed) {
  Layout l;
  fs::create_directory_symlink("..", l.news + "/up");
  fs::create_symlink("../outside.txt", l.news + "/far.txt");
  auto entries = ListSources({l.news}, /*follow_links=*/false);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_EQ(Ids(*entries), (std::vector<std::string>{"a.txt", "!far.txt", "!up"}));
  const std::string parent = fs::canonical(l.dir.path()).string();
  for (const char* id : {"far.txt", "up"}) {
    const SourceEntry* e = Find(*entries, id);
    ASSERT_NE(e, nullptr) << id;
    EXPECT_EQ(e->path, l.news + "/" + id);
    const std::string& why = e->problem.message();
    EXPECT_NE(why.find("leads outside " + l.news), std::string::npos) << why;
    EXPECT_NE(why.find("--follow"), std::string::npos) << why;
    EXPECT_NE(why.find(parent), std::string::npos) << why;  // where it leads
  }
}

TEST(ListSources, LinksToPlacesInsideAreFollowed) {
  Layout l;
  l.dir.Write("news/sub/b.txt", "A report in a subfolder.\n");
  fs::create_directory_symlink("sub", l.news + "/alias");
  fs::create_symlink("sub/b.txt", l.news + "/copy.txt");
  // Judged by where it ends, not by the way: out to the parent and back in.
  fs::create_directory_symlink("../news/sub", l.news + "/roundabout");
  auto entries = ListSources({l.news}, /*follow_links=*/false);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_EQ(Ids(*entries), (std::vector<std::string>{"a.txt", "alias/b.txt", "copy.txt",
                                                     "roundabout/b.txt", "sub/b.txt"}));
}

// "news2" starts with "news" but is not inside it.
TEST(ListSources, SiblingWithTheSamePrefixIsOutside) {
  Layout l;
  l.dir.Write("news2/c.txt", "A sibling folder's report.\n");
  fs::create_directory_symlink("../news2", l.news + "/next");
  auto entries = ListSources({l.news}, /*follow_links=*/false);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_EQ(Ids(*entries), (std::vector<std::string>{"a.txt", "!next"}));
}

TEST(ListSources, FollowLinksReadsOutsideAndStillStopsLoops) {
  Layout l;
  fs::create_directory_symlink("..", l.news + "/up");
  fs::create_symlink("../outside.txt", l.news + "/far.txt");
  auto entries = ListSources({l.news}, /*follow_links=*/true);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  // up/news is the folder being read, met again through the parent.
  EXPECT_EQ(Ids(*entries),
            (std::vector<std::string>{"a.txt", "far.txt", "!up/news", "up/outside.txt"}));
  EXPECT_NE(ProblemOf(*entries, "up/news").find("loop"), std::string::npos);
}

TEST(ListSources, LoopsAreReportedOnceEitherWay) {
  for (const bool follow : {false, true}) {
    Layout l;
    l.dir.Write("news/sub/b.txt", "A report in a subfolder.\n");
    fs::create_directory_symlink(".", l.news + "/self");
    fs::create_directory_symlink("..", l.news + "/sub/back");
    auto entries = ListSources({l.news}, follow);
    ASSERT_TRUE(entries.ok()) << entries.status().message();
    EXPECT_EQ(Ids(*entries), (std::vector<std::string>{"a.txt", "!self", "sub/b.txt", "!sub/back"}))
        << "follow " << follow;
    for (const char* id : {"self", "sub/back"}) {
      EXPECT_NE(ProblemOf(*entries, id).find("loop"), std::string::npos) << id;
    }
  }
}

// A link named by the user is what the user asked to read.
TEST(ListSources, LinksNamedDirectlyAreUsedAsGiven) {
  Layout l;
  TempDir other;
  fs::create_directory_symlink(l.news, other.path() + "/news-link");
  fs::create_symlink(l.dir.path() + "/outside.txt", other.path() + "/file-link.txt");
  auto entries = ListSources({other.path() + "/news-link", other.path() + "/file-link.txt"},
                             /*follow_links=*/false);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_EQ(Ids(*entries), (std::vector<std::string>{"a.txt", other.path() + "/file-link.txt"}));
}

}  // namespace
}  // namespace precis::ingest
