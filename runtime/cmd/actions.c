/* actions.c — `actions`: each action (title, key, preset trigger,
 * description) and its fields (key, label, type, required, date-time). */
#include "cmd/actions.h"

#include "map/schema.h"

#include <stdio.h>

int cmd_actions(void)
{
    for (int i = 0; i < ACTION_COUNT; i++) {
        const action *a = &ACTIONS[i];
        printf("%s (%s)%s%s\n  %s\n", a->title, a->key, a->preset_trigger ? " — preset: " : " — no preset",
               a->preset_trigger ? a->preset_trigger : "", a->description);
        for (int j = 0; j < a->nfields; j++) {
            const field *f = &a->fields[j];
            printf("    %-20s %-22s %s%s%s\n", f->key, f->label, f->type == FT_STRING ? "string" : "object",
                   f->required ? ", required" : "", f->date_time ? ", date-time" : "");
        }
        printf("\n");
    }
    return 0;
}
