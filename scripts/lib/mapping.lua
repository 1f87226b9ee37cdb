-- mapping.lua — the helper library for mapping scripts: `local m = require "mapping"`.
--
-- Upstream's mapping-kit directives, as Lua constructors. Each constructor
-- returns a directive (a table shaped like the mapping-kit JSON, e.g.
-- {["@path"] = "$.a.b"}); a directive can be called on an event to get its
-- value (`m.path "$.userId" (event)`), and `m.fields { ... }` turns a table of
-- directives into a mapping function that the runtime evaluates in C.
--
--   m.path "$.context.traits.email"      @path: a falsy intermediate value is
--                                         returned as is (e.g. traits = 0 -> 0)
--   m.if_exists(cond, then_, else_)      @if exists: cond not nil/null
--   m.if_blank(cond, then_, else_)       @if blank: also not ""
--   m.template "Hi {{traits.name}}"      @template
--   m.literal(v)                         @literal
--   m.array_path(path, item_shape)       @arrayPath
--   m.case("lower"|"upper", v)           @case
--   m.replace{pattern=, replacement=, value=, ...}   @replace
--   m.json_encode(v), m.json_decode(v)   @json
--   m.flatten(v, separator, omit_arrays) @flatten
--   m.merge("left"|"right", o1, o2, ...) @merge
--   m.transform(apply, mapping)          @transform
--   m.exclude_when_null(v)               @excludeWhenNull
--   m.fields(spec)                       spec -> function(event, settings)
--   m.get(event, "$.a.b")                @path evaluated now
--   m.null, m.is_null(v)                 JSON null (distinct from nil = absent)
--   m.array(t)                           mark a table as a JSON array ({} -> [])
--   m.encode(v)                          JSON text of a value or event view
local mk = ...

local M = {}
M.null = mk.null

-- The primitives raise errors without a position; this raises them again at
-- the script's line: `level` counts from the function that calls checked
-- (2: its caller).
local function checked(level, f, ...)
  local ok, r = pcall(f, ...)
  if not ok then error(r, level + 1) end
  return r
end

local D = {}          -- metatable shared by directive tables
local compiled = setmetatable({}, { __mode = "k" })

D.__call = function(d, event)
  local p = compiled[d]
  if not p then
    p = checked(2, mk.compile_value, d)
    compiled[d] = p
  end
  return checked(2, mk.run, p, event)
end

local function directive(name, arg)
  return setmetatable({ [name] = arg }, D)
end

function M.path(p) return directive("@path", p) end
function M.template(s) return directive("@template", s) end
function M.literal(v) return directive("@literal", v) end
function M.if_exists(cond, then_, else_)
  return directive("@if", { exists = cond, ["then"] = then_, ["else"] = else_ })
end
function M.if_blank(cond, then_, else_)
  return directive("@if", { blank = cond, ["then"] = then_, ["else"] = else_ })
end
function M.array_path(path, shape)
  return directive("@arrayPath", setmetatable({ path, shape }, mk.array_mt))
end
function M.case(operator, value) return directive("@case", { operator = operator, value = value }) end
function M.replace(opts) return directive("@replace", opts) end
function M.json_encode(v) return directive("@json", { mode = "encode", value = v }) end
function M.json_decode(v) return directive("@json", { mode = "decode", value = v }) end
function M.flatten(value, separator, omit_arrays)
  return directive("@flatten", { value = value, separator = separator, omitArrays = omit_arrays })
end
function M.merge(direction, ...)
  return directive("@merge", { direction = direction, objects = setmetatable({ ... }, mk.array_mt) })
end
function M.transform(apply, mapping) return directive("@transform", { apply = apply, mapping = mapping }) end
function M.exclude_when_null(v) return directive("@excludeWhenNull", v) end

function M.fields(spec)
  return mk.mapper(checked(2, mk.compile, spec))
end

-- m.get's compiled paths, at most GET_CACHE_MAX of them (then it starts over):
-- a script that builds its paths from event data must not grow without end.
local GET_CACHE_MAX = 1024
local by_path, cached = {}, 0
function M.get(event, p)
  local prog = by_path[p]
  if not prog then
    if cached >= GET_CACHE_MAX then by_path, cached = {}, 0 end
    prog = checked(2, mk.compile_value, { ["@path"] = p })
    by_path[p] = prog
    cached = cached + 1
  end
  return checked(2, mk.run, prog, event)
end

function M.is_null(v) return v == mk.null end
function M.array(t) return setmetatable(t or {}, mk.array_mt) end
M.encode = mk.encode

return M
