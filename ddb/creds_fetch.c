/* creds_fetch.c - the credential providers that fetch from outside: a blocking HTTP call, the
 * container and EC2 instance metadata endpoints, credential_process; and the parsers of what
 * they answer (JSON documents, STS XML). */
#include "creds_int.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "json.h"
#include "time.h"
#include "xml.h"

const char *creds_env(const struct ddb_creds_src *src, const char *name)
{
	const char *v = src->env ? src->env(name) : getenv(name);

	return v && *v ? v : NULL;
}

int ddb_env_true(const char *v)
{
	return v && strcasecmp(v, "true") == 0;
}

void ddb_creds_done(struct ddb_creds *c)
{
	if (!c)
		return;
	free(c->access_key);
	ddb_free_secret(c->secret_key);
	ddb_free_secret(c->session_token);
	memset(c, 0, sizeof(*c));
}

/* ---- HTTP ---- */

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	struct ddb_buf *b = ud;

	if (b->len + size * n > (1u << 20))
		return 0; /* no credentials document is a megabyte */
	ddb_buf_append(b, p, size * n);
	return size * n;
}

int creds_http(struct creds_http *h, const char *what, struct ddb_error *err)
{
	CURL *c = curl_easy_init();
	char cerr[CURL_ERROR_SIZE] = "";
	CURLcode rc;

	h->status = 0;
	if (!c) {
		ddb_error_set(err, DDB_ERR_NOMEM, "%s: cannot start a request", what);
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, h->url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, h->method);
	if (h->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, h->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(h->body));
	} else if (strcmp(h->method, "GET") != 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h->headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &h->reply);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_PROXY, ""); /* as the DynamoDB requests (ddb/queue.c) */
	if (h->ca_bundle)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->ca_bundle);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &h->status);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		ddb_error_set(err,
		              rc == CURLE_OPERATION_TIMEDOUT ? DDB_ERR_TIMEOUT : DDB_ERR_NETWORK,
		              "%s: %s", what, cerr[0] ? cerr : curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

void creds_http_done(struct creds_http *h)
{
	if (h->reply.data)
		memset(h->reply.data, 0, h->reply.len);
	ddb_buf_done(&h->reply);
	curl_slist_free_all(h->headers);
	h->headers = NULL;
}

/* ---- documents ---- */

static const char *json_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

static void wipe_json(cJSON *o)
{
	cJSON *c;

	for (c = o ? o->child : NULL; c; c = c->next)
		if (cJSON_IsString(c))
			ddb_wipe_str(c->valuestring);
	cJSON_Delete(o);
}

int creds_from_json(const char *text, size_t len, const char *token_key, const char *what,
                    struct ddb_creds *out, struct ddb_error *err)
{
	struct ddb_error perr;
	cJSON *o = ddb_json_parse(text, len, &perr);
	const char *ak, *sk, *tok, *exp;
	int64_t us;

	if (!o || !cJSON_IsObject(o)) {
		ddb_error_set(err, DDB_ERR_SERVICE, "%s: the reply is not a JSON object%s%s", what,
		              o ? "" : ": ", o ? "" : perr.message);
		wipe_json(o);
		return -1;
	}
	ak = json_str(o, "AccessKeyId");
	sk = json_str(o, "SecretAccessKey");
	tok = json_str(o, token_key);
	exp = json_str(o, "Expiration");
	if (!ak || !sk) {
		ddb_error_set(err, DDB_ERR_SERVICE, "%s: the reply has no %s", what,
		              ak ? "SecretAccessKey" : "AccessKeyId");
		wipe_json(o);
		return -1;
	}
	if (exp && ddb_time_parse(exp, &us) < 0) {
		ddb_error_set(err, DDB_ERR_SERVICE,
		              "%s: Expiration \"%.40s\" is not an ISO 8601 time", what, exp);
		wipe_json(o);
		return -1;
	}
	out->access_key = ddb_strdup(ak);
	out->secret_key = ddb_strdup(sk);
	out->session_token = ddb_strdup_or_null(tok);
	out->expiry = exp ? us / 1000000 : 0;
	wipe_json(o);
	return 0;
}

int ddb_sts_parse(const char *xml, size_t len, struct ddb_creds *out, struct ddb_error *err)
{
	static const char *const names[] = {"AccessKeyId", "SecretAccessKey", "SessionToken",
	                                    "Expiration"};
	char *v[4] = {NULL, NULL, NULL, NULL};
	char *code = NULL, *msg = NULL;
	int64_t us = 0;
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	r = ddb_xml_text(xml, len, "Code", &code, err);
	if (r > 0) {
		if (ddb_xml_text(xml, len, "Message", &msg, err) < 0)
			msg = NULL;
		ddb_error_set(err, DDB_ERR_SERVICE, "%.80s: %.300s", code, msg ? msg : "");
		snprintf(err->type, sizeof(err->type), "%s", code);
		free(code);
		free(msg);
		return -1;
	}
	if (r < 0)
		return -1;
	for (i = 0; i < 4; i++) {
		r = ddb_xml_text(xml, len, names[i], &v[i], err);
		if (r <= 0) {
			if (r == 0)
				ddb_error_set(err, DDB_ERR_PARSE, "the STS reply has no %s",
				              names[i]);
			break;
		}
	}
	if (i == 4 && ddb_time_parse(v[3], &us) < 0) {
		ddb_error_set(err, DDB_ERR_PARSE, "the STS reply's Expiration is not a time");
		i = 3;
	}
	if (i < 4) {
		for (i = 0; i < 4; i++)
			ddb_free_secret(v[i]);
		return -1;
	}
	out->access_key = v[0];
	out->secret_key = v[1];
	out->session_token = v[2];
	out->expiry = us / 1000000;
	free(v[3]);
	return 0;
}

/* ---- container credentials ---- */

static int container_host_ok(const char *scheme, const char *host)
{
	static const char *const allowed[] = {"169.254.170.2", "169.254.170.23", "fd00:ec2::23"};
	size_t i;

	if (strcmp(scheme, "https") == 0 || ddb_host_is_loopback(host))
		return 1;
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(host, allowed[i]) == 0)
			return 1;
	return 0;
}

int creds_container(const struct ddb_creds_src *src, struct ddb_creds *out, struct ddb_error *err)
{
	const char *rel = creds_env(src, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = creds_env(src, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
	const char *tok_file = creds_env(src, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	const char *tok = creds_env(src, "AWS_CONTAINER_AUTHORIZATION_TOKEN");
	struct creds_http h = {0};
	struct ddb_buf url = DDB_BUF_INIT, hdr = DDB_BUF_INIT;
	char *file_tok = NULL;
	int r = -1;

	if (rel) {
		ddb_buf_printf(&url, "http://169.254.170.2%s%s", rel[0] == '/' ? "" : "/", rel);
	} else if (full) {
		char *scheme = NULL, *host = NULL;
		const char *slash = strstr(full, "://");
		int port, ok;
		struct ddb_error perr;
		char *base;

		slash = slash ? strchr(slash + 3, '/') : NULL;
		base = slash ? ddb_strndup(full, (size_t)(slash - full)) : ddb_strdup(full);
		ok = ddb_endpoint_parse(base, &scheme, &host, &port, &perr) == 0;
		free(base);
		if (!ok || !container_host_ok(scheme, host)) {
			ddb_error_set(
			    err, DDB_ERR_CONFIG,
			    "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an https URL or an "
			    "http URL of a loopback address (or 169.254.170.2/.23), as the "
			    "AWS SDKs require; refusing %s",
			    ok ? host : "an invalid URL");
			free(scheme);
			free(host);
			return -1;
		}
		free(scheme);
		free(host);
		ddb_buf_puts(&url, full);
	} else {
		return 0;
	}
	if (tok_file) {
		struct ddb_error ferr;
		size_t n;

		file_tok = ddb_read_file(tok_file, &n, &ferr);
		if (!file_tok) {
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: %s", ferr.message);
			goto out;
		}
		while (n && (file_tok[n - 1] == '\n' || file_tok[n - 1] == '\r'))
			file_tok[--n] = '\0';
		tok = file_tok;
	}
	if (tok) {
		if (strpbrk(tok, "\r\n")) {
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "the container authorization token holds a line break");
			goto out;
		}
		ddb_buf_printf(&hdr, "Authorization: %s", tok);
		h.headers = curl_slist_append(NULL, ddb_buf_str(&hdr));
	}
	h.method = "GET";
	h.url = ddb_buf_str(&url);
	h.timeout_ms = 2000;
	if (creds_http(&h, "container credentials", err) < 0)
		goto out;
	if (h.status != 200) {
		ddb_error_set(err, DDB_ERR_SERVICE, "container credentials: HTTP %ld from %s",
		              h.status,
		              rel ? "169.254.170.2" : "AWS_CONTAINER_CREDENTIALS_FULL_URI");
		err->http_status = h.status;
		goto out;
	}
	if (creds_from_json(ddb_buf_str(&h.reply), h.reply.len, "Token", "container credentials",
	                    out, err) < 0)
		goto out;
	out->source = "container";
	r = 1;
out:
	creds_http_done(&h);
	if (hdr.data)
		memset(hdr.data, 0, hdr.len);
	ddb_buf_done(&hdr);
	ddb_buf_done(&url);
	ddb_free_secret(file_tok);
	return r;
}

/* ---- EC2 instance metadata (IMDSv2) ---- */

static int imds_get(const char *base, const char *path, const char *token, struct creds_http *h,
                    struct ddb_error *err)
{
	struct ddb_buf url = DDB_BUF_INIT, hdr = DDB_BUF_INIT;
	int r;

	ddb_buf_printf(&url, "%s%s", base, path);
	ddb_buf_printf(&hdr, "X-aws-ec2-metadata-token: %s", token);
	h->method = "GET";
	h->url = ddb_buf_str(&url);
	h->timeout_ms = 1000;
	h->headers = curl_slist_append(NULL, ddb_buf_str(&hdr));
	r = creds_http(h, "EC2 instance metadata", err);
	memset(hdr.data, 0, hdr.len);
	ddb_buf_done(&hdr);
	ddb_buf_done(&url);
	if (r == 0 && h->status != 200) {
		ddb_error_set(err, DDB_ERR_SERVICE, "EC2 instance metadata: HTTP %ld for %s",
		              h->status, path);
		return -1;
	}
	return r;
}

int creds_imds(const struct ddb_creds_src *src, struct ddb_creds *out, struct ddb_error *err)
{
	const char *ep = creds_env(src, "AWS_EC2_METADATA_SERVICE_ENDPOINT");
	struct creds_http t = {0}, h = {0};
	struct ddb_buf url = DDB_BUF_INIT, base = DDB_BUF_INIT;
	char *token = NULL, *role = NULL;
	int r = 0;
	size_t n;

	if (ddb_env_true(creds_env(src, "AWS_EC2_METADATA_DISABLED")))
		return 0;
	if (!ep && src->skip_imds)
		return 0;
	ddb_buf_puts(&base, ep ? ep : "http://169.254.169.254");
	while (base.len && base.data[base.len - 1] == '/')
		base.data[--base.len] = '\0';
	ddb_buf_printf(&url, "%s/latest/api/token", ddb_buf_str(&base));
	t.method = "PUT";
	t.url = ddb_buf_str(&url);
	t.timeout_ms = 1000;
	t.headers = curl_slist_append(NULL, "X-aws-ec2-metadata-token-ttl-seconds: 21600");
	/* No metadata service (a laptop): the chain just ends here, as in botocore. */
	if (creds_http(&t, "EC2 instance metadata", err) < 0 || t.status != 200 || !t.reply.len ||
	    strpbrk(ddb_buf_str(&t.reply), "\r\n"))
		goto out;
	token = ddb_strdup(ddb_buf_str(&t.reply));
	if (imds_get(ddb_buf_str(&base), "/latest/meta-data/iam/security-credentials/", token, &h,
	             err) < 0)
		goto out;
	n = strcspn(ddb_buf_str(&h.reply), "\r\n");
	if (!n || strchr(ddb_buf_str(&h.reply), '/'))
		goto out; /* no role attached */
	role = ddb_strndup(ddb_buf_str(&h.reply), n);
	creds_http_done(&h);
	memset(&h, 0, sizeof(h));
	ddb_buf_reset(&url);
	ddb_buf_printf(&url, "/latest/meta-data/iam/security-credentials/%s", role);
	if (imds_get(ddb_buf_str(&base), ddb_buf_str(&url), token, &h, err) < 0) {
		r = -1;
		goto out;
	}
	if (creds_from_json(ddb_buf_str(&h.reply), h.reply.len, "Token", "EC2 instance metadata",
	                    out, err) < 0) {
		r = -1;
		goto out;
	}
	out->source = "imds";
	r = 1;
out:
	if (r == 0)
		ddb_error_clear(err);
	creds_http_done(&t);
	creds_http_done(&h);
	ddb_free_secret(token);
	free(role);
	ddb_buf_done(&url);
	ddb_buf_done(&base);
	return r;
}

/* ---- credential_process ---- */

void ddb_argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

char **ddb_shell_split(const char *line, struct ddb_error *err)
{
	struct ddb_buf w = DDB_BUF_INIT;
	char **argv = ddb_calloc(1, sizeof(char *));
	size_t n = 0;
	const char *p = line;

	for (;;) {
		int in_word = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		ddb_buf_reset(&w);
		while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
			in_word = 1;
			if (*p == '\'') {
				const char *q = strchr(p + 1, '\'');

				if (!q)
					goto unbalanced;
				ddb_buf_append(&w, p + 1, (size_t)(q - p - 1));
				p = q + 1;
			} else if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && p[1] && (p[1] == '\\' || p[1] == '"'))
						p++;
					ddb_buf_putc(&w, *p++);
				}
				if (!*p)
					goto unbalanced;
				p++;
			} else if (*p == '\\') {
				if (!p[1]) {
					ddb_error_set(err, DDB_ERR_CONFIG,
					              "credential_process ends with a backslash");
					goto fail;
				}
				ddb_buf_putc(&w, p[1]);
				p += 2;
			} else {
				ddb_buf_putc(&w, *p++);
			}
		}
		if (in_word) {
			argv = ddb_must(realloc(argv, (n + 2) * sizeof(char *)));
			argv[n++] = ddb_strdup(ddb_buf_str(&w));
			argv[n] = NULL;
		}
	}
	ddb_buf_done(&w);
	return argv;
unbalanced:
	ddb_error_set(err, DDB_ERR_CONFIG, "credential_process has an unbalanced quote");
fail:
	ddb_buf_done(&w);
	ddb_argv_free(argv);
	return NULL;
}

/* Runs argv with stdout and stderr captured; its exit status in *status (-1 if it did not run).
 * Both pipes are read together, so a chatty stderr cannot block the process. */
static int run_capture(char **argv, struct ddb_buf *out, struct ddb_buf *errb, int *status,
                       struct ddb_error *err)
{
	int po[2], pe[2], st = 0;
	pid_t pid;
	struct pollfd fds[2];
	int open_fds = 2;

	if (pipe(po) < 0 || pipe(pe) < 0) {
		ddb_error_set(err, DDB_ERR_CONFIG, "credential_process: pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		ddb_error_set(err, DDB_ERR_CONFIG, "credential_process: fork: %s", strerror(errno));
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	fds[0].fd = po[0];
	fds[1].fd = pe[0];
	fds[0].events = fds[1].events = POLLIN;
	while (open_fds) {
		int i;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			char chunk[4096];
			ssize_t n;

			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fds[i].fd, chunk, sizeof(chunk));
			if (n > 0) {
				struct ddb_buf *b = i ? errb : out;

				if (b->len < (1u << 20))
					ddb_buf_append(b, chunk, (size_t)n);
				memset(chunk, 0, sizeof(chunk));
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}

/* The last lines of the process's stderr, printable, for the message. */
static void put_stderr(struct ddb_buf *msg, const struct ddb_buf *e)
{
	size_t i, start = e->len > 400 ? e->len - 400 : 0;

	for (i = start; i < e->len; i++) {
		unsigned char c = (unsigned char)e->data[i];

		if (c == '\n' && i + 1 == e->len)
			break;
		ddb_buf_putc(msg, c == '\n' ? ' ' : (c >= 0x20 && c < 0x7f ? (char)c : '?'));
	}
}

int creds_process(const struct ddb_creds_src *src, const char *profile, struct ddb_creds *out,
                  struct ddb_error *err)
{
	const char *cmd = src->get(src->ctx, profile, "credential_process");
	struct ddb_buf o = DDB_BUF_INIT, e = DDB_BUF_INIT, msg = DDB_BUF_INIT;
	char **argv;
	int status = -1, r = -1;
	cJSON *doc = NULL;

	if (!cmd)
		return 0;
	argv = ddb_shell_split(cmd, err);
	if (!argv)
		return -1;
	if (!argv[0]) {
		ddb_error_set(err, DDB_ERR_CONFIG, "credential_process of profile %s is empty",
		              profile);
		goto out;
	}
	if (run_capture(argv, &o, &e, &status, err) < 0)
		goto out;
	if (status != 0) {
		ddb_buf_printf(&msg,
		               "credential_process of profile %s (%s) failed with exit status %d",
		               profile, argv[0], status);
		if (e.len) {
			ddb_buf_puts(&msg, ": ");
			put_stderr(&msg, &e);
		}
		ddb_error_set(err, DDB_ERR_CONFIG, "%s", ddb_buf_str(&msg));
		goto out;
	}
	{
		struct ddb_error perr;
		const cJSON *ver;

		doc = ddb_json_parse(ddb_buf_str(&o), o.len, &perr);
		ver = doc ? cJSON_GetObjectItemCaseSensitive(doc, "Version") : NULL;
		if (!doc || !cJSON_IsObject(doc)) {
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "credential_process of profile %s printed no JSON object%s%s",
			              profile, doc ? "" : ": ", doc ? "" : perr.message);
			goto out;
		}
		if (!cJSON_IsNumber(ver) && !(ver && cJSON_IsRaw(ver))) {
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "credential_process of profile %s: the JSON has no Version",
			              profile);
			goto out;
		}
		if (strcmp(ver->valuestring ? ver->valuestring : "", "1") != 0 &&
		    !(cJSON_IsNumber(ver) && ver->valuedouble == 1)) {
			ddb_error_set(
			    err, DDB_ERR_CONFIG,
			    "credential_process of profile %s: unsupported Version (only 1 "
			    "is)",
			    profile);
			goto out;
		}
	}
	ddb_buf_printf(&msg, "credential_process of profile %s", profile);
	if (creds_from_json(ddb_buf_str(&o), o.len, "SessionToken", ddb_buf_str(&msg), out, err) <
	    0) {
		err->kind = DDB_ERR_CONFIG;
		goto out;
	}
	out->source = "process";
	r = 1;
out:
	wipe_json(doc);
	if (o.data)
		memset(o.data, 0, o.len);
	ddb_buf_done(&o);
	ddb_buf_done(&e);
	ddb_buf_done(&msg);
	ddb_argv_free(argv);
	return r;
}
