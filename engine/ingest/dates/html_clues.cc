#include "engine/ingest/dates/html_clues.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string_view>

#include "engine/ingest/dates/date_text.h"

namespace precis::ingest::dates {
namespace {

// Enough of each kind for any real page; a page with more (generated
// calendars, archives) gains nothing from the rest.
constexpr size_t kMaxClues = 1000;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a != nullptr ? a->value : nullptr;
}

bool In(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// The role of a metadata name (lower case): the vocabularies of Open Graph
// and Facebook (article:*), schema.org (itemprop), Dublin Core (dc.*,
// dcterms.*), Parse.ly, Sailthru, cXense, Highwire (citation_*), PRISM and
// the names CMSs invent. nullopt: not a date field.
std::optional<DateRole> RoleOfName(std::string_view n) {
  if (In(n, {"article:published_time",
             "article:published",
             "article:published_date",
             "article:post_date",
             "article:publicationdate",
             "og:article:published_time",
             "og:article:published",
             "og:published_time",
             "og:pubdate",
             "og:publish_date",
             "og:datepublished",
             "datepublished",
             "date_published",
             "date-published",
             "published_time",
             "published-time",
             "published_date",
             "published-date",
             "publisheddate",
             "publish_date",
             "publish-date",
             "publishdate",
             "publish_time",
             "pubdate",
             "pub_date",
             "publication_date",
             "publicationdate",
             "originalpublicationdate",
             "article_date_original",
             "dc.date.issued",
             "dcterms.issued",
             "dc:date.issued",
             "dc.date.publication",
             "citation_publication_date",
             "citation_date",
             "citation_online_date",
             "bepress_citation_date",
             "prism.publicationdate",
             "parsely-pub-date",
             "sailthru.date",
             "cxenseparse:publishtime",
             "cxenseparse:recs:publishtime",
             "shareaholic:article_published_time",
             "bt:pubdate",
             "rnews:datepublished",
             "vr:published_time",
             "vr:published-time",
             "twt-published-at",
             "analyticsattributes.articledate",
             "displaydate",
             "dateposted",
             "rbpubdate",
             "mediator_published_time",
             "dcsext.articlefirstpublished",
             "video:release_date",
             "og:release_date",
             "release_date",
             "uploaddate"})) {
    return DateRole::kPublished;
  }
  if (In(n, {"created", "datecreated", "date_created", "dc.created", "dc.date.created",
             "dcterms.created", "dc:created", "dc:date.created", "article.created",
             "content_create_date"})) {
    return DateRole::kCreated;
  }
  if (In(n, {"article:modified_time",
             "article:modified",
             "article:modified_date",
             "article:post_modified",
             "og:updated_time",
             "og:modified_time",
             "og:article:modified_time",
             "modified_time",
             "updated_time",
             "datemodified",
             "dateupdate",
             "dateupdated",
             "dc.modified",
             "dc.date.modified",
             "dcterms.modified",
             "dc:date.modified",
             "last-modified",
             "lastmodified",
             "lastmod",
             "lastdate",
             "modified",
             "modificationdate",
             "revision_date",
             "bt:moddate",
             "shareaholic:article_modified_time",
             "utime"})) {
    return DateRole::kModified;
  }
  if (In(n, {"date", "dc.date", "dcterms.date", "dc:date", "doc_date", "pdate", "ptime",
             "timestamp"})) {
    return DateRole::kOther;
  }
  return std::nullopt;
}

// Class and id words that mark an element holding a date or a byline.
bool NamesDate(std::string_view cls) {
  static constexpr std::string_view kParts[] = {
      "date",    "datum", "time",     "publish", "posted", "submitted", "byline",
      "subline", "fecha", "parution", "created", "meta",   "calendar",  "clock",
      "author",  "autor", "info",     "footer",  "lastmod"};
  for (std::string_view p : kParts) {
    if (Contains(cls, p)) return true;
  }
  return false;
}

// A class or id word ("comment-body", "comments", "fb-comments") naming a
// section of readers' comments; "PageArticle_commentHeader" (an opinion
// piece's header) is none.
bool NamesComments(std::string_view cls) {
  size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && !std::isalnum(static_cast<unsigned char>(cls[i]))) ++i;
    size_t end = i;
    while (end < cls.size() && std::isalnum(static_cast<unsigned char>(cls[end]))) ++end;
    if (In(cls.substr(i, end - i), {"comment", "comments", "commentlist", "recentcomments", "reply",
                                    "replies", "respond", "disqus"})) {
      return true;
    }
    i = end;
  }
  return false;
}

bool IsSkipped(GumboTag tag) {
  return tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_SVG ||
         tag == GUMBO_TAG_MATH || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_IFRAME ||
         tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_CANVAS || tag == GUMBO_TAG_VIDEO ||
         tag == GUMBO_TAG_AUDIO;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Appends `text` to *out with whitespace collapsed, up to `limit` bytes.
void AppendCollapsed(const char* text, size_t limit, std::string* out) {
  for (const char* p = text; *p != '\0' && out->size() < limit; ++p) {
    if (IsSpace(*p)) {
      if (!out->empty() && out->back() != ' ') *out += ' ';
    } else {
      *out += *p;
    }
  }
}

// Nodes TextPrefix visits at most: a date-classed element with thousands of
// empty descendants must not make the walk quadratic.
constexpr size_t kTextPrefixNodes = 4096;

// The first `limit` bytes of the text under `node`, whitespace collapsed.
// Children are taken one at a time (no list of all of them per element), so
// the work is bounded by `limit` and kTextPrefixNodes, whatever the page.
std::string TextPrefix(const GumboNode* node, size_t limit) {
  std::string out;
  struct Frame {
    const GumboNode* node;
    unsigned next;  // the next child to visit
  };
  std::vector<Frame> stack = {{node, 0}};
  auto text_of = [&](const GumboNode* n) {
    if (!out.empty() && out.back() != ' ') out += ' ';
    AppendCollapsed(n->v.text.text, limit, &out);
  };
  size_t visited = 0;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
      node->type == GUMBO_NODE_WHITESPACE) {
    text_of(node);
    stack.clear();
  }
  while (!stack.empty() && out.size() < limit && visited < kTextPrefixNodes) {
    Frame& f = stack.back();
    if (f.node->type != GUMBO_NODE_ELEMENT || f.next >= f.node->v.element.children.length) {
      stack.pop_back();
      continue;
    }
    const auto* kid = static_cast<const GumboNode*>(f.node->v.element.children.data[f.next++]);
    ++visited;
    if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA ||
        kid->type == GUMBO_NODE_WHITESPACE) {
      text_of(kid);
    } else if (kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag != GUMBO_TAG_SCRIPT &&
               !IsSkipped(kid->v.element.tag)) {
      stack.push_back({kid, 0});
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  // Do not end inside a UTF-8 character.
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

class Collector {
 public:
  explicit Collector(HtmlClues* out) : out_(out) {}

  void Run(const GumboNode* root) {
    struct Step {
      const GumboNode* node;
      bool leave;
      bool comments;  // entering it opened a comment section
    };
    std::vector<Step> stack = {{root, false, false}};
    while (!stack.empty()) {
      const Step step = stack.back();
      stack.pop_back();
      const GumboNode* n = step.node;
      if (step.leave) {
        if (step.comments) --comments_;
        continue;
      }
      if (n->type == GUMBO_NODE_DOCUMENT) {
        const GumboVector& kids = n->v.document.children;
        for (unsigned k = kids.length; k-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(kids.data[k]), false, false});
        }
        continue;
      }
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& el = n->v.element;
      if (IsSkipped(el.tag)) continue;
      const char* id = Attr(el, "id");
      // The Wayback Machine's banner carries the capture's dates.
      if (id != nullptr && std::strncmp(id, "wm-ipp", 6) == 0) continue;
      const bool opens_comments = Element(n);
      if (el.tag == GUMBO_TAG_SCRIPT) continue;
      if (opens_comments) ++comments_;
      stack.push_back({n, true, opens_comments});
      for (unsigned k = el.children.length; k-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(el.children.data[k]), false, false});
      }
    }
  }

 private:
  // Reads one element's clues; true when it opens a comment section.
  bool Element(const GumboNode* n) {
    const GumboElement& el = n->v.element;
    const char* cls_raw = Attr(el, "class");
    const char* id_raw = Attr(el, "id");
    const char* itemprop_raw = Attr(el, "itemprop");
    const std::string cls = cls_raw != nullptr ? Lower(cls_raw) : std::string();
    const std::string id = id_raw != nullptr ? Lower(id_raw) : std::string();
    const std::string itemprop = itemprop_raw != nullptr ? Lower(itemprop_raw) : std::string();
    switch (el.tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attr(el, "lang")) out_->lang = Lower(lang);
        break;
      case GUMBO_TAG_META:
        Meta(el);
        return false;
      case GUMBO_TAG_LINK:
        if (const char* rel = Attr(el, "rel"); rel != nullptr && Lower(rel) == "canonical") {
          if (const char* href = Attr(el, "href"); href != nullptr && !canonical_from_link_) {
            out_->canonical_url = href;
            canonical_from_link_ = true;
          }
        }
        return false;
      case GUMBO_TAG_SCRIPT:
        if (const char* type = Attr(el, "type"); type != nullptr &&
                                                 Lower(type) == "application/ld+json" &&
                                                 out_->json_ld.size() < kMaxClues) {
          std::string body;
          for (unsigned k = 0; k < el.children.length; ++k) {
            const auto* kid = static_cast<const GumboNode*>(el.children.data[k]);
            if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA ||
                kid->type == GUMBO_NODE_WHITESPACE) {
              body += kid->v.text.text;
            }
          }
          out_->json_ld.push_back(std::move(body));
        }
        return false;
      case GUMBO_TAG_TITLE:
      case GUMBO_TAG_H1:
        if (el.tag == GUMBO_TAG_TITLE || !seen_h1_) {
          out_->headlines.push_back(TextPrefix(n, 2 * kClueTextBytes));
          // The headline's surroundings (kicker, byline) often give the day.
          if (el.tag == GUMBO_TAG_H1 && n->parent != nullptr &&
              n->parent->type == GUMBO_NODE_ELEMENT) {
            out_->headlines.push_back(TextPrefix(n->parent, 4 * kClueTextBytes));
          }
          if (el.tag == GUMBO_TAG_H1) seen_h1_ = true;
        }
        break;
      default:
        break;
    }
    if (el.tag == GUMBO_TAG_TIME || el.tag == GUMBO_TAG_ABBR) {
      Markup(n, MarkupClue::Kind::kTime, cls, itemprop);
    } else if (NamesDate(cls) || NamesDate(id) || Contains(itemprop, "date")) {
      Markup(n, MarkupClue::Kind::kElement, cls, itemprop);
    }
    if (!itemprop.empty() && el.tag != GUMBO_TAG_META && out_->microdata.size() < kMaxClues) {
      if (auto role = RoleOfName(itemprop)) {
        const char* value = Attr(el, "content");
        if (value == nullptr) value = Attr(el, "datetime");
        const auto date =
            ParseDateValue(value != nullptr ? std::string(value) : TextPrefix(n, kClueTextBytes));
        if (date) out_->microdata.push_back({*role, *date});
      }
    }
    return NamesComments(cls) || NamesComments(id);
  }

  void Meta(const GumboElement& el) {
    const char* content = Attr(el, "content");
    if (content == nullptr) content = Attr(el, "datetime");
    if (content == nullptr) return;
    std::optional<DateRole> role;
    for (const char* key : {"property", "name", "itemprop", "http-equiv"}) {
      const char* raw = Attr(el, key);
      if (raw == nullptr) continue;
      const std::string name = Lower(raw);
      if (name == "og:url") {
        if (!canonical_from_link_ && out_->canonical_url.empty()) out_->canonical_url = content;
        return;
      }
      if (name == "og:image") {
        if (out_->image_url.empty()) out_->image_url = content;
        return;
      }
      role = RoleOfName(name);
      if (role) break;
    }
    if (!role && Attr(el, "pubdate") != nullptr) role = DateRole::kPublished;
    if (!role || out_->meta.size() >= kMaxClues) return;
    if (auto date = ParseDateValue(content)) out_->meta.push_back({*role, *date});
  }

  void Markup(const GumboNode* n, MarkupClue::Kind kind, const std::string& cls,
              const std::string& itemprop) {
    if (out_->markup.size() >= kMaxClues) return;
    const GumboElement& el = n->v.element;
    MarkupClue clue;
    clue.kind = kind;
    if (kind == MarkupClue::Kind::kTime) {
      const char* value = Attr(el, "datetime");
      if (value == nullptr && el.tag == GUMBO_TAG_ABBR) value = Attr(el, "title");
      if (value == nullptr) value = Attr(el, "data-utime");
      if (value != nullptr) clue.value = value;
    }
    clue.text = TextPrefix(n, kClueTextBytes);
    if (clue.value.empty() && clue.text.empty()) return;
    const bool published = Attr(el, "pubdate") != nullptr || Contains(cls, "publish") ||
                           Contains(cls, "entry-date") || Contains(cls, "post-date") ||
                           Contains(itemprop, "datepublished") || Contains(itemprop, "datecreated");
    clue.modified = !published && (Contains(cls, "update") || Contains(cls, "modif") ||
                                   Contains(itemprop, "datemodified"));
    clue.in_comments = comments_ > 0;
    out_->markup.push_back(std::move(clue));
  }

  HtmlClues* out_;
  int comments_ = 0;
  bool canonical_from_link_ = false;
  bool seen_h1_ = false;
};

}  // namespace

HtmlClues CollectHtmlClues(const GumboNode* root) {
  HtmlClues clues;
  Collector(&clues).Run(root);
  return clues;
}

}  // namespace precis::ingest::dates
