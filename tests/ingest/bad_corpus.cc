#include "tests/ingest/bad_corpus.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace precis::testing {

void BuildBadCorpus(BadCorpus* c) {
  const std::string root = c->dir.path();
  auto path = [&](const std::string& rel) { return root + "/" + rel; };

  c->dir.Write(
      "good/a.txt",
      "Le conseil municipal a voté le budget\n\n"
      "Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine.\n\n"
      "Les travaux de la place centrale commenceront au printemps, selon le maire.\n");
  c->dir.Write(
      "good/b.md",
      "# Storm hits the coast\n\nA strong storm hit the northern coast on Monday, cutting power to "
      "thousands of homes.\n\nRepair crews were sent from three neighbouring regions.\n");
  c->dir.Write(
      "good/c.html",
      "<html><head><title>Elections locales</title><script>var x = 1;</script></head><body>"
      "<nav>Accueil | Politique</nav><p>Les bureaux de vote ont ouvert &agrave; huit heures ce "
      "dimanche.</p><p>La participation est en hausse par rapport au dernier scrutin.</p>"
      "<footer>Mentions l&eacute;gales</footer></body></html>");
  // Latin-1: "é" is one byte, 0xE9.
  c->dir.Write("good/latin1.txt",
               "Le ministre de l'\xE9"
               "conomie a pr\xE9sent\xE9 un plan de relance pour les entreprises "
               "fran\xE7"
               "aises.\n\nSelon lui, la croissance reviendra d\xE8s l'\xE9t\xE9 prochain, "
               "malgr\xE9 la hausse des prix de l'\xE9nergie.\n");
  c->dir.Write(
      "good/records.jsonl",
      "{\"id\": \"rec-1\", \"title\": \"Un titre\", \"text\": \"Une premi\\u00e8re "
      "d\\u00e9p\\u00eache "
      "compl\\u00e8te.\", \"story\": 7}\n"
      "{\"id\": \"rec-2\", \"text\": \"Another report about the same event, told differently.\"}\n"
      "{\"id\": \"rec-3\", \"text\": \"unterminated\n"
      "\n"
      "{\"title\": \"no id\", \"text\": \"A record without an identifier.\"}\n"
      "{\"id\": \"rec-5\", \"title\": \"no text\"}\n"
      "{\"id\": \"rec-6\", \"text\": \"The last good record of the file.\"}\n");
  c->dir.Write("dir.txt/inner.txt",
               "A folder whose name ends in .txt is a folder, and this file in it is read.\n");
  c->good_ids = {"dir.txt/inner.txt", "good/a.txt", "good/b.md", "good/c.html",
                 "good/latin1.txt",   "rec-1",      "rec-2",     "rec-6"};

  c->dir.Write("bad/empty.txt", "");
  c->dir.Write("bad/binary.txt", std::string("\x7f"
                                             "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
                                             20));
  c->dir.Write("bad/nul.md", std::string("Some text\0with a NUL byte in the middle.\n", 41));
  c->dir.Write("ignored/notes.pdf", "%PDF-1.4 not read: unknown extension in a folder");
  c->dir.Write("ignored/.hidden.txt", "hidden files are not read");
  std::filesystem::create_directory_symlink(root + "/bad", path("bad/loop"));
  std::filesystem::create_symlink(path("bad/self.txt"), path("bad/self.txt"));
  std::filesystem::create_symlink(root + "/nowhere.txt", path("bad/dangling.txt"));
  mkfifo(path("bad/pipe.txt").c_str(), 0644);

  c->problems = {
      {path("bad/binary.txt"), "binary file"},
      {path("bad/dangling.txt"), "broken symbolic link"},
      {path("bad/empty.txt"), "empty file"},
      {path("bad/loop"), "symbolic link loop"},
      {path("bad/nul.md"), "binary file"},
      {path("bad/pipe.txt"), "not a regular file"},
      {path("bad/self.txt"), "symbolic link loop"},
      {path("good/records.jsonl") + ":3", "malformed JSON"},
      {path("good/records.jsonl") + ":5", "missing \"id\""},
      {path("good/records.jsonl") + ":6", "missing \"text\""},
  };
}

}  // namespace precis::testing
