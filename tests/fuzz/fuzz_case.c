/* libFuzzer target: one preview case line (event, mapping, overrides,
 * trigger, settings) through the whole pipeline: never crashes, always one
 * result line. The input is one line, its newline allowed: the seeds are the
 * conformance cases split one line a file, each with its newline. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "cmd/cases.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static luahost *lua;
    static config c;
    if (!lua) {
        char err[1024];
        lua = luahost_new(NULL, err, sizeof err);
        if (!lua || config_load(&c, NULL, lua, err, sizeof err)) abort();
    }
    if (size && data[size - 1] == '\n') size--; /* the line's own newline */
    if (memchr(data, '\n', size)) return 0;       /* one line per input */
    FILE *in = fmemopen((void *)data, size, "r");
    char *out = NULL;
    size_t outlen = 0;
    FILE *o = open_memstream(&out, &outlen);
    if (in && o) preview_cases(&c, in, o);
    if (in) fclose(in);
    if (o) fclose(o);
    size_t lines = 0;
    for (size_t i = 0; i < outlen; i++) lines += out[i] == '\n';
    int blank = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r') blank = 0;
    if (!blank && size && lines != 1) abort();
    free(out);
    return 0;
}
