#pragma once
/// How an unquoted YAML scalar is typed, shared by the config loader and the task-file
/// reader so both agree with PyYAML's safe loader (YAML 1.1 core types), which the
/// original used: `~`, `null`, empty → null; `true/false/yes/no/on/off` (any of the
/// three capitalisations) → bool; decimal, `0x`, `0o` and `_`-grouped integers → int;
/// decimal/exponent floats and `.inf`/`.nan` → float; anything else → string.
/// Quoted scalars are always strings and never pass through here.

#include <string_view>

#include "core/json.h"

namespace cloud_tasks {

/// Types a plain (unquoted) scalar. Never fails: what is not null/bool/number is a string.
Json ResolvePlainScalar(std::string_view text);

/// Applies an explicit standard tag (`tag:yaml.org,2002:str|int|float|bool|null`) to a
/// scalar. Returns false when the tag is not one of those (the caller reports an error:
/// no arbitrary tags are honoured).
bool ResolveTaggedScalar(std::string_view tag, std::string_view text, Json& out);

}  // namespace cloud_tasks
