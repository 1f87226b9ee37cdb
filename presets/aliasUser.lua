-- Alias User (aliasUser) — upstream's default mapping (docs/upstream-behaviour.md §3.4).
-- Preset subscription: type = "alias"
local m = require "mapping"
local path = m.path

return m.fields {
  userId         = path "$.userId",
  previousUserId = path "$.previousId",
  timestamp      = path "$.timestamp",
  messageId      = path "$.messageId",
}
