/* fields.h — keys a mapping gives that its action does not have. The
 * pipeline drops them without a word (upstream's schema does, too); `check`
 * warns of them, naming the closest field by key or by label
 * ("'userfields' is not a field of Identify User (did you mean 'user',
 * labelled "User Fields"?)"). */
#ifndef ENCHARGE_FIELDS_H
#define ENCHARGE_FIELDS_H

#include "config/problems.h"
#include "map/actions.h"

/* Whether key is one of fields (n of them); when not, msg gets
 * "'KEY' is not a field of OWNER" and the suggestion when one is close
 * (problems.h word_close, on the key or on the label without its spaces). */
bool field_known(const field *fields, int n, const char *owner, const char *key, size_t klen, char *msg, size_t len);

/* A warning (at file:line, after prefix) for every member of obj (a JV_OBJ;
 * anything else: nothing) that is not a field of act; with sub, also for the
 * members of its object fields that have sub-fields (page, campaign,
 * location) that are not among them ("'page.tittle' is not a field of
 * Page"). A mapping-kit mapping whose top level is a directive (a key
 * starting with '@') is not looked into. Returns the number of warnings. */
int field_warnings(problem_list *pl, const char *file, int line, const char *prefix, const action *act, const jv *obj,
                   bool sub);

#endif
