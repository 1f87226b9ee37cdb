/* libFuzzer target: trigger_parse on arbitrary text, then matching a fixed event. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "map/trigger.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static jarena a;
    static jv ev;
    static int init;
    if (!init) {
        static const char E[] = "{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u\",\"name\":null,"
                                "\"properties\":{\"n\":5,\"s\":\"x\",\"b\":true,\"a\":[1,{\"k\":0}]},"
                                "\"traits\":{\"plan\":\"pro\"},\"context\":{\"ip\":\"1.2.3.4\"}}";
        jerr e;
        jarena_init(&a, 0);
        json_parse(&a, E, sizeof E - 1, NULL, &ev, &e);
        init = 1;
    }
    char *src = malloc(size + 1);
    memcpy(src, data, size);
    src[size] = 0;
    char err[256];
    trigger *t = trigger_parse(src, err, sizeof err);
    if (t) {
        (void)trigger_match(t, &ev);
        trigger_free(t);
    }
    free(src);
    return 0;
}
