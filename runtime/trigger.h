/* trigger.h — the subscription ("trigger") language.
 *
 * A trigger such as  type = "track" and properties.plan != null  decides
 * whether an event reaches an action. The language is upstream's FQL subset
 * (@segment/destination-subscriptions 3.37.0 / @segment/fql-ts 1.10.1) with the
 * evaluation rules of its validate.js, parsed as a real language
 * (deviations.md point 3):
 *
 *   trigger    := or_expr
 *   or_expr    := and_expr ( "or" and_expr )*           lower-case only
 *   and_expr   := unary ( "and" unary )*                 "and" binds tighter
 *   unary      := "(" or_expr ")" | condition | ["!"] function
 *   condition  := field op value
 *   function   := ("contains" | "match") "(" field "," value ")"
 *   field      := type | event | name | userId
 *               | (properties | traits | context) path
 *   path       := ( "." segment | "[" digits "]" | "[" string "]" )+
 *   op         := "=" | "!=" | "<" | "<=" | ">" | ">="
 *   value      := string | number | null | true | false | bare-word
 *   string     := '"' ... '"'    with \" and \\ escapes only
 *   number     := [+-]? digits ("." digits)?  |  [+-] "." digits
 *
 * Anything else is rejected with a message naming the 1-based byte position.
 * trigger_parse compiles to a flat node array (field paths pre-split, string
 * and number operands pre-converted); trigger_match allocates nothing.
 */
#ifndef ENCHARGE_TRIGGER_H
#define ENCHARGE_TRIGGER_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"

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
