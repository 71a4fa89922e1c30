// A program a newsroom engineer might write against the installed precis.
#include <precis/engine.h>

#include <iostream>

int main() {
  auto engine = precis::Engine::Create(precis::Options{});
  if (!engine.ok()) {
    std::cerr << engine.status().ToString() << "\n";
    return 1;
  }
  precis::Document a;
  a.id = "a";
  a.title = "Storm hits the coast";
  a.text = "A storm hit the northern coast on Monday. Thousands of homes lost power.";
  precis::Document b = a;
  b.id = "b";
  for (auto& doc : {a, b}) {
    if (auto s = (*engine)->Add(doc); !s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 1;
    }
  }
  auto result = (*engine)->Run();
  if (!result.ok()) {
    std::cerr << result.status().ToString() << "\n";
    return 1;
  }
  size_t sentences = 0;
  for (const auto& doc : result->documents) sentences += doc.sentences.size();
  std::cout << "documents: " << result->documents.size() << "\nsentences: " << sentences << "\n";
  return 0;
}
