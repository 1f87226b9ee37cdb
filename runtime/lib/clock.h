/* clock.h — the clocks, in one place. No domain knowledge.
 * Code whose behaviour depends on time takes a clock_fn so that tests can
 * drive it with a fake clock. */
#ifndef ENCHARGE_CLOCK_H
#define ENCHARGE_CLOCK_H

#include <stdint.h>

int64_t clock_mono_ns(void);   /* CLOCK_MONOTONIC */
int64_t clock_mono_us(void);
int64_t clock_mono_ms(void);
int64_t clock_wall_ms(void);   /* CLOCK_REALTIME, Unix epoch */

typedef int64_t (*clock_fn)(void *ctx);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian; m 1-12). */
int64_t clock_days_from_civil(int64_t y, int m, int d);

#endif
