-- signup.lua — a worked example of a custom mapping script.
--
-- Sends "Signed Up" track events to Encharge's Track Event action with a
-- renamed event, the plan upper-cased, and the user's first name taken from
-- wherever the source put it. Config entry:
--   { name = "Signups", action = "trackEvent", script = "signup.lua",
--     subscribe = 'type = "track" and event = "Signed Up"' }
-- Try it:
--   build/encharge-actions preview --event scripts/examples/signup-event.json \
--       --action trackEvent --script scripts/examples/signup.lua
local m = require "mapping"
local path = m.path

-- The preset's fields, computed in C, then adjusted in Lua.
local preset = m.fields {
  type               = path "$.type",
  userId             = path "$.userId",
  segmentAnonymousId = path "$.anonymousId",
  email              = m.if_exists(path "$.context.traits.email", path "$.context.traits.email",
                                   path "$.properties.email"),
  timestamp          = path "$.timestamp",
  messageId          = path "$.messageId",
}

return function(event, settings)
  local f = preset(event, settings)        -- a read-only view of the mapped fields
  local props = event.properties or {}
  local traits = event.context and event.context.traits or {}
  return {
    event              = "Account Created",
    type               = f.type,
    userId             = f.userId,
    segmentAnonymousId = f.segmentAnonymousId,
    email              = f.email,
    timestamp          = f.timestamp,
    messageId          = f.messageId,
    properties = {
      plan      = type(props.plan) == "string" and props.plan:upper() or nil,
      trialDays = props.trialDays,
      source    = "segment",
    },
    userFields = {
      firstName = traits.firstName or props.firstName,
    },
  }
end
