/* file.h — reading a whole file. No domain knowledge. */
#ifndef ENCHARGE_FILE_H
#define ENCHARGE_FILE_H

#include <stddef.h>

/* Reads all of path (a regular file, a pipe or /dev/fd/N: it never seeks)
 * into a malloc'd, NUL-terminated buffer; *len gets the byte count (the NUL
 * not counted). Returns NULL with "PATH: cannot open: REASON" (or a read or
 * out-of-memory message) in err, errno kept from the failing call. */
char *file_read_all(const char *path, size_t *len, char *err, size_t errlen);

#endif
