-- Untag User (removeTag) — upstream's default field values (docs/upstream-behaviour.md §3.7), the same as Tag
-- User's. No preset subscription upstream: subscribe it yourself in the config.
local m = require "mapping"
return m.fields(require("encharge").tag_fields())
