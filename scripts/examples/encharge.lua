-- An example config: `build/encharge-actions preview --config scripts/examples/encharge.lua ...`
-- Paths of scripts are relative to this file.
return {
  settings = { apiKey = os.getenv("ENCHARGE_API_KEY") },
  endpoints = {
    ingest = "https://ingest.encharge.io",
    api    = "https://api.encharge.io",
  },
  mappings = {
    -- the five presets, by action (their default triggers and mappings)
    { name = "Track Event",  action = "trackEvent" },
    { name = "Identify User", action = "identifyUser" },
    { name = "Track Page View", action = "trackPageView" },
    { name = "Alias User", action = "aliasUser" },
    { name = "Create or Update Object", action = "createUpdateObject" },
    -- a custom Lua mapping for one event
    { name = "Signups", action = "trackEvent", script = "signup.lua",
      subscribe = 'type = "track" and event = "Signed Up"' },
    -- a Segment mapping-kit mapping, as a table
    { name = "Plan tags", action = "Tag User", subscribe = 'type = "identify" and traits.plan != null',
      mapping = {
        tag    = { ["@template"] = "plan-{{traits.plan}}" },
        userId = { ["@path"] = "$.userId" },
        email  = { ["@path"] = "$.traits.email" },
      } },
    -- switched off without deleting it
    { name = "Untag churned", action = "removeTag", subscribe = 'type = "track" and event = "Churned"',
      enabled = false },
  },
}
