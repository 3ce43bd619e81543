/* floor.c - what the endpoint itself costs for a scan: the floor of P1 (bench/bench.py).
 *
 *   floor record ENDPOINT TABLE OUT   scans TABLE page by page (parsing, untimed) and writes each
 *                                     page's request body to OUT, one a line
 *   floor replay ENDPOINT FILE        sends those requests again, one after the other on one
 *                                     kept-alive connection, signed, and only counts the bytes
 *                                     of each reply: no JSON parsing, no output
 *
 * replay prints "pages N bytes B seconds S". Credentials and region come from the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION), as for ddbtui. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "ddb/buf.h"
#include "ddb/sigv4.h"

struct conn {
	CURL *easy;
	char url[512];
	char host[256];
	const char *region, *ak, *sk, *token;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t keep(char *p, size_t size, size_t n, void *ud)
{
	ddb_buf_append(ud, p, size * n);
	return size * n;
}

static size_t count_only(char *p, size_t size, size_t n, void *ud)
{
	(void)p;
	*(size_t *)ud += size * n;
	return size * n;
}

/* One signed Scan with body; the reply goes to sink through write_fn. HTTP status, or -1. */
static long post(struct conn *c, const char *body, curl_write_callback write_fn, void *sink)
{
	struct sigv4_header hdrs[3] = {{"Host", c->host},
	                               {"Content-Type", "application/x-amz-json-1.0"},
	                               {"X-Amz-Target", "DynamoDB_20120810.Scan"}};
	struct sigv4_request sr;
	struct sigv4_result res;
	struct ddb_error err;
	struct curl_slist *h = NULL;
	char line[600];
	long status = -1;
	size_t i;

	memset(&sr, 0, sizeof(sr));
	memset(&res, 0, sizeof(res));
	sr.method = "POST";
	sr.path = "/";
	sr.headers = hdrs;
	sr.nheaders = 3;
	sr.body = body;
	sr.body_len = strlen(body);
	sr.region = c->region;
	sr.service = "dynamodb";
	sr.access_key = c->ak;
	sr.secret_key = c->sk;
	sr.session_token = c->token;
	sr.now = time(NULL);
	sr.normalize_path = 1;
	if (sigv4_sign(&sr, &res, &err) != 0) {
		fprintf(stderr, "floor: %s\n", err.message);
		exit(1);
	}
	for (i = 0; i < 3; i++) {
		snprintf(line, sizeof(line), "%s: %s", hdrs[i].name, hdrs[i].value);
		h = curl_slist_append(h, line);
	}
	for (i = 0; res.add_headers && res.add_headers[i]; i++)
		h = curl_slist_append(h, res.add_headers[i]);
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c->easy, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c->easy, CURLOPT_POSTFIELDSIZE, (long)sr.body_len);
	curl_easy_setopt(c->easy, CURLOPT_WRITEFUNCTION, write_fn);
	curl_easy_setopt(c->easy, CURLOPT_WRITEDATA, sink);
	if (curl_easy_perform(c->easy) == CURLE_OK)
		curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	sigv4_result_done(&res);
	return status;
}

static int record(struct conn *c, const char *table, const char *out_path)
{
	FILE *out = fopen(out_path, "w");
	cJSON *req = cJSON_CreateObject();
	int pages = 0;

	if (!out) {
		perror(out_path);
		return 1;
	}
	cJSON_AddStringToObject(req, "TableName", table);
	for (;;) {
		struct ddb_buf b = DDB_BUF_INIT;
		char *body = cJSON_PrintUnformatted(req);
		cJSON *reply, *lek;
		long st = post(c, body, keep, &b);

		fprintf(out, "%s\n", body);
		free(body);
		pages++;
		reply = st == 200 ? cJSON_ParseWithLength(b.data, b.len) : NULL;
		if (!reply) {
			fprintf(stderr, "floor: page %d: HTTP %ld: %.200s\n", pages, st,
			        b.data ? b.data : "");
			return 1;
		}
		ddb_buf_done(&b);
		lek = cJSON_DetachItemFromObjectCaseSensitive(reply, "LastEvaluatedKey");
		cJSON_Delete(reply);
		if (!lek)
			break;
		cJSON_DeleteItemFromObjectCaseSensitive(req, "ExclusiveStartKey");
		cJSON_AddItemToObject(req, "ExclusiveStartKey", lek);
	}
	cJSON_Delete(req);
	fclose(out);
	fprintf(stderr, "floor: recorded %d page requests\n", pages);
	return 0;
}

static int replay(struct conn *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char *bodies[100000];
	int n = 0, i;
	size_t bytes = 0;
	double t0;
	char line[65536];

	if (!f) {
		perror(path);
		return 1;
	}
	/* read every request first: only the exchange is timed */
	while (n < 100000 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		bodies[n] = strdup(line);
		if (!bodies[n++])
			abort();
	}
	fclose(f);
	t0 = now_s();
	for (i = 0; i < n; i++) {
		long st = post(c, bodies[i], count_only, &bytes);

		if (st != 200) {
			fprintf(stderr, "floor: request %d: HTTP %ld\n", i + 1, st);
			return 1;
		}
	}
	printf("pages %d bytes %zu seconds %.4f\n", n, bytes, now_s() - t0);
	for (i = 0; i < n; i++)
		free(bodies[i]);
	return 0;
}

int main(int argc, char **argv)
{
	struct conn c;
	const char *p;
	int rc;

	if (argc != 5 && !(argc == 4 && strcmp(argv[1], "replay") == 0)) {
		fprintf(stderr, "usage: floor record ENDPOINT TABLE OUT | floor replay ENDPOINT FILE\n");
		return 2;
	}
	memset(&c, 0, sizeof(c));
	c.ak = getenv("AWS_ACCESS_KEY_ID");
	c.sk = getenv("AWS_SECRET_ACCESS_KEY");
	c.token = getenv("AWS_SESSION_TOKEN");
	c.region = getenv("AWS_REGION") ? getenv("AWS_REGION") : "us-east-1";
	if (!c.ak || !c.sk) {
		fprintf(stderr, "floor: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are needed\n");
		return 2;
	}
	snprintf(c.url, sizeof(c.url), "%s", argv[2]);
	p = strstr(argv[2], "://");
	snprintf(c.host, sizeof(c.host), "%s", p ? p + 3 : argv[2]);
	c.host[strcspn(c.host, "/")] = '\0';
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c.easy = curl_easy_init();
	curl_easy_setopt(c.easy, CURLOPT_URL, c.url);
	curl_easy_setopt(c.easy, CURLOPT_POST, 1L);
	curl_easy_setopt(c.easy, CURLOPT_PROXY, "");
	curl_easy_setopt(c.easy, CURLOPT_NOSIGNAL, 1L);
	rc = strcmp(argv[1], "record") == 0 ? record(&c, argv[3], argv[4]) : replay(&c, argv[3]);
	curl_easy_cleanup(c.easy);
	curl_global_cleanup();
	return rc;
}
