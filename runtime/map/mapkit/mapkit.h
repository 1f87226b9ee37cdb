/* mapkit.h — Segment's mapping-kit (actions-core `mapping-kit/`), in C, over
 * the json.h DOM.
 *
 * A mapping is compiled once (validated exactly as upstream's validate.js
 * does, paths pre-split, literals copied) and then evaluated per event into
 * the caller's arena. Semantics follow upstream's transform() (checked
 * against @segment/actions-core 3.170.0, the oracle's version): directives
 * @path @if @template @literal @arrayPath @case @replace @json @flatten @merge
 * @transform @excludeWhenNull, plain objects/arrays resolved member by member,
 * everything else literal. @liquid is not supported (compile error).
 *
 * ---- Errors: what upstream says, and what we say ------------------------
 * Upstream validates the mapping at the start of every transform(). Through
 * the destination (Destination.onEvent -> Action.execute -> transform) a bad
 * mapping fails the event with:
 *   name    "AggregateError" (validateObject aggregates the errors of every
 *           field, so even a single problem arrives wrapped),
 *   status  null (onSubscription only sets 400 for AggregateAjvError and
 *           ValidationError, not for AggregateError),
 *   code    null,
 *   message "\n    ValidationError: /event has an invalid directive: @foo.\n"
 *           "        at validateDirective (/…/validate.js:54:15)\n…" — i.e.
 *           each ValidationError's stack trace, indented; one per problem.
 *   mk_compile() gives the ValidationError messages themselves, in upstream's
 *   order, joined by one space, e.g.
 *     "/event has an invalid directive: @foo."
 *     "/event should only have one @-prefixed key but it has 2 keys."
 *     "/event/@path should be a string or a mapping directive but it is a number."
 *     "/event/@replace/pattern should be a string of length 10 or less."
 *     "/event/@json should have field \"mode\" but it doesn't."
 *     "/properties/a has an invalid directive: @foo. /properties/b has an invalid directive: @bar."
 *   (The stack-trace text of upstream's message cannot be reproduced; a
 *   conformance comparison of such a case can only compare the status.)
 *   Our own rejection of @liquid (upstream renders it with LiquidJS):
 *     "/event uses @liquid, an unsupported directive."
 *   Also compile errors (upstream throws them in getMappingToProcess, as
 *   name "Error", status null): "The root mapping must only have a single
 *   directive object", "The root directive must be an object" (a mapping
 *   with the `__segment_internal_directive` key).
 *
 * Errors that upstream only raises while resolving (they depend on the
 * event, or sit in places validate.js does not look at, such as array
 * items) come from mk_eval(), with upstream's message; upstream surfaces
 * them with name "Error", status null, code null:
 *   '@if requires an "exists" key or a "blank" key'
 *   '@if requires an object with an "exists" key'
 *   'operator key should have a value of "lower" or "upper"'   (@case, string value only)
 *   '@case requires a "operator" key' / '@case requires an object with a "operator" key'
 *   '@replace requires a "pattern" less than 10 characters'     (pattern2 longer than 10)
 *   '@replace requires a "replacement" less than 10 characters' (replacement2 longer than 10)
 *   '@replace requires a "pattern" key' / '@replace requires an object with a "pattern" key'
 *   '@merge requires a "direction" key' (direction is optional to validate.js, required here)
 *   '@flatten requires a "separator" key' / '@flatten requires a string separator'
 *   '@json requires a "value" key' (value "", 0, false or null) / '@json requires a "mode" key'
 *   '@transform requires a "mapping" key' / '@transform requires a "apply" key' /
 *   '@transform "apply" key should be an object'
 *   '@path: expected string, got number' / '@template: expected string, got object'
 *   '@arrayPath expected array, got object'
 *   '@foo is not a valid directive, got undefined' (unknown directive inside an array)
 *   'data must be an object, got array' (event, or @transform payload, not an object)
 * and, ours: "out of memory while resolving the mapping" when the arena
 * limit is reached.
 *
 * ---- Decisions / limits ------------------------------------------------
 * - Numbers keep their JSON text. A directive that needs a number as text
 *   (@template, @replace's String(n)) uses JavaScript's String(n) (js_dtoa);
 *   @json encode writes numbers as json_write does (exact integers, see
 *   docs/deviations.md §1); @json decode keeps the parsed text.
 * - get(): `obj[key]` on a JavaScript object would also find inherited
 *   members (`constructor`, `toString`, `__proto__`…); here only own members
 *   are found. Arrays and strings answer `length` and canonical indexes
 *   ("0", "12"; not "01"); string indexes are UTF-16 code units.
 * - .toLowerCase()/.toUpperCase() (@case) are complete: the full Unicode
 *   tables of V8/ICU (Unicode 17, generated with node 20) incl. multi-char
 *   results (ß -> SS, İ -> i̇) and Final_Sigma. @replace's case-insensitive
 *   match uses the same tables (ECMAScript Canonicalize, non-unicode mode).
 *   @replace matches on code points: a pattern made of a lone surrogate will
 *   not match half of a supplementary character (JS would).
 * - @json decode parses with json_parse's default limits (depth 128, 4 MiB);
 *   deeper documents count as unparseable (the input string is returned).
 * - @liquid: rejected at compile time wherever upstream would validate or
 *   run it.
 *
 * ---- Memory ------------------------------------------------------------
 * The result of mk_eval lives in the arena but SHARES storage with the
 * event and with the program (literals): treat it as read-only (build new
 * values rather than editing it in place). It stays valid as long as the
 * arena, the event and the program do. mk_eval allocates nothing but arena
 * memory (json_parse's per-thread scratch aside, used by @json decode).
 * A compiled program is immutable: mk_eval may run concurrently on it.
 */
#ifndef ENCHARGE_MAPKIT_H
#define ENCHARGE_MAPKIT_H

#include <stddef.h>
#include <stdbool.h>

#include "lib/json.h"

typedef struct mk_program mk_program;

/* Validates a mapping (a JV_OBJ of field -> directive/literal) exactly as
 * upstream's validate.js does, and compiles it (paths pre-split, etc.). The
 * program owns deep copies of everything it needs (the input jv may be freed
 * afterwards). NULL on error, message in err (upstream's words where upstream
 * has them; see above). Members holding JV_UNDEF are ignored. */
mk_program *mk_compile(const jv *mapping, char *err, size_t errlen);

/* Resolves the mapping against the event; result in *out (allocated in arena
 * a), a JV_OBJ whose members may be JV_UNDEF (= removed, like
 * removeUndefined). (Only a mapping that is itself a directive, or that uses
 * the `__segment_internal_directive` root key, can resolve to something else.)
 * Returns 0, or -1 with err (e.g. an @case with a bad operator). The event
 * must be a JV_OBJ (else "data must be an object, got <type>"). */
int mk_eval(const mk_program *p, const jv *event, jarena *a, jv *out, char *err, size_t errlen);

/* Same, for a single mapping value (a directive or literal) rather than a
 * field object; validated as upstream's validate(value). Any event value is
 * accepted by mk_eval for such a program. */
mk_program *mk_compile_value(const jv *value, char *err, size_t errlen);

void mk_free(mk_program *p);
/* The memory a compiled program holds (for a caller's memory cap). */
size_t mk_program_bytes(const mk_program *p);

/* `get` from actions-core (path like "context.traits.email", "a[0].b",
 * "a['x']"; no "$." handling — that is @path's), with its quirk: a falsy
 * intermediate value (null, false, 0, "") is returned as is. Returns NULL for
 * undefined, and also for results that are not a node of the tree (an array's
 * or string's `length`, a character of a string): use mk_get_value for those. */
const jv *mk_get(const jv *root, const char *path, size_t len);

/* The full `get`: *out = the value (JV_UNDEF for undefined); numbers and
 * characters made up on the way (`length`, "abc[1]") are allocated in a
 * (required). Returns 0, or -1 when the arena is exhausted. */
int mk_get_value(const jv *root, const char *path, size_t len, jarena *a, jv *out);

/* is-directive.js: a plain object with at least one key starting with '@'
 * and no other keys except `_metadata`. */
bool mk_is_directive(const jv *v);

#endif
