-- Identify User (identifyUser) — upstream's default mapping (docs/upstream-behaviour.md §3.2):
-- user and its own email default, then commonFields. Preset subscription: type = "identify"
-- Note the email default: $.traits.email first, then $.context.traits.email.
local m = require "mapping"
local enc = require "encharge"
local path, if_exists = m.path, m.if_exists

return m.fields(enc.with(enc.common_fields(), {
  user  = path "$.traits",
  email = if_exists(path "$.traits.email", path "$.traits.email", path "$.context.traits.email"),
}))
