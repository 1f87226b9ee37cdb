-- Track Event (trackEvent) — upstream's default mapping (docs/upstream-behaviour.md §3.1):
-- its own fields, then commonFields (presets/common.lua). Preset subscription: type = "track"
local m = require "mapping"
local enc = require "encharge"
local path = m.path

return m.fields(enc.with(enc.common_fields(), {
  event      = path "$.event",
  properties = path "$.properties",
  userFields = path "$.context.traits",
}))
