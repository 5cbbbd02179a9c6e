#pragma once
/// Just enough XML for the AWS query and EC2 APIs: the text of an element found by tag
/// name, with the predefined entities and ASCII character references replaced. Not a
/// general XML parser: no namespaces prefixes, CDATA or comments (AWS answers use none).

#include <optional>
#include <string>
#include <string_view>

namespace cloud_tasks::http {

/// Replaces &lt; &gt; &amp; &quot; &apos; and ASCII numeric references (&#10; &#x41;).
std::string XmlUnescape(std::string_view s);

/// Raw content of the first <tag>...</tag> (or <tag attr="..">...</tag>; "" for <tag/>)
/// in `xml`; nullopt when absent or unterminated.
std::optional<std::string_view> XmlElement(std::string_view xml, std::string_view tag);

/// XmlElement, trimmed and unescaped; "" when absent.
std::string XmlText(std::string_view xml, std::string_view tag);

}  // namespace cloud_tasks::http
