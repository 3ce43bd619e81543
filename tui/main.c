/* main.c - the composition root: the command line says what to run (tui/cli/), then this runs
 * the subcommand, or the interactive UI (tui/loop.c) on the session the command line made. */
#include <curses.h>

#include "tui/cli/cli.h"
#include "tui/loop.h"

int main(int argc, char **argv)
{
	struct cli_run run;
	int rc = cli_start(argc, argv, curses_version(), &run);

	if (rc == CLI_GO) {
		if (run.cmd)
			rc = run.cmd->run(run.app, run.argc, run.argv);
		else
			rc = tui_main(&run.app->s, run.script, run.ui_w, run.ui_h);
	}
	cli_end(&run);
	return rc;
}
