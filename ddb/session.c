/* session.c - the shared state of one run (session.h). */
#include "session.h"

void ddb_session_done(struct ddb_session *s)
{
	ddb_client_free(s->client);
	s->client = NULL;
	if (s->cfg_loaded)
		ddb_config_done(&s->cfg);
	s->cfg_loaded = 0;
}
