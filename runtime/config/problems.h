/* problems.h — the problems found in a config, its scripts and its fixtures:
 * every one of them, each with where it is (file and line), as `check`
 * reports them and a refused load or reload names the first.
 *
 * A problem is an error (the config is refused: `run` does not start, a
 * reload is not accepted, `check` exits 1) or a warning (reported by `check`
 * only; nothing is refused for it). Its text is
 *   FILE:LINE: MESSAGE            FILE: MESSAGE (no line known)
 *   FILE:LINE: warning: MESSAGE   MESSAGE (no file)
 * and a MESSAGE about a config entry names it as `mappings[2] ("Signups")`.
 *
 * Also the suggestion of "did you mean": the closest of a list of known
 * words to a misspelt one. */
#ifndef ENCHARGE_PROBLEMS_H
#define ENCHARGE_PROBLEMS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { PROBLEM_ERROR, PROBLEM_WARNING } problem_level;

typedef struct {
    problem_level level;
    char *file;       /* NULL: none */
    int line;         /* 0: not known */
    char *msg;
} problem;

/* The most problems a list keeps; further ones are counted, not kept. */
#define PROBLEMS_MAX 1000

typedef struct {
    problem *v;
    int n, cap;
    int errors, warnings;   /* all that were added, kept or not */
    int dropped;            /* added but not kept (PROBLEMS_MAX, or out of memory) */
} problem_list;

void problems_init(problem_list *l);
void problems_free(problem_list *l);

/* Adds a problem; file NULL: none, line 0: not known. */
void problem_add(problem_list *l, problem_level level, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A Lua error message ("chunk:LINE: what", maybe followed by a stack
 * traceback) as a problem at that file and line: the traceback is dropped,
 * and a chunk name Lua shortened ("...tail/of/it.lua") is replaced by file
 * when file ends with its tail. prefix (NULL: none) goes before what, e.g.
 * `mappings[1] ("Signups"): `. A message without a location is placed at
 * file, line 0. */
void problem_add_lua(problem_list *l, problem_level level, const char *file, const char *prefix, const char *luamsg);

/* Writes the problem's text (above) into buf, always NUL-terminated.
 * Returns the length it needed (as snprintf). */
size_t problem_format(const problem *p, char *buf, size_t len);

/* The first error of the list, NULL when none was kept. */
const problem *problems_first_error(const problem_list *l);

/* The first error as one line for a refusal: its text and, when there are
 * more errors, " (and N more errors; `encharge-actions check` lists them
 * all)". prefix_config (may be NULL): when the error is in that file, the
 * text starts "config " (a refused config reads "config FILE:LINE: ..."). */
void problems_summary(const problem_list *l, const char *prefix_config, char *buf, size_t len);

/* ---- did you mean ----------------------------------------------------------- */
/* The edit distance of a and b ignoring ASCII case: insertions, deletions,
 * substitutions and swaps of two neighbouring bytes count one each. */
int word_distance(const char *a, size_t an, const char *b, size_t bn);

/* Whether a word at distance d of a candidate is close enough to suggest it:
 * d at most 1 for words of up to 4 bytes, 2 up to 8, else 3, and less than
 * the candidate's length. */
bool word_close(int d, size_t wlen, size_t clen);

/* The index of the candidate closest to word, -1 when none is close
 * (word_close). Ties go to the earlier candidate. */
int closest_word(const char *word, size_t wlen, const char *const *cands, int n);

#endif
