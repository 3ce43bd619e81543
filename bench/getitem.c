/* getitem.c - GetItem requests per second through the shared queue at a given concurrency.
 * Usage: getitem ENDPOINT TABLE COUNT CONCURRENCY. The table must hold an item pk="bench",
 * sk="bench" (bench/core.sh makes it). Prints "getitem c=N: X req/s". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/attr.h"
#include "ddb/config.h"
#include "ddb/ops.h"
#include "ddb/queue.h"

struct run {
	const char *table;
	long left;   /* still to submit */
	long done;
	long failed;
};

static void submit_one(struct ddb_client *c, struct run *r);

static void got(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct run *r = ud;

	r->done++;
	if (reply->err.kind != DDB_ERR_NONE || !cJSON_GetObjectItem(reply->json, "Item"))
		r->failed++;
	if (r->left > 0)
		submit_one(c, r);
}

static void submit_one(struct ddb_client *c, struct run *r)
{
	cJSON *key = cJSON_CreateObject();

	r->left--;
	cJSON_AddItemToObject(key, "pk", ddb_attr_s("bench"));
	cJSON_AddItemToObject(key, "sk", ddb_attr_s("bench"));
	ddb_get_item(c, r->table, key, 0, got, r, NULL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct ddb_config_opts co = {0};
	struct ddb_client_opts qo = {0};
	struct ddb_config cfg;
	struct ddb_error err;
	struct ddb_client *c;
	struct run r = {0};
	double t0, secs;
	int conc, i;

	if (argc != 5) {
		fprintf(stderr, "usage: getitem ENDPOINT TABLE COUNT CONCURRENCY\n");
		return 2;
	}
	co.endpoint_url = argv[1];
	if (ddb_config_load(&cfg, &co, &err) != 0) {
		fprintf(stderr, "getitem: %s\n", err.message);
		return 2;
	}
	conc = atoi(argv[4]);
	qo.max_concurrency = conc;
	c = ddb_client_new(&cfg, &qo, &err);
	if (!c)
		return 1;
	r.table = argv[2];
	r.left = atol(argv[3]);
	t0 = now_s();
	for (i = 0; i < conc && r.left > 0; i++)
		submit_one(c, &r);
	ddb_client_run(c);
	secs = now_s() - t0;
	printf("getitem c=%d: %.0f req/s (%ld requests in %.2f s, %ld failed)\n", conc,
	       (double)r.done / secs, r.done, secs, r.failed);
	ddb_client_free(c);
	ddb_config_done(&cfg);
	return r.failed ? 1 : 0;
}
