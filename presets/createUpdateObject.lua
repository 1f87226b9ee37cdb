-- Create or Update Object (createUpdateObject) — upstream's default mapping (docs/upstream-behaviour.md §3.5).
-- Preset subscription: type = "group". `id` has no default; `email` reads the
-- top-level $.email (a group event normally has none), as upstream does.
local m = require "mapping"
local path = m.path

return m.fields {
  objectType = "company",
  externalId = path "$.groupId",
  objectData = path "$.traits",
  userId     = path "$.userId",
  email      = path "$.email",
}
