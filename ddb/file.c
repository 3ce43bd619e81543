/* file.c - durable writes of small files (state, history, the users file, checkpoints). */
#define _GNU_SOURCE
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

int ddb_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The file a path names: through a symlink, the file it points to (so the link survives). */
static char *resolve_target(const char *path)
{
	struct stat st;
	char *target = NULL;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		target = realpath(path, NULL);
	return target ? target : ddb_strdup(path);
}

static void fail(struct ddb_error *err, const char *what, const char *name, int e, const char *noun)
{
	if (noun)
		ddb_error_set(err, DDB_ERR_IO, "cannot %s %s: %s (the %s was not changed)", what,
		              name, strerror(e), noun);
	else
		ddb_error_set(err, DDB_ERR_IO, "cannot %s %s: %s", what, name, strerror(e));
}

/* Links tmp as target unless target exists (1). Without hard links (some FUSE and FAT file
 * systems) a rename, unless the file appeared meanwhile. */
static int create_only(const char *tmp, const char *target)
{
	if (link(tmp, target) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST || access(target, F_OK) == 0) {
		unlink(tmp);
		return 1;
	}
	return rename(tmp, target) == 0 ? 0 : -1;
}

int ddb_replace_file(const char *path, const char *text, size_t len, int flags, const char *noun,
                     struct ddb_error *err)
{
	struct ddb_buf tmp = DDB_BUF_INIT;
	char *target = resolve_target(path), *slash = strrchr(target, '/'), *dir;
	const char *base = slash ? slash + 1 : target, *what = NULL;
	int fd, dfd, rc = -1, e = 0;

	if (!slash)
		dir = ddb_strdup(".");
	else
		dir = slash == target ? ddb_strdup("/")
		                      : ddb_strndup(target, (size_t)(slash - target));
	ddb_buf_printf(&tmp, "%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp.data); /* 0600, a name no other writer uses */
	if (fd < 0) {
		fail(err, "create a temporary file in", dir, errno, noun);
		goto out;
	}
	if (fchmod(fd, 0600) != 0)
		what = "set the mode of";
	else if (ddb_write_all(fd, text, len) != 0)
		what = "write";
	else if (fsync(fd) != 0) /* on disk before the rename names it */
		what = "sync";
	e = errno;
	if (close(fd) != 0 && !what) {
		what = "close";
		e = errno;
	}
	if (what) {
		unlink(tmp.data);
		fail(err, what, tmp.data, e, noun);
		goto out;
	}
	if (flags & DDB_REPLACE_NO_REPLACE) {
		rc = create_only(tmp.data, target);
		if (rc == 1)
			goto out;
		what = "create";
	} else {
		rc = rename(tmp.data, target);
		what = "replace";
	}
	if (rc != 0) {
		e = errno;
		unlink(tmp.data);
		fail(err, what, target, e, noun);
		rc = -1;
		goto out;
	}
	/* Make the rename itself durable. Some file systems cannot sync a directory (EINVAL). */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		if (fsync(dfd) != 0 && errno != EINVAL && errno != EROFS) {
			ddb_error_set(err, DDB_ERR_IO,
			              "%s was written but %s could not be synced: %s", target, dir,
			              strerror(errno));
			rc = -1;
		}
		close(dfd);
	}
out:
	ddb_buf_done(&tmp);
	free(dir);
	free(target);
	return rc;
}
