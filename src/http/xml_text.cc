#include "http/xml_text.h"

#include <array>
#include <cstdlib>
#include <utility>

#include "core/strings.h"

namespace cloud_tasks::http {

// Replaces the five predefined XML entities and numeric character references.
std::string XmlUnescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view entity = s.substr(i + 1, semi - i - 1);
    static constexpr std::array<std::pair<std::string_view, char>, 5> kNamed = {
        {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}}};
    bool done = false;
    for (auto [name, c] : kNamed) {
      if (entity == name) {
        out += c;
        done = true;
      }
    }
    if (!done && entity.size() > 1 && entity[0] == '#') {
      bool hex = entity[1] == 'x' || entity[1] == 'X';
      long cp = std::strtol(std::string(entity.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
      if (cp > 0 && cp < 0x80) {  // the codes AWS escapes are ASCII; others left as written
        out += static_cast<char>(cp);
        done = true;
      }
    }
    if (!done) {
      out += s[i];
      continue;
    }
    i = semi;
  }
  return out;
}

std::optional<std::string_view> XmlElement(std::string_view xml, std::string_view tag) {
  std::string open = "<" + std::string(tag);
  for (size_t pos = xml.find(open); pos != std::string_view::npos; pos = xml.find(open, pos + 1)) {
    size_t after = pos + open.size();
    if (after >= xml.size() || (xml[after] != '>' && xml[after] != ' ' && xml[after] != '/')) continue;
    size_t start = xml.find('>', after);
    if (start == std::string_view::npos) return std::nullopt;
    if (xml[start - 1] == '/') return std::string_view();  // <Tag/>
    size_t end = xml.find("</" + std::string(tag) + ">", start);
    if (end == std::string_view::npos) return std::nullopt;
    return xml.substr(start + 1, end - start - 1);
  }
  return std::nullopt;
}

std::string XmlText(std::string_view xml, std::string_view tag) {
  auto e = XmlElement(xml, tag);
  return e ? XmlUnescape(Trim(*e)) : std::string();
}

}  // namespace cloud_tasks::http
