-- common.lua — Encharge's shared field defaults, as upstream's common-definitions.ts
-- (docs/upstream-behaviour.md §2), for the presets and for your own scripts: `local enc = require "encharge"`.
--
--   enc.common_fields()   a fresh table of commonFields' default mapping
--   enc.tag_fields()      the default fields of Tag User / Untag User
--   enc.with(base, more)  { ...base, ...more } (more's fields win)
local m = require "mapping"
local path, if_exists = m.path, m.if_exists

local E = {}

-- email: context.traits.email when it exists (even ""), else properties.email
local function common_email()
  return if_exists(path "$.context.traits.email", path "$.context.traits.email", path "$.properties.email")
end

function E.common_fields()
  return {
    type               = path "$.type",
    email              = common_email(),
    segmentAnonymousId = path "$.anonymousId",
    userId             = path "$.userId",
    groupId            = path "$.context.groupId",
    timestamp          = path "$.timestamp",
    messageId          = path "$.messageId",
    ip                 = path "$.context.ip",
    userAgent          = path "$.context.userAgent",
    campaign = {
      name    = path "$.context.campaign.name",
      source  = path "$.context.campaign.source",
      medium  = path "$.context.campaign.medium",
      term    = path "$.context.campaign.term",
      content = path "$.context.campaign.content",
    },
    page = {
      url      = path "$.context.page.url",
      title    = path "$.context.page.title",
      referrer = path "$.context.page.referrer",
      path     = path "$.context.page.path",
      search   = path "$.context.page.search",
    },
    location = {
      city    = path "$.context.location.city",
      region  = path "$.context.location.region",
      country = path "$.context.location.country",
    },
  }
end

function E.tag_fields()
  return {
    tag                = path "$.traits.tag",
    email              = common_email(),
    userId             = path "$.userId",
    segmentAnonymousId = path "$.anonymousId",
  }
end

function E.with(base, more)
  for k, v in pairs(more) do base[k] = v end
  return base
end

return E
