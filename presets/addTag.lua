-- Tag User (addTag) — upstream's default field values (docs/upstream-behaviour.md §3.6): tag from traits.tag,
-- the common email default, userId, anonymousId. No preset subscription upstream:
-- subscribe it yourself in the config.
local m = require "mapping"
return m.fields(require("encharge").tag_fields())
