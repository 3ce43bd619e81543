/* creds.c - the credential chain in botocore's order, and the providers that read the profile:
 * environment, assume-role (source_profile chains, credential_source), web identity, SSO and the
 * static keys of the shared files. The fetching providers are in creds_fetch.c. */
#include "creds_int.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "json.h"
#include "sigv4.h"
#include "time.h"

#define MAX_CHAIN 32 /* source_profile hops; a longer chain is surely a mistake */

static void set_creds(struct ddb_creds *out, const char *ak, const char *sk, const char *tok,
                      const char *source)
{
	out->access_key = ddb_strdup(ak);
	out->secret_key = ddb_strdup(sk);
	out->session_token = ddb_strdup_or_null(tok);
	out->expiry = 0;
	out->source = source;
}

/* ---- endpoints ---- */

char *ddb_service_endpoint(const struct ddb_creds_src *src, const char *env_id, const char *dflt,
                           const char **from)
{
	char var[64];
	const char *v;
	int ignore =
	    ddb_env_true(creds_env(src, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
	    ddb_env_true(src->get(src->ctx, src->profile, "ignore_configured_endpoint_urls"));

	snprintf(var, sizeof(var), "AWS_ENDPOINT_URL_%s", env_id);
	if (!ignore) {
		if ((v = creds_env(src, var))) {
			*from = env_id[0] == 'S' && env_id[1] == 'T' ? "AWS_ENDPOINT_URL_STS"
			                                             : "AWS_ENDPOINT_URL_SSO";
			return ddb_strdup(v);
		}
		if (src->services_endpoint &&
		    (v = src->services_endpoint(src->ctx, src->profile,
		                                env_id[1] == 'T' ? "sts" : "sso"))) {
			*from = "the profile's services section";
			return ddb_strdup(v);
		}
		if ((v = creds_env(src, "AWS_ENDPOINT_URL"))) {
			*from = "AWS_ENDPOINT_URL";
			return ddb_strdup(v);
		}
		if ((v = src->get(src->ctx, src->profile, "endpoint_url"))) {
			*from = "the profile's endpoint_url";
			return ddb_strdup(v);
		}
	}
	*from = "default";
	return ddb_strdup(dflt);
}

static char *sts_endpoint(const struct ddb_creds_src *src)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *from;
	char *url;

	if (src->region)
		ddb_buf_printf(&b, "https://sts.%s.%s", src->region,
		               strncmp(src->region, "cn-", 3) == 0 ? "amazonaws.com.cn"
		                                                   : "amazonaws.com");
	else
		ddb_buf_puts(&b, "https://sts.amazonaws.com");
	url = ddb_service_endpoint(src, "STS", ddb_buf_str(&b), &from);
	ddb_buf_done(&b);
	while (*url && url[strlen(url) - 1] == '/')
		url[strlen(url) - 1] = '\0';
	return url;
}

/* ---- STS ---- */

static void form_put(struct ddb_buf *b, const char *key, const char *value)
{
	const unsigned char *p = (const unsigned char *)value;

	ddb_buf_printf(b, "&%s=", key);
	for (; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~')
			ddb_buf_putc(b, (char)*p);
		else
			ddb_buf_printf(b, "%%%02X", *p);
	}
}

/* Posts the STS form body, signed with signer (NULL: unsigned, for web identity). */
static int sts_call(const struct ddb_creds_src *src, const char *body,
                    const struct ddb_creds *signer, const char *what, struct ddb_creds *out,
                    struct ddb_error *err)
{
	char *url = sts_endpoint(src), *scheme = NULL, *host = NULL;
	struct creds_http h = {0};
	struct ddb_buf hostb = DDB_BUF_INIT;
	struct sigv4_result sig;
	int port, r = -1;
	size_t i;

	memset(&sig, 0, sizeof(sig));
	if (ddb_endpoint_parse(url, &scheme, &host, &port, err) < 0) {
		err->kind = DDB_ERR_CONFIG;
		goto out;
	}
	ddb_buf_printf(&hostb, "%s%s%s", strchr(host, ':') ? "[" : "", host,
	               strchr(host, ':') ? "]" : "");
	if (port != (strcmp(scheme, "https") == 0 ? 443 : 80))
		ddb_buf_printf(&hostb, ":%d", port);
	h.headers = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded; "
	                                    "charset=utf-8");
	if (signer) {
		struct sigv4_header hdrs[2] = {
		    {"Host", ddb_buf_str(&hostb)},
		    {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
		struct sigv4_request rq = {0};

		rq.method = "POST";
		rq.path = "/";
		rq.headers = hdrs;
		rq.nheaders = 2;
		rq.body = body;
		rq.body_len = strlen(body);
		rq.region = src->region ? src->region : "us-east-1";
		rq.service = "sts";
		rq.access_key = signer->access_key;
		rq.secret_key = signer->secret_key;
		rq.session_token = signer->session_token;
		rq.now = time(NULL);
		rq.normalize_path = 1;
		if (sigv4_sign(&rq, &sig, err) < 0)
			goto out;
		for (i = 0; sig.add_headers[i]; i++)
			h.headers = curl_slist_append(h.headers, sig.add_headers[i]);
	}
	h.method = "POST";
	h.url = url;
	h.body = body;
	h.timeout_ms = 10000;
	h.ca_bundle = src->ca_bundle;
	if (creds_http(&h, what, err) < 0)
		goto out;
	if (ddb_sts_parse(ddb_buf_str(&h.reply), h.reply.len, out, err) < 0) {
		char msg[sizeof(err->message)];

		snprintf(msg, sizeof(msg), "%s", err->message);
		ddb_error_set(err, DDB_ERR_SERVICE, "%s: %s", what, msg);
		err->http_status = h.status;
		goto out;
	}
	if (h.status != 200) {
		ddb_creds_done(out);
		ddb_error_set(err, DDB_ERR_SERVICE, "%s: HTTP %ld", what, h.status);
		goto out;
	}
	r = 0;
out:
	creds_http_done(&h);
	sigv4_result_done(&sig);
	ddb_buf_done(&hostb);
	free(url);
	free(scheme);
	free(host);
	return r;
}

/* ---- MFA ---- */

/* Reads the token code for serial from the terminal, without echo. NULL with err if there is no
 * terminal. */
static char *read_mfa_code(const char *profile, const char *serial, struct ddb_error *err)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	struct termios old, quiet;
	char code[64];
	size_t n = 0;
	int have_tio;

	if (fd < 0) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "profile %s has mfa_serial %s: the MFA token code must be typed on a "
		              "terminal, and there is none",
		              profile, serial);
		return NULL;
	}
	have_tio = tcgetattr(fd, &old) == 0;
	if (have_tio) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	dprintf(fd, "Enter MFA code for %s: ", serial);
	while (n + 1 < sizeof(code)) {
		char c;
		ssize_t k = read(fd, &c, 1);

		if (k <= 0 || c == '\n' || c == '\r')
			break;
		code[n++] = c;
	}
	code[n] = '\0';
	if (have_tio)
		tcsetattr(fd, TCSAFLUSH, &old);
	dprintf(fd, "\n");
	close(fd);
	if (!n) {
		ddb_error_set(err, DDB_ERR_CONFIG, "no MFA token code given for %s", serial);
		return NULL;
	}
	{
		char *r = ddb_strdup(code);

		memset(code, 0, sizeof(code));
		return r;
	}
}

/* ---- providers ---- */

static int env_provider(const struct ddb_creds_src *src, struct ddb_creds *out,
                        struct ddb_error *err)
{
	const char *ak = creds_env(src, "AWS_ACCESS_KEY_ID");
	const char *sk = creds_env(src, "AWS_SECRET_ACCESS_KEY");
	const char *tok = creds_env(src, "AWS_SESSION_TOKEN");
	const char *exp = creds_env(src, "AWS_CREDENTIAL_EXPIRATION");
	int64_t us = 0;

	if (!tok)
		tok = creds_env(src, "AWS_SECURITY_TOKEN"); /* the legacy name */
	if (!ak)
		return 0;
	if (!sk) {
		ddb_error_set(
		    err, DDB_ERR_CONFIG,
		    "partial credentials in the environment: AWS_ACCESS_KEY_ID is set but "
		    "AWS_SECRET_ACCESS_KEY is not");
		return -1;
	}
	if (exp && ddb_time_parse(exp, &us) < 0) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time");
		return -1;
	}
	set_creds(out, ak, sk, tok, "environment");
	out->expiry = us / 1000000;
	if (out->expiry && out->expiry <= time(NULL)) {
		ddb_creds_done(out);
		ddb_error_set(
		    err, DDB_ERR_CONFIG,
		    "the credentials in the environment expired (AWS_CREDENTIAL_EXPIRATION "
		    "%s)",
		    exp);
		return -1;
	}
	return 1;
}

/* The static keys of profile in one file (1 credentials, 2 config). */
static int static_provider(const struct ddb_creds_src *src, int file, const char *profile,
                           struct ddb_creds *out, struct ddb_error *err)
{
	const char *ak = src->get_in(src->ctx, file, profile, "aws_access_key_id");
	const char *sk = src->get_in(src->ctx, file, profile, "aws_secret_access_key");
	const char *tok = src->get_in(src->ctx, file, profile, "aws_session_token");

	if (!tok)
		tok = src->get_in(src->ctx, file, profile, "aws_security_token");
	if (!ak)
		return 0;
	if (!sk) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "partial credentials in profile %s of the %s file: "
		              "aws_secret_access_key is missing",
		              profile, file == 1 ? "credentials" : "config");
		return -1;
	}
	set_creds(out, ak, sk, tok, file == 1 ? "credentials file" : "config file");
	return 1;
}

static int web_identity_provider(const struct ddb_creds_src *src, const char *profile,
                                 int disable_env, struct ddb_creds *out, struct ddb_error *err)
{
	const char *file = disable_env ? NULL : creds_env(src, "AWS_WEB_IDENTITY_TOKEN_FILE");
	const char *arn = disable_env ? NULL : creds_env(src, "AWS_ROLE_ARN");
	const char *name = disable_env ? NULL : creds_env(src, "AWS_ROLE_SESSION_NAME");
	struct ddb_buf body = DDB_BUF_INIT, sess = DDB_BUF_INIT;
	struct ddb_error ferr;
	char *token;
	size_t n;
	int r;

	if (!file)
		file = src->get(src->ctx, profile, "web_identity_token_file");
	if (!arn)
		arn = src->get(src->ctx, profile, "role_arn");
	if (!name)
		name = src->get(src->ctx, profile, "role_session_name");
	if (!file)
		return 0;
	if (!arn) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "a web identity token file is set but no role ARN (AWS_ROLE_ARN or "
		              "role_arn of profile %s)",
		              profile);
		return -1;
	}
	token = ddb_read_file(file, &n, &ferr);
	if (!token) {
		ddb_error_set(err, DDB_ERR_CONFIG, "web identity token: %s", ferr.message);
		return -1;
	}
	while (n && (token[n - 1] == '\n' || token[n - 1] == '\r'))
		token[--n] = '\0';
	if (!name) {
		ddb_buf_printf(&sess, "ddbtui-session-%ld", (long)time(NULL));
		name = ddb_buf_str(&sess);
	}
	ddb_buf_puts(&body, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15");
	form_put(&body, "RoleArn", arn);
	form_put(&body, "RoleSessionName", name);
	form_put(&body, "WebIdentityToken", token);
	r = sts_call(src, ddb_buf_str(&body), NULL, "STS AssumeRoleWithWebIdentity", out, err);
	ddb_free_secret(token);
	memset(body.data, 0, body.len);
	ddb_buf_done(&body);
	ddb_buf_done(&sess);
	if (r < 0)
		return -1;
	out->source = "web-identity";
	return 1;
}

/* ---- SSO ---- */

static int sso_fail(struct ddb_error *err, const char *profile, const char *why)
{
	ddb_error_set(err, DDB_ERR_CONFIG,
	              "the SSO session of profile %s %s: run `aws sso login --profile %s`", profile,
	              why, profile);
	return -1;
}

static int sso_provider(const struct ddb_creds_src *src, const char *profile, struct ddb_creds *out,
                        struct ddb_error *err)
{
	const char *session = src->get(src->ctx, profile, "sso_session");
	const char *start = src->get(src->ctx, profile, "sso_start_url");
	const char *region = src->get(src->ctx, profile, "sso_region");
	const char *account = src->get(src->ctx, profile, "sso_account_id");
	const char *role = src->get(src->ctx, profile, "sso_role_name");
	const char *home = creds_env(src, "HOME"), *key, *from;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	struct ddb_buf path = DDB_BUF_INIT, url = DDB_BUF_INIT, dflt = DDB_BUF_INIT,
	               hdr = DDB_BUF_INIT;
	struct creds_http h = {0};
	struct ddb_error ferr;
	char *text = NULL, *base = NULL;
	cJSON *tok = NULL, *reply = NULL;
	int r = -1;
	size_t n;

	if (!session && !start)
		return 0;
	if (session) {
		if (!src->sso_session(src->ctx, session, "sso_start_url")) {
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "profile %s names sso_session %s, but the config file has no "
			              "[sso-session %s] with an sso_start_url",
			              profile, session, session);
			return -1;
		}
		region = src->sso_session(src->ctx, session, "sso_region");
		key = session;
	} else {
		key = start;
	}
	if (!region || !account || !role) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "the SSO configuration of profile %s is incomplete: it needs %s",
		              profile,
		              !region    ? "sso_region"
		              : !account ? "sso_account_id"
		                         : "sso_role_name");
		return -1;
	}
	EVP_Digest(key, strlen(key), md, &mdlen, EVP_sha1(), NULL);
	ddb_buf_printf(&path, "%s/.aws/sso/cache/", home ? home : "");
	for (i = 0; i < mdlen; i++)
		ddb_buf_printf(&path, "%02x", md[i]);
	ddb_buf_puts(&path, ".json");
	text = ddb_read_file(ddb_buf_str(&path), &n, &ferr);
	if (!text) {
		sso_fail(err, profile, "has no cached token");
		goto out;
	}
	tok = ddb_json_parse(text, n, &ferr);
	{
		const cJSON *at = cJSON_GetObjectItemCaseSensitive(tok, "accessToken");
		const cJSON *exp = cJSON_GetObjectItemCaseSensitive(tok, "expiresAt");
		int64_t us;

		if (!cJSON_IsString(at) || !cJSON_IsString(exp) ||
		    ddb_time_parse(exp->valuestring, &us) < 0) {
			sso_fail(err, profile, "has an unreadable cached token");
			goto out;
		}
		if (us / 1000000 <= time(NULL)) {
			sso_fail(err, profile, "has expired");
			goto out;
		}
		if (strpbrk(at->valuestring, "\r\n")) {
			sso_fail(err, profile, "has an unreadable cached token");
			goto out;
		}
		ddb_buf_printf(&hdr, "x-amz-sso_bearer_token: %s", at->valuestring);
	}
	ddb_buf_printf(&dflt, "https://portal.sso.%s.amazonaws.com", region);
	base = ddb_service_endpoint(src, "SSO", ddb_buf_str(&dflt), &from);
	while (*base && base[strlen(base) - 1] == '/')
		base[strlen(base) - 1] = '\0';
	ddb_buf_printf(&url, "%s/federation/credentials?account_id=", base);
	for (key = account; *key; key++)
		ddb_buf_printf(&url, (*key >= '0' && *key <= '9') ? "%c" : "%%%02X",
		               (unsigned char)*key);
	ddb_buf_puts(&url, "&role_name=");
	for (key = role; *key; key++) {
		unsigned char c = (unsigned char)*key;
		int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';

		ddb_buf_printf(&url, plain ? "%c" : "%%%02X", c);
	}
	h.method = "GET";
	h.url = ddb_buf_str(&url);
	h.timeout_ms = 10000;
	h.ca_bundle = src->ca_bundle;
	h.headers = curl_slist_append(NULL, ddb_buf_str(&hdr));
	if (creds_http(&h, "SSO GetRoleCredentials", err) < 0)
		goto out;
	if (h.status == 401 || h.status == 403) {
		sso_fail(err, profile, "was refused by the SSO portal");
		goto out;
	}
	reply = ddb_json_parse(ddb_buf_str(&h.reply), h.reply.len, &ferr);
	{
		const cJSON *rc = cJSON_GetObjectItemCaseSensitive(reply, "roleCredentials");
		const cJSON *ak = cJSON_GetObjectItemCaseSensitive(rc, "accessKeyId");
		const cJSON *sk = cJSON_GetObjectItemCaseSensitive(rc, "secretAccessKey");
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(rc, "sessionToken");
		const cJSON *ex = cJSON_GetObjectItemCaseSensitive(rc, "expiration");
		char nb[64];
		const char *ns = ex ? ddb_json_number_text(ex, nb) : NULL;

		if (h.status != 200 || !cJSON_IsString(ak) || !cJSON_IsString(sk)) {
			ddb_error_set(err, DDB_ERR_SERVICE,
			              "SSO GetRoleCredentials for profile %s: HTTP %ld without "
			              "credentials",
			              profile, h.status);
			err->http_status = h.status;
			goto out;
		}
		set_creds(out, ak->valuestring, sk->valuestring,
		          cJSON_IsString(st) ? st->valuestring : NULL, "sso");
		out->expiry = ns ? strtoll(ns, NULL, 10) / 1000 : 0;
	}
	r = 1;
out:
	if (tok)
		for (cJSON *c = tok->child; c; c = c->next)
			if (cJSON_IsString(c))
				ddb_wipe_str(c->valuestring);
	cJSON_Delete(tok);
	if (reply) {
		const cJSON *rc = cJSON_GetObjectItemCaseSensitive(reply, "roleCredentials");

		for (cJSON *c = rc ? rc->child : NULL; c; c = c->next)
			if (cJSON_IsString(c))
				ddb_wipe_str(c->valuestring);
	}
	cJSON_Delete(reply);
	ddb_free_secret(text);
	creds_http_done(&h);
	if (hdr.data)
		memset(hdr.data, 0, hdr.len);
	ddb_buf_done(&hdr);
	ddb_buf_done(&path);
	ddb_buf_done(&url);
	ddb_buf_done(&dflt);
	free(base);
	return r;
}

/* ---- the chain ---- */

/* botocore's ProfileProviderBuilder: web identity, SSO, the credentials file, credential_process,
 * the config file. */
static int profile_providers(const struct ddb_creds_src *src, const char *profile, int disable_env,
                             struct ddb_creds *out, struct ddb_error *err)
{
	int r = web_identity_provider(src, profile, disable_env, out, err);

	if (r == 0)
		r = sso_provider(src, profile, out, err);
	if (r == 0)
		r = static_provider(src, 1, profile, out, err);
	if (r == 0)
		r = creds_process(src, profile, out, err);
	if (r == 0)
		r = static_provider(src, 2, profile, out, err);
	return r;
}

static int has_static(const struct ddb_creds_src *src, const char *p)
{
	return src->get(src->ctx, p, "aws_access_key_id") ||
	       src->get(src->ctx, p, "aws_secret_access_key");
}

static int has_role(const struct ddb_creds_src *src, const char *p)
{
	return src->get(src->ctx, p, "role_arn") &&
	       !src->get(src->ctx, p, "web_identity_token_file");
}

struct chain {
	const char *visited[MAX_CHAIN + 1];
	size_t n;
};

static int assume_role(const struct ddb_creds_src *src, const char *profile, struct chain *ch,
                       struct ddb_creds *out, struct ddb_error *err);

static int credential_source(const struct ddb_creds_src *src, const char *profile, const char *cs,
                             struct ddb_creds *out, struct ddb_error *err)
{
	int r;

	if (strcmp(cs, "Environment") == 0) {
		r = env_provider(src, out, err);
	} else if (strcmp(cs, "EcsContainer") == 0) {
		r = creds_container(src, out, err);
	} else if (strcmp(cs, "Ec2InstanceMetadata") == 0) {
		struct ddb_creds_src s = *src;

		s.skip_imds = 0;
		r = creds_imds(&s, out, err);
	} else {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "the credential_source \"%.40s\" of profile %s is not valid: use "
		              "Environment, Ec2InstanceMetadata or EcsContainer",
		              cs, profile);
		return -1;
	}
	if (r == 0)
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "the credential_source %s of profile %s gave no credentials", cs,
		              profile);
	return r > 0 ? 0 : -1;
}

static void put_cycle(struct ddb_buf *b, const struct chain *ch, const char *again)
{
	size_t i;

	for (i = 0; i < ch->n; i++)
		ddb_buf_printf(b, "%s -> ", ch->visited[i]);
	ddb_buf_puts(b, again);
}

static int source_creds(const struct ddb_creds_src *src, const char *profile, struct chain *ch,
                        struct ddb_creds *out, struct ddb_error *err)
{
	const char *cs = src->get(src->ctx, profile, "credential_source");
	const char *sp = src->get(src->ctx, profile, "source_profile");
	size_t i;
	int r;

	if (cs && sp) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "profile %s has both source_profile and credential_source", profile);
		return -1;
	}
	if (cs)
		return credential_source(src, profile, cs, out, err);
	if (!sp) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "profile %s has role_arn but neither source_profile nor "
		              "credential_source",
		              profile);
		return -1;
	}
	if (!src->exists(src->ctx, sp)) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "the source_profile %s of profile %s does not exist", sp, profile);
		return -1;
	}
	for (i = 0; i < ch->n; i++)
		if (strcmp(ch->visited[i], sp) == 0 &&
		    (strcmp(sp, profile) != 0 || !has_static(src, sp))) {
			struct ddb_buf b = DDB_BUF_INIT;

			put_cycle(&b, ch, sp);
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "the role chain of source_profile loops: %s",
			              ddb_buf_str(&b));
			ddb_buf_done(&b);
			return -1;
		}
	if (ch->n >= MAX_CHAIN) {
		ddb_error_set(err, DDB_ERR_CONFIG, "the role chain from profile %s is too long",
		              ch->visited[0]);
		return -1;
	}
	ch->visited[ch->n++] = sp;
	if (has_static(src, sp) || !has_role(src, sp)) {
		r = profile_providers(src, sp, 1, out, err);
		if (r == 0)
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "the source profile %s must have credentials", sp);
		return r > 0 ? 0 : -1;
	}
	return assume_role(src, sp, ch, out, err) > 0 ? 0 : -1;
}

static int assume_role(const struct ddb_creds_src *src, const char *profile, struct chain *ch,
                       struct ddb_creds *out, struct ddb_error *err)
{
	const char *arn = src->get(src->ctx, profile, "role_arn");
	const char *name = src->get(src->ctx, profile, "role_session_name");
	const char *ext = src->get(src->ctx, profile, "external_id");
	const char *mfa = src->get(src->ctx, profile, "mfa_serial");
	const char *dur = src->get(src->ctx, profile, "duration_seconds");
	struct ddb_creds source = {0};
	struct ddb_buf body = DDB_BUF_INIT, sess = DDB_BUF_INIT;
	char *code = NULL;
	int r;

	if (source_creds(src, profile, ch, &source, err) < 0)
		return -1;
	if (mfa && src->no_prompt) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "profile %s has mfa_serial %s: the role's credentials expire and "
		              "cannot be refreshed without asking for a new MFA code (no_prompt "
		              "while ddbtui runs); restart ddbtui to type one",
		              profile, mfa);
		ddb_creds_done(&source);
		return -1;
	}
	if (mfa && !(code = read_mfa_code(profile, mfa, err))) {
		ddb_creds_done(&source);
		return -1;
	}
	if (!name) {
		ddb_buf_printf(&sess, "ddbtui-session-%ld", (long)time(NULL));
		name = ddb_buf_str(&sess);
	}
	ddb_buf_puts(&body, "Action=AssumeRole&Version=2011-06-15");
	form_put(&body, "RoleArn", arn);
	form_put(&body, "RoleSessionName", name);
	if (ext)
		form_put(&body, "ExternalId", ext);
	if (dur)
		form_put(&body, "DurationSeconds", dur);
	if (mfa) {
		form_put(&body, "SerialNumber", mfa);
		form_put(&body, "TokenCode", code);
	}
	r = sts_call(src, ddb_buf_str(&body), &source, "STS AssumeRole", out, err);
	ddb_free_secret(code);
	memset(body.data, 0, body.len);
	ddb_buf_done(&body);
	ddb_buf_done(&sess);
	ddb_creds_done(&source);
	if (r < 0)
		return -1;
	out->source = "assume-role";
	return 1;
}

int ddb_creds_resolve(const struct ddb_creds_src *src, struct ddb_creds *out, struct ddb_error *err)
{
	int r = 0;

	memset(out, 0, sizeof(*out));
	if (!src->explicit_profile)
		r = env_provider(src, out, err);
	if (r == 0 && has_role(src, src->profile)) {
		struct chain ch = {{src->profile}, 1};

		r = assume_role(src, src->profile, &ch, out, err);
	}
	if (r == 0)
		r = profile_providers(src, src->profile, src->explicit_profile, out, err);
	if (r == 0)
		r = creds_container(src, out, err);
	if (r == 0)
		r = creds_imds(src, out, err);
	if (r < 0)
		ddb_creds_done(out);
	return r;
}
