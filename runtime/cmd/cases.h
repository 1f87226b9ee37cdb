/* cases.h — `encharge-actions preview` for machines: case lines on stdin,
 * result lines on stdout, one per case line (the format of
 * tests/conformance/README.md). The event of each case runs through the
 * presets, or through the one action the case names, with the case's mapping
 * (or script), overrides, trigger, settings and simulated API response; or
 * through one mapping of the config, by name (`config_mapping`). */
#ifndef ENCHARGE_CASES_H
#define ENCHARGE_CASES_H

#include <stdio.h>

#include "config/config.h"

/* The most bytes of one case line (its newline not counted): far above any
 * real case, low enough that a runaway input cannot take the memory. A longer
 * line is read to its newline without being kept, and answered with a
 * CaseError result line ("line N: longer than ... bytes"). */
#define CASE_LINE_MAX ((size_t)4 << 20)

/* Reads case lines from in until EOF; returns the number of lines that could
 * not be processed as cases (bad JSON, too long etc.; they still get a result
 * line). Lines of nothing but spaces, tabs and CRs get no result line. */
long preview_cases(config *c, FILE *in, FILE *out);

#endif
