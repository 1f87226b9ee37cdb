-- Track Page View (trackPageView) — upstream's default mapping (docs/upstream-behaviour.md §3.3):
-- its own fields, then commonFields. Preset subscription: type = "page"
-- The page's `name` is not mapped by default.
local m = require "mapping"
local enc = require "encharge"
local path = m.path

return m.fields(enc.with(enc.common_fields(), {
  properties = path "$.properties",
  userFields = path "$.context.traits",
}))
