/* trigger.h — the subscription ("trigger") language.
 *
 * A trigger such as  type = "track" and properties.plan != null  decides
 * whether an event reaches an action. The language is upstream's FQL subset
 * (@segment/destination-subscriptions 3.37.0 / @segment/fql-ts 1.10.1) with the
 * evaluation rules of its validate.js, parsed as a real language
 * (docs/deviations.md §3):
 *
 *   trigger    := or_expr
 *   or_expr    := and_expr ( "or" and_expr )*           lower-case only
 *   and_expr   := unary ( "and" unary )*                 "and" binds tighter
 *   unary      := "(" or_expr ")" | condition | ["!"] function
 *   condition  := field op value
 *   function   := ("contains" | "match") "(" field "," value ")"
 *   field      := type | event | name | userId
 *               | (properties | traits | context) path
 *   path       := ( "." name | "[" digits "]" | "[" string "]" )+
 *   name       := letters, digits, '_', '-', bytes >= 0x80 and \-escaped
 *                 characters, not starting with a digit or '-'
 *   op         := "=" | "!=" | "<" | "<=" | ">" | ">="
 *   value      := string | number | null | true | false | bare-word
 *   string     := '"' ... '"'    with \" and \\ escapes only
 *   number     := [+-]? digits ("." digits)?  |  [+-] "." digits
 *   bare-word  := names joined by '.', e.g. track or page.view
 *
 * White space is space, tab, CR and LF. Anything else is rejected with a
 * message naming the 1-based byte position, and so is every form upstream
 * parses but reads differently from what it says (AND, `or(`, `<=5`, `!(`,
 * 'single quotes', contains(type, ...), a bare word at the very end that its
 * lexer truncates, ...). What a condition means (string vs number compare,
 * `= null`, `= true`, Number() of the operand, JavaScript-like path lookup)
 * follows upstream per field kind; see trigger.c.
 * trigger_parse compiles to a flat node array (field paths pre-split, string
 * and number operands pre-converted); trigger_match allocates nothing.
 */
#ifndef ENCHARGE_TRIGGER_H
#define ENCHARGE_TRIGGER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/json.h"

typedef struct trigger trigger;

/* Parses src (NUL-terminated). Returns NULL on error (or out of memory) with a
 * message in err such as
 *   "trigger: at position 14: expected a value after '='". */
trigger *trigger_parse(const char *src, char *err, size_t errlen);

/* True when the event (a JV_OBJ; anything else is treated as an empty object)
 * satisfies the trigger. Thread-safe: t is not modified. */
bool trigger_match(const trigger *t, const jv *event);

void trigger_free(trigger *t);

#endif
