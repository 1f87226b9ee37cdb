-- Track Page View (trackPageView) — upstream's default mapping, field by field (spec §3.3).
-- Preset subscription: type = "page". The page's `name` is not mapped by default.
local m = require "mapping"
local path, if_exists = m.path, m.if_exists

return m.fields {
  properties         = path "$.properties",
  userFields         = path "$.context.traits",
  type               = path "$.type",
  email              = if_exists(path "$.context.traits.email", path "$.context.traits.email", path "$.properties.email"),
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
