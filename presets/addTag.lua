-- Tag User (addTag) — upstream's default field values (spec §3.6).
-- No preset subscription upstream: subscribe it yourself in the config.
local m = require "mapping"
local path, if_exists = m.path, m.if_exists

return m.fields {
  tag                = path "$.traits.tag",
  email              = if_exists(path "$.context.traits.email", path "$.context.traits.email", path "$.properties.email"),
  userId             = path "$.userId",
  segmentAnonymousId = path "$.anonymousId",
}
