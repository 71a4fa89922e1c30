#include "engine/ingest/html.h"

#include <gumbo.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "engine/ingest/offset_map.h"

namespace precis::ingest {
namespace {

// Deepest element nesting parsed (real pages stay under a few hundred).
constexpr size_t kMaxDepth = 1000;
// Longest text a character reference decodes to (two code points, UTF-8).
constexpr size_t kMaxReferenceBytes = 8;

enum class Role { kInline, kDrop, kLine, kParagraph, kCell };

Role RoleOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
      return Role::kDrop;
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_HGROUP:
      return Role::kParagraph;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY:
      return Role::kLine;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return Role::kCell;
    default:
      return Role::kInline;
  }
}

bool IsHidden(const GumboElement& el) {
  if (gumbo_get_attribute(&el.attributes, "hidden") != nullptr) return true;
  const GumboAttribute* aria = gumbo_get_attribute(&el.attributes, "aria-hidden");
  return aria != nullptr && std::strcmp(aria->value, "true") == 0;
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Lays text out the way a browser shows it: collapsed spaces, line and
// paragraph breaks between blocks, nothing at the start or end. Break bytes
// map to the end of the text before them, so a line's end maps exactly.
class Layout {
 public:
  void Break(int level) { pending_break_ = std::max(pending_break_, level); }
  void Space(uint64_t source) {
    if (!pending_space_) space_source_ = source;
    pending_space_ = true;
  }
  // Byte `c` mapped to source offset `source`; `source_end` is where the
  // source of the text written so far ends.
  void Byte(char c, uint64_t source, uint64_t source_end) {
    if (!out_.empty()) {
      if (pending_break_ > 0) {
        for (int k = 0; k < pending_break_; ++k) out_.Append('\n', end_);
      } else if (pending_space_) {
        out_.Append(' ', std::max(space_source_, end_));
      }
    }
    pending_break_ = 0;
    pending_space_ = false;
    out_.Append(c, source);
    end_ = source_end;
  }
  std::string Take(std::vector<OffsetRun>* map) { return out_.TakeText(map, end_); }

 private:
  OffsetMapBuilder out_;
  int pending_break_ = 0;  // 1: line, 2: paragraph
  bool pending_space_ = false;
  uint64_t space_source_ = 0;
  uint64_t end_ = 0;  // source offset just after the last byte written
};

// End of the character reference starting at raw[i] == '&'.
size_t ReferenceEnd(std::string_view raw, size_t i) {
  size_t e = i + 1;
  if (e < raw.size() && raw[e] == '#') {
    ++e;
    if (e < raw.size() && (raw[e] == 'x' || raw[e] == 'X')) ++e;
  }
  while (e < raw.size() && std::isalnum(static_cast<unsigned char>(raw[e]))) ++e;
  if (e < raw.size() && raw[e] == ';') ++e;
  return e;
}

// Emits gumbo's decoded text `text` of a node whose raw bytes are `raw`,
// starting at offset `base` of the page, aligning the two (see html.h).
void EmitText(std::string_view text, std::string_view raw, uint64_t base, bool pre, Layout* out) {
  // Byte text[j], mapped to `source`, whose character's source ends at `end`.
  auto emit = [&](size_t j, uint64_t source, uint64_t end) {
    const char c = text[j];
    if (IsHtmlSpace(c)) {
      if (pre && c == '\n') {
        out->Break(1);
      } else {
        out->Space(source);
      }
    } else {
      out->Byte(c, source, end);
    }
  };
  size_t i = 0, j = 0;
  while (j < text.size()) {
    if (i < raw.size() && raw[i] == '\r' && text[j] == '\n') {  // the parser made CR LF / CR a LF
      const size_t next = (i + 1 < raw.size() && raw[i + 1] == '\n') ? i + 2 : i + 1;
      emit(j, base + i, base + next);
      i = next;
      ++j;
      continue;
    }
    if (i < raw.size() && raw[i] == '&') {
      const size_t e = ReferenceEnd(raw, i);
      const std::string_view ref = raw.substr(i, e - i);
      if (text.substr(j, ref.size()) != ref) {
        // Decoded: it ends where the literal text after it starts again.
        size_t next = e;
        while (next < raw.size() && raw[next] != '&' && raw[next] != '\r' && next - e < 16) ++next;
        const std::string_view literal = raw.substr(e, next - e);
        size_t k = std::string_view::npos;
        const size_t last = std::min(text.size(), j + kMaxReferenceBytes);
        for (size_t cand = j + 1; cand <= last; ++cand) {
          const bool fits = literal.empty()
                                ? (e == raw.size() ? cand == text.size() : cand < text.size())
                                : text.substr(cand, literal.size()) == literal;
          if (fits) {
            k = cand;
            break;
          }
        }
        if (k == std::string_view::npos) break;
        // First byte -> the '&', last byte of a multi-byte result -> the ';'.
        for (size_t m = j; m < k; ++m) {
          emit(m, (m + 1 == k && m > j) ? base + e - 1 : base + i, base + e);
        }
        j = k;
        i = e;
        continue;
      }
    }
    if (i < raw.size() && raw[i] == text[j]) {
      emit(j, base + i, base + i + 1);
      ++i;
      ++j;
      continue;
    }
    break;  // lost alignment
  }
  const uint64_t rest = base + std::min(i, raw.size());
  for (; j < text.size(); ++j) emit(j, rest, rest);
}

// gumbo decodes a numeric character reference past 32 bits ("&#xeeeeeeee;")
// to a stray byte or two (its code point overflows) instead of U+FFFD, as
// browsers do; such bytes would break the promise that the text is UTF-8.
bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// `s` with each malformed sequence replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view s) {
  std::string out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

// Text of `node` and its descendants, whitespace collapsed (for titles).
std::string PlainText(const GumboNode* node) {
  std::string out;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      for (const char* p = n->v.text.text; *p != '\0'; ++p) {
        if (IsHtmlSpace(*p)) {
          if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
          out += *p;
        }
      }
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& kids = n->v.element.children;
      for (unsigned k = kids.length; k-- > 0;)
        stack.push_back(static_cast<const GumboNode*>(kids.data[k]));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!IsValidUtf8(out)) out = ReplaceInvalidUtf8(out);
  return out;
}

// First element with `tag` in document order, or null.
const GumboNode* FindFirst(const GumboNode* root, GumboTag tag) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag) return n;
    const GumboVector& kids =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned k = kids.length; k-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(kids.data[k]));
  }
  return nullptr;
}

// Tags whose end tag is never written (void) or may be left out; they do
// not deepen the tree in a way the nesting estimate should count.
bool NeverNests(std::string_view tag) {
  static const char* const kTags[] = {
      "area",    "base",  "br",     "col",    "embed",    "hr",    "img",   "input",   "link",
      "meta",    "param", "source", "track",  "wbr",      "p",     "li",    "dt",      "dd",
      "tr",      "td",    "th",     "option", "optgroup", "thead", "tbody", "tfoot",   "colgroup",
      "caption", "html",  "head",   "body",   "rb",       "rt",    "rp",    "!doctype"};
  for (const char* t : kTags) {
    if (tag == t) return true;
  }
  return false;
}

// Deepest nesting of elements, estimated from start and end tags without
// parsing (comments and self-closing tags skipped). O(size).
size_t EstimateDepth(std::string_view html) {
  size_t depth = 0, deepest = 0;
  for (size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    size_t k = i + 1;
    const bool closing = k < html.size() && html[k] == '/';
    if (closing) ++k;
    std::string tag;
    while (k < html.size() &&
           (std::isalnum(static_cast<unsigned char>(html[k])) || html[k] == '!') &&
           tag.size() < 16) {
      tag += static_cast<char>(std::tolower(static_cast<unsigned char>(html[k++])));
    }
    if (tag.empty() || NeverNests(tag)) continue;
    const size_t gt = html.find('>', k);
    if (!closing && gt != std::string_view::npos && gt > 0 && html[gt - 1] == '/') continue;
    if (closing) {
      if (depth > 0) --depth;
    } else {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

struct OutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

}  // namespace

StatusOr<HtmlText> ExtractHtml(std::string_view html, const dates::DateContext* date) {
  // gumbo needs time and memory quadratic in the nesting depth (20,000
  // nested <div>s take a minute and 3 GB): refuse such pages up front.
  if (const size_t depth = EstimateDepth(html); depth > kMaxDepth) {
    return Status::Unsupported("HTML nested " + std::to_string(depth) + " elements deep (limit " +
                               std::to_string(kMaxDepth) + "); precis cannot parse it safely");
  }
  HtmlText result;
  std::unique_ptr<GumboOutput, OutputDeleter> parsed(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  if (const GumboNode* title = FindFirst(parsed->document, GUMBO_TAG_TITLE))
    result.title = PlainText(title);
  if (result.title.empty()) {
    if (const GumboNode* h1 = FindFirst(parsed->document, GUMBO_TAG_H1))
      result.title = PlainText(h1);
  }

  // Iterative walk (pages can nest deeper than the stack allows); an entry
  // with `leave` set closes an element after its children.
  struct Step {
    const GumboNode* node;
    bool leave;
  };
  Layout layout;
  int pre_depth = 0;
  std::vector<Step> stack = {{parsed->document, false}};
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    const GumboNode* n = step.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
      const GumboText& t = n->v.text;
      const char* raw = t.original_text.data;
      const bool inside = raw != nullptr && raw >= html.data() &&
                          raw + t.original_text.length <= html.data() + html.size();
      const uint64_t base = inside ? static_cast<uint64_t>(raw - html.data()) : t.start_pos.offset;
      std::string repaired;
      std::string_view text = t.text;
      if (!IsValidUtf8(text)) text = repaired = ReplaceInvalidUtf8(text);
      EmitText(text, inside ? std::string_view(raw, t.original_text.length) : std::string_view(),
               base, pre_depth > 0, &layout);
      continue;
    }
    if (n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& kids = n->v.document.children;
      for (unsigned k = kids.length; k-- > 0;)
        stack.push_back({static_cast<const GumboNode*>(kids.data[k]), false});
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;  // comments, CDATA, templates
    const GumboElement& el = n->v.element;
    const Role role = RoleOf(el.tag);
    const uint64_t at = el.start_pos.offset;
    auto separate = [&] {
      if (role == Role::kParagraph) layout.Break(2);
      if (role == Role::kLine) layout.Break(1);
      if (role == Role::kCell) layout.Space(at);
    };
    if (step.leave) {
      separate();
      if (el.tag == GUMBO_TAG_PRE) --pre_depth;
      continue;
    }
    if (role == Role::kDrop || IsHidden(el)) continue;
    separate();
    if (el.tag == GUMBO_TAG_PRE) ++pre_depth;
    stack.push_back({n, true});
    for (unsigned k = el.children.length; k-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(el.children.data[k]), false});
    }
  }
  result.text = layout.Take(&result.source_map);
  if (date != nullptr) result.date = dates::PageDate(parsed->document, result.text, *date);
  return result;
}

}  // namespace precis::ingest
