#include "engine/ingest/dates/json_ld.h"

#include <nlohmann/json.hpp>
#include <string>

#include "engine/ingest/dates/date_text.h"

namespace precis::ingest::dates {
namespace {

using nlohmann::json;

// JSON nested deeper than this is not searched (real JSON-LD stays under 10).
constexpr int kMaxDepth = 32;

bool IsArticleType(const json& type) {
  auto article = [](const std::string& t) {
    return t.find("Article") != std::string::npos || t.find("Posting") != std::string::npos ||
           t == "Blog" || t == "Report";
  };
  if (type.is_string()) return article(type.get_ref<const std::string&>());
  if (type.is_array()) {
    for (const json& t : type) {
      if (t.is_string() && article(t.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

struct Found {
  std::optional<DateValue> article_published, published, created, modified;
  std::vector<DatedClue>* all = nullptr;
};

void Take(const json& object, const char* key, DateRole role, std::optional<DateValue>* slot,
          Found* found) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return;
  if (*slot && found->all == nullptr) return;
  const auto value = ParseDateValue(it->get_ref<const std::string&>());
  if (!value) return;
  if (found->all != nullptr) found->all->push_back({role, *value});
  if (!*slot) *slot = value;
}

void Walk(const json& node, int depth, Found* found) {
  if (depth > kMaxDepth) return;
  if (node.is_array()) {
    for (const json& item : node) Walk(item, depth + 1, found);
    return;
  }
  if (!node.is_object()) return;
  const auto type = node.find("@type");
  if (type != node.end() && IsArticleType(*type) && !found->article_published) {
    const auto it = node.find("datePublished");
    if (it != node.end() && it->is_string()) {
      found->article_published = ParseDateValue(it->get_ref<const std::string&>());
    }
  }
  Take(node, "datePublished", DateRole::kPublished, &found->published, found);
  Take(node, "uploadDate", DateRole::kPublished, &found->published, found);
  Take(node, "dateCreated", DateRole::kCreated, &found->created, found);
  Take(node, "dateModified", DateRole::kModified, &found->modified, found);
  for (const auto& [key, value] : node.items()) {
    if (value.is_structured()) Walk(value, depth + 1, found);
  }
}

// `"key": "value"` pairs in text that does not parse as JSON.
std::optional<DateValue> ScanPair(std::string_view text, std::string_view key) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    size_t i = at + key.size();
    if (i >= text.size() || text[i] != '"') continue;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    if (i >= text.size() || text[i] != '"') continue;
    const size_t end = text.find('"', i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    if (auto value = ParseDateValue(text.substr(i + 1, end - i - 1))) return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DatedClue> JsonLdDate(std::string_view script, std::vector<DatedClue>* all) {
  Found found;
  found.all = all;
  const json doc = json::parse(script, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_discarded()) {
    Walk(doc, 0, &found);
  } else {
    found.published = ScanPair(script, "\"datePublished");
    found.created = ScanPair(script, "\"dateCreated");
    found.modified = ScanPair(script, "\"dateModified");
    if (all != nullptr) {
      if (found.published) all->push_back({DateRole::kPublished, *found.published});
      if (found.created) all->push_back({DateRole::kCreated, *found.created});
      if (found.modified) all->push_back({DateRole::kModified, *found.modified});
    }
  }
  if (found.article_published) return DatedClue{DateRole::kPublished, *found.article_published};
  if (found.published) return DatedClue{DateRole::kPublished, *found.published};
  if (found.created) return DatedClue{DateRole::kCreated, *found.created};
  if (found.modified) return DatedClue{DateRole::kModified, *found.modified};
  return std::nullopt;
}

}  // namespace precis::ingest::dates
