/* session.h - what the two front ends of one run share: the configuration, the client made
 * from it, the table commands act on, and the scan settings. main() owns it; the command line
 * fills it from the flags (tui/cli/), and both the subcommands and the UI borrow it. Whether
 * writes are allowed is the client's to say (ddb_client_read_only), nobody else's.
 *
 * The exit codes are here too: a subcommand and the UI end a run with the same three. */
#ifndef DDB_SESSION_H
#define DDB_SESSION_H

#include "config.h"
#include "queue.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_FAIL = 1,  /* service or network error, or the operation was refused */
	EXIT_USAGE = 2, /* bad flags, bad configuration */
};

struct ddb_session {
	struct ddb_config cfg; /* valid once cfg_loaded */
	int cfg_loaded;
	struct ddb_config_opts cfg_opts; /* what cfg was loaded with, for credential refreshes */
	struct ddb_client *client;       /* NULL until connected */
	const char *table;               /* --table, the command's TABLE, or the default */
	const char *users_file;          /* --users FILE, or NULL for the default path */
	int segments;   /* parallel Scan segments of scan, export and the UI (1: none) */
	long max_rows;  /* rows the UI's scan view keeps at most */
	long page_size; /* --page-size: the Limit of every Scan/Query page; 0: as much
	                   as DynamoDB gives (1 MB), the UI's first page small */
};

/* Frees the client and the configuration; the session can be filled again. */
void ddb_session_done(struct ddb_session *s);

#endif
