/* file.h - durable writes of small files: the whole text, or nothing. */
#ifndef DDB_FILE_H
#define DDB_FILE_H

#include <stddef.h>

#include "error.h"

/* Writes all n bytes (retrying short writes and EINTR): 0, or -1 with errno set. */
int ddb_write_all(int fd, const void *data, size_t n);

enum {
	DDB_REPLACE_NO_REPLACE = 1 /* create only: leave an existing file alone, return 1 */
};

/* Replaces the file at path with text, atomically and durably: a temporary file (0600) in the
 * same directory, written whole, fsync'd, renamed over the target (through a symlink, over the
 * file it points to), then the directory fsync'd. Until the rename nothing touches the target,
 * so a failure or a crash at any point leaves the old file or the new one, never a mix.
 * noun names the file in the error ("cannot write X: why (the NOUN was not changed)"); NULL
 * leaves the note out. Returns 0, 1 (DDB_REPLACE_NO_REPLACE and the file exists), or -1 with
 * err (DDB_ERR_IO). */
int ddb_replace_file(const char *path, const char *text, size_t len, int flags, const char *noun,
                     struct ddb_error *err);

#endif
