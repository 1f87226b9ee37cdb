/* metrics.c — Prometheus text: families, samples, histograms. */
#include "obs/metrics.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* 10 µs to 5 s: a mapping takes microseconds; a limit stops it within
 * seconds. */
const double PROM_BUCKET_BOUNDS[PROM_BUCKETS] = {0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
                                                 0.001,   0.0025,   0.01,    0.05,   0.25,    5};

void prom_family(jbuf *b, const char *name, const char *type, const char *help)
{
    char line[512];
    int n = snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
    if (n > 0) jbuf_put(b, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void put_label_value(jbuf *b, const char *v)
{
    for (; *v; v++) {
        if (*v == '\\') jbuf_put(b, "\\\\", 2);
        else if (*v == '"') jbuf_put(b, "\\\"", 2);
        else if (*v == '\n') jbuf_put(b, "\\n", 2);
        else jbuf_putc(b, *v);
    }
}

static void put_value(jbuf *b, double v)
{
    char num[64];
    int n;
    if (isnan(v)) n = snprintf(num, sizeof num, "NaN");
    else if (isinf(v)) n = snprintf(num, sizeof num, v > 0 ? "+Inf" : "-Inf");
    else if (v == floor(v) && fabs(v) < 1e15) n = snprintf(num, sizeof num, "%.0f", v);
    else n = snprintf(num, sizeof num, "%.15g", v);
    jbuf_put(b, num, (size_t)n);
}

static void put_name_labels(jbuf *b, const char *name, const char *suffix, const char *label, const char *value,
                            const char *le)
{
    jbuf_put(b, name, strlen(name));
    if (suffix) jbuf_put(b, suffix, strlen(suffix));
    if (!label && !le) return;
    jbuf_putc(b, '{');
    if (label) {
        jbuf_put(b, label, strlen(label));
        jbuf_put(b, "=\"", 2);
        put_label_value(b, value ? value : "");
        jbuf_putc(b, '"');
    }
    if (le) {
        if (label) jbuf_putc(b, ',');
        jbuf_put(b, "le=\"", 4);
        jbuf_put(b, le, strlen(le));
        jbuf_putc(b, '"');
    }
    jbuf_putc(b, '}');
}

void prom_sample(jbuf *b, const char *name, const char *label, const char *value, double v)
{
    put_name_labels(b, name, NULL, label, value, NULL);
    jbuf_putc(b, ' ');
    put_value(b, v);
    jbuf_putc(b, '\n');
}

void prom_histo_observe(prom_histo *h, int64_t ns)
{
    if (ns < 0) ns = 0;
    double s = (double)ns / 1e9;
    int i = 0;
    while (i < PROM_BUCKETS && s > PROM_BUCKET_BOUNDS[i]) i++;
    atomic_fetch_add_explicit(&h->bucket[i], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->sum_ns, (uint64_t)ns, memory_order_relaxed);
    atomic_fetch_add_explicit(&h->count, 1, memory_order_relaxed);
}

void prom_histo_write(jbuf *b, const char *name, const char *label, const char *value, const prom_histo *h)
{
    uint64_t cum = 0;
    char le[32];
    for (int i = 0; i <= PROM_BUCKETS; i++) {
        cum += atomic_load_explicit(&h->bucket[i], memory_order_relaxed);
        if (i < PROM_BUCKETS) snprintf(le, sizeof le, "%g", PROM_BUCKET_BOUNDS[i]);
        else snprintf(le, sizeof le, "+Inf");
        put_name_labels(b, name, "_bucket", label, value, le);
        jbuf_putc(b, ' ');
        put_value(b, (double)cum);
        jbuf_putc(b, '\n');
    }
    put_name_labels(b, name, "_sum", label, value, NULL);
    jbuf_putc(b, ' ');
    put_value(b, (double)atomic_load_explicit(&h->sum_ns, memory_order_relaxed) / 1e9);
    jbuf_putc(b, '\n');
    put_name_labels(b, name, "_count", label, value, NULL);
    jbuf_putc(b, ' ');
    put_value(b, (double)cum);
    jbuf_putc(b, '\n');
}
