#include "engine/ingest/json_record.h"

#include <nlohmann/json.hpp>

namespace precis::ingest {
namespace {

using nlohmann::json;

// Moves optional string field `name` into `out` (the parsed record is
// discarded afterwards: moving spares a copy of every string).
Status OptionalString(json& record, const char* name, std::string* out) {
  auto it = record.find(name);
  if (it == record.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) return Status::Corruption(std::string("\"") + name + "\" must be a string");
  *out = std::move(it->get_ref<std::string&>());
  return Status::OK();
}

}  // namespace

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

StatusOr<Document> ParseJsonRecord(std::string_view line) {
  // The parser's exceptions never leave this function.
  json record;
  try {
    record = json::parse(line);
  } catch (const json::exception& e) {
    std::string what = e.what();
    if (const size_t cut = what.find("] "); cut != std::string::npos) what.erase(0, cut + 2);
    return Status::Corruption("malformed JSON: " + what);
  }
  if (!record.is_object())
    return Status::Corruption("a record must be a JSON object with \"id\" and \"text\"");
  Document doc;
  auto id = record.find("id");
  if (id == record.end() || id->is_null()) return Status::Corruption("missing \"id\"");
  if (id->is_string()) {
    doc.id = std::move(id->get_ref<std::string&>());
  } else if (id->is_number_integer()) {
    doc.id = id->dump();
  } else {
    return Status::Corruption("\"id\" must be a string or an integer");
  }
  if (doc.id.empty()) return Status::Corruption("empty \"id\"");
  auto text = record.find("text");
  if (text == record.end() || text->is_null()) return Status::Corruption("missing \"text\"");
  if (!text->is_string()) return Status::Corruption("\"text\" must be a string");
  doc.text = std::move(text->get_ref<std::string&>());
  for (auto [name, field] : {std::pair{"title", &doc.title}, std::pair{"url", &doc.url},
                             std::pair{"date", &doc.date}, std::pair{"lang", &doc.lang}}) {
    if (Status s = OptionalString(record, name, field); !s.ok()) return s;
  }
  // A headline alone is still a report (news leads sometimes come without body).
  if (IsBlankLine(doc.text) && IsBlankLine(doc.title)) {
    return Status::Corruption("empty \"text\" and no \"title\"");
  }
  return doc;
}

}  // namespace precis::ingest
