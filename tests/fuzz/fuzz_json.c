/* libFuzzer target: json_parse never crashes; what parses writes back to JSON
 * that parses again, and writing is idempotent: write(parse(write(v))) ==
 * write(v). (Not v == parse(write(v)): a literal beyond the double range, such
 * as 1e400, is written as null, as JSON.stringify(Infinity) is.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static jarena a;
    static int init;
    if (!init) {
        jarena_init(&a, 64u << 20);
        init = 1;
    }
    jarena_reset(&a);
    jv v, w;
    jerr e;
    if (json_parse(&a, (const char *)data, size, NULL, &v, &e)) return 0;
    jbuf b;
    jbuf_init(&b);
    json_write(&b, &v);
    if (json_parse(&a, b.p, b.len, NULL, &w, &e) != 0) abort();
    jbuf c;
    jbuf_init(&c);
    json_write(&c, &w);
    if (b.len != c.len || memcmp(b.p, c.p, b.len) != 0) abort();
    jbuf_free(&b);
    jbuf_free(&c);
    return 0;
}
