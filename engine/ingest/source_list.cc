#include "engine/ingest/source_list.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace precis::ingest {
namespace fs = std::filesystem;
namespace {

const char kKnownTypes[] = "precis reads .txt .md .html .htm .jsonl";

// Whether canonical path `p` is `root` or lies under it, compared by whole
// components so that "/data/news2" is not inside "/data/news".
bool IsInside(const fs::path& p, const fs::path& root) {
  if (root.empty()) return false;
  auto pi = p.begin();
  for (auto ri = root.begin(); ri != root.end(); ++ri, ++pi) {
    if (pi == p.end() || *pi != *ri) return false;
  }
  return true;
}

class FolderWalker {
 public:
  FolderWalker(const std::string& root, bool follow_links, std::vector<SourceEntry>* out)
      : root_(root), follow_links_(follow_links), out_(out) {
    std::error_code ec;
    // Left empty when it cannot be resolved: then no link counts as inside,
    // the safe side (and the folder itself is unlikely to be listable).
    root_canonical_ = fs::canonical(root, ec);
    if (ec) root_canonical_.clear();
  }

  void Walk(const fs::path& dir, const std::string& rel) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    const bool pushed = !ec;
    if (pushed) folders_.push_back(canonical);
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      Visit(it->path(), rel + it->path().filename().string());
    }
    if (ec) Report(rel, Status::IOError("cannot list folder: " + ec.message()));
    if (pushed) folders_.pop_back();
  }

 private:
  void Visit(const fs::path& path, const std::string& rel) {
    const std::string name = path.filename().string();
    if (name.empty() || name[0] == '.') return;
    const Format format = FormatOfPath(name);
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec) {
      if (ec == std::errc::too_many_symbolic_link_levels) {
        Report(rel, Status::Unsupported("symbolic link loop; not followed"));
      } else if (format != Format::kUnknown) {
        Report(rel, Status::NotFound("broken symbolic link: " + ec.message()));
      }
      return;
    }
    // A link is judged by where it ends up, so a chain of links or a link
    // to an inside folder through an outside path is decided correctly.
    // Only links need checking: anything else met in the walk lies inside,
    // since the walk entered no outside folder.
    if (!follow_links_ && (fs::is_directory(st) || format != Format::kUnknown) &&
        fs::is_symlink(fs::symlink_status(path, ec))) {
      const fs::path target = fs::canonical(path, ec);
      if (ec) {
        // status() resolved it a moment ago: the link changed under us.
        Report(rel, Status::IOError("cannot resolve symbolic link: " + ec.message()));
        return;
      }
      if (!IsInside(target, root_canonical_)) {
        Report(rel, Status::Unsupported("symbolic link to " + target.string() + " leads outside " +
                                        root_ + "; not followed (use --follow to follow it)"));
        return;
      }
    }
    if (fs::is_directory(st)) {
      const fs::path canonical = fs::canonical(path, ec);
      if (!ec && std::find(folders_.begin(), folders_.end(), canonical) != folders_.end()) {
        Report(rel, Status::Unsupported("symbolic link loop: leads back to " + canonical.string() +
                                        "; not followed"));
        return;
      }
      Walk(path, rel + "/");
      return;
    }
    if (format == Format::kUnknown) return;
    if (!fs::is_regular_file(st)) {
      Report(rel, Status::Unsupported("not a regular file (device, pipe or socket)"));
      return;
    }
    out_->push_back({Display(rel), rel, format, Status::OK()});
  }

  void Report(std::string rel, Status problem) {
    if (!rel.empty() && rel.back() == '/') rel.pop_back();
    out_->push_back({Display(rel), rel, Format::kUnknown, std::move(problem)});
  }

  std::string Display(const std::string& rel) const {
    if (rel.empty()) return root_;
    return (fs::path(root_) / rel).generic_string();
  }

  std::string root_;
  fs::path root_canonical_;
  bool follow_links_;
  std::vector<SourceEntry>* out_;
  std::vector<fs::path> folders_;  // canonical paths of the folders being walked
};

}  // namespace

Format FormatOfPath(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return Format::kUnknown;
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "txt" || ext == "md") return Format::kText;
  if (ext == "html" || ext == "htm") return Format::kHtml;
  if (ext == "jsonl") return Format::kJsonLines;
  return Format::kUnknown;
}

StatusOr<std::vector<SourceEntry>> ListSources(const std::vector<std::string>& paths,
                                               bool follow_links) {
  if (paths.empty())
    return Status::InvalidArgument("no input paths given; name files or folders to read");
  std::vector<SourceEntry> entries;
  for (const std::string& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      if (ec == std::errc::too_many_symbolic_link_levels) {
        entries.push_back(
            {p, p, Format::kUnknown, Status::Unsupported("symbolic link loop; not followed")});
        continue;
      }
      return Status::NotFound(p + ": no such file or folder; check the path");
    }
    if (fs::is_directory(st)) {
      std::vector<SourceEntry> found;
      FolderWalker(p, follow_links, &found).Walk(p, "");
      std::stable_sort(found.begin(), found.end(),
                       [](const SourceEntry& a, const SourceEntry& b) { return a.id < b.id; });
      for (SourceEntry& e : found) entries.push_back(std::move(e));
      continue;
    }
    const std::string id = fs::path(p).lexically_normal().generic_string();
    const Format format = FormatOfPath(p);
    if (format == Format::kUnknown) {
      entries.push_back(
          {p, id, format, Status::Unsupported(std::string("unknown file type; ") + kKnownTypes)});
    } else if (!fs::is_regular_file(st)) {
      entries.push_back(
          {p, id, format, Status::Unsupported("not a regular file (device, pipe or socket)")});
    } else {
      entries.push_back({p, id, format, Status::OK()});
    }
  }
  return entries;
}

}  // namespace precis::ingest
