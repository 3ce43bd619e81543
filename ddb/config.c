/* config.c - credentials, region and endpoint from the command line, the environment and the AWS
 * files, resolved in the order botocore (AWS CLI v2) uses. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "creds.h"
#include "queue.h"
#include "error.h"

/* Long enough for any sane URL or region; longer input is cut in messages, not in use. */
#define MESSAGE_ECHO_MAX 120

/* One "key = value" of an INI file; section indexes ini.sections. */
struct ini_entry {
	size_t section;
	char *key;
	char *value;
};

/* A parsed AWS INI file. Sections are kept in the order of their first header, as Python's
 * configparser does (a repeated header merges into the first), since botocore's choice between
 * [default] and [profile default] depends on it. */
struct ini {
	char **sections;
	size_t nsections, sections_cap;
	struct ini_entry *entries;
	size_t nentries, entries_cap;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort(); /* the house rule, as in buf.c */
	return p;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Appends s for an error message: control and non-ASCII bytes as '?', cut after
 * MESSAGE_ECHO_MAX bytes, so odd input cannot garble the status line. */
static void put_printable(struct ddb_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < MESSAGE_ECHO_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		ddb_buf_putc(b, c >= 0x20 && c < 0x7f ? (char)c : '?');
	}
	if (n > MESSAGE_ECHO_MAX)
		ddb_buf_puts(b, "...");
}

/* ---- INI files ---- */

static void ini_free(struct ini *ini)
{
	size_t i;

	for (i = 0; i < ini->nentries; i++) {
		free(ini->entries[i].key);
		ddb_free_secret(ini->entries[i].value);
	}
	for (i = 0; i < ini->nsections; i++)
		free(ini->sections[i]);
	free(ini->entries);
	free(ini->sections);
	memset(ini, 0, sizeof(*ini));
}

static size_t ini_intern_section(struct ini *ini, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ini->nsections; i++)
		if (strlen(ini->sections[i]) == len && memcmp(ini->sections[i], name, len) == 0)
			return i;
	if (ini->nsections == ini->sections_cap) {
		ini->sections_cap = ini->sections_cap ? 2 * ini->sections_cap : 8;
		ini->sections =
		    xrealloc(ini->sections, ini->sections_cap * sizeof(ini->sections[0]));
	}
	ini->sections[ini->nsections] = ddb_strndup(name, len);
	return ini->nsections++;
}

static void ini_add(struct ini *ini, size_t section, const char *key, size_t key_len,
                    const char *value, size_t value_len)
{
	struct ini_entry *e;

	if (ini->nentries == ini->entries_cap) {
		ini->entries_cap = ini->entries_cap ? 2 * ini->entries_cap : 16;
		ini->entries = xrealloc(ini->entries, ini->entries_cap * sizeof(ini->entries[0]));
	}
	e = &ini->entries[ini->nentries++];
	e->section = section;
	e->key = ddb_strndup(key, key_len);
	e->value = ddb_strndup(value, value_len);
}

/* Parses text the way configparser reads AWS files: '#' and ';' start comment lines (no inline
 * comments), '=' or ':' separates key and value, and a line indented deeper than the key line
 * before it continues that value. Continuations hold nested settings, as botocore reads them
 * ("dynamodb =" then "  endpoint_url = URL" in a [services NAME] section): they are kept as
 * "dynamodb.endpoint_url", a name no flat setting has, so they cannot leak into the profile.
 * Lines configparser would reject are skipped rather than failing the whole file. */
static void ini_parse(struct ini *ini, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int have_section = 0;
	size_t section = 0;
	long key_indent = -1; /* indent of the last key line; -1 when a value cannot continue */
	struct ddb_buf parent = DDB_BUF_INIT; /* the last key line's key, for nested settings */

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3; /* a UTF-8 BOM left by Windows editors */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		const char *line = p, *s = p, *e = line_end, *sep;
		long indent;

		p = nl ? nl + 1 : end;
		while (s < e && is_blank(*s))
			s++;
		indent = (long)(s - line);
		while (e > s && (is_blank(e[-1]) || e[-1] == '\r'))
			e--;
		if (s == e || *s == '#' || *s == ';')
			continue;
		if (have_section && key_indent >= 0 && indent > key_indent) {
			const char *eq = memchr(s, '=', (size_t)(e - s)), *ke, *v;
			struct ddb_buf k = DDB_BUF_INIT;

			if (!eq || eq == s)
				continue;
			ke = eq;
			while (ke > s && is_blank(ke[-1]))
				ke--;
			v = eq + 1;
			while (v < e && is_blank(*v))
				v++;
			ddb_buf_printf(&k, "%s.%.*s", ddb_buf_str(&parent), (int)(ke - s), s);
			ini_add(ini, section, k.data, k.len, v, (size_t)(e - v));
			ddb_buf_done(&k);
			continue;
		}
		if (*s == '[') {
			const char *close = e;

			while (close > s + 1 && close[-1] != ']')
				close--;
			/* configparser's "\[(.+)\]" takes everything up to the last ']' */
			if (close > s + 2) {
				section =
				    ini_intern_section(ini, s + 1, (size_t)(close - 1 - (s + 1)));
				have_section = 1;
				key_indent = -1;
				continue;
			}
		}
		if (!have_section)
			continue;
		sep = s;
		while (sep < e && *sep != '=' && *sep != ':')
			sep++;
		if (sep == e || sep == s) {
			key_indent = -1;
			continue;
		}
		{
			const char *key_end = sep, *value = sep + 1;

			while (key_end > s && is_blank(key_end[-1]))
				key_end--;
			while (value < e && is_blank(*value))
				value++;
			ini_add(ini, section, s, (size_t)(key_end - s), value, (size_t)(e - value));
			key_indent = indent;
			ddb_buf_reset(&parent);
			ddb_buf_append(&parent, s, (size_t)(key_end - s));
		}
	}
	ddb_buf_done(&parent);
}

/* Loads path into ini. A missing file is not an error (ini stays empty): the AWS files are
 * optional. One that exists but cannot be read is, so a typo'd permission does not silently
 * drop the user's credentials. */
static int ini_load(struct ini *ini, const char *path, const char *what, struct ddb_error *err)
{
	struct ddb_buf b = DDB_BUF_INIT;
	FILE *f;
	char chunk[4096];
	size_t n;
	int failed;

	memset(ini, 0, sizeof(*ini));
	errno = 0;
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		ddb_error_set(err, DDB_ERR_CONFIG, "cannot read %s %s: %s", what, path,
		              strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ddb_buf_append(&b, chunk, n);
	failed = ferror(f);
	if (failed)
		ddb_error_set(err, DDB_ERR_CONFIG, "cannot read %s %s: %s", what, path,
		              strerror(errno ? errno : EIO));
	fclose(f);
	ddb_wipe(chunk, sizeof(chunk));
	if (!failed && b.len)
		ini_parse(ini, b.data, b.len);
	if (b.data)
		ddb_wipe(b.data, b.len);
	ddb_buf_done(&b);
	return failed ? -1 : 0;
}

static long ini_find_section(const struct ini *ini, const char *name)
{
	size_t i;

	for (i = 0; i < ini->nsections; i++)
		if (strcmp(ini->sections[i], name) == 0)
			return (long)i;
	return -1;
}

/* The value of key in section (the last one wins, as in configparser's non-strict merge), or
 * NULL. Keys compare without case because configparser lowercases them. */
static const char *ini_value(const struct ini *ini, long section, const char *key)
{
	const char *v = NULL;
	size_t i;

	if (section < 0)
		return NULL;
	for (i = 0; i < ini->nentries; i++)
		if (ini->entries[i].section == (size_t)section &&
		    strcasecmp(ini->entries[i].key, key) == 0)
			v = ini->entries[i].value;
	return v;
}

int ddb_ini_get(const char *path, const char *section, const char *key, char **out,
                int *section_found, struct ddb_error *err)
{
	struct ini ini;
	const char *v;
	long sec;

	*out = NULL;
	if (section_found)
		*section_found = 0;
	if (ini_load(&ini, path, "file", err) < 0)
		return -1;
	sec = ini_find_section(&ini, section);
	if (section_found)
		*section_found = sec >= 0;
	v = ini_value(&ini, sec, key);
	if (v)
		*out = ddb_strdup_or_null(v);
	ini_free(&ini);
	return 0;
}

/* The profile a config-file section header names, or NULL: "default" or "profile NAME", where
 * NAME may be quoted (botocore splits the header with shlex and wants exactly two words). */
static char *config_section_profile(const char *section)
{
	struct ddb_buf word = DDB_BUF_INIT;
	const char *p = section;
	int nwords = 0, ok = 1;
	char *name = NULL;

	if (strcmp(section, "default") == 0)
		return ddb_strdup_or_null("default");
	if (strncmp(section, "profile", 7) != 0)
		return NULL;
	while (ok) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		ddb_buf_reset(&word);
		while (*p && !is_blank(*p)) {
			if (*p == '"' || *p == '\'') {
				char q = *p++;

				while (*p && *p != q)
					ddb_buf_putc(&word, *p++);
				if (!*p) {
					ok = 0; /* unbalanced quote: shlex raises, botocore skips */
					break;
				}
				p++;
			} else {
				if (*p == '\\' && p[1])
					p++;
				ddb_buf_putc(&word, *p++);
			}
		}
		if (!ok)
			break;
		nwords++;
		if ((nwords == 1 && strcmp(ddb_buf_str(&word), "profile") != 0) || nwords > 2)
			ok = 0;
		else if (nwords == 2)
			name = ddb_strdup_or_null(ddb_buf_str(&word));
	}
	ddb_buf_done(&word);
	if (!ok || nwords != 2) {
		free(name);
		return NULL;
	}
	return name;
}

/* The config-file section for profile: the later of [default] / [profile default] wins, as
 * botocore builds its profile map in section order. */
static long config_find_profile(const struct ini *ini, const char *profile)
{
	long found = -1;
	size_t i;

	for (i = 0; i < ini->nsections; i++) {
		char *name = config_section_profile(ini->sections[i]);

		if (name && strcmp(name, profile) == 0)
			found = (long)i;
		free(name);
	}
	return found;
}

/* ---- endpoints ---- */

int ddb_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	char buf[INET6_ADDRSTRLEN + 2];
	size_t n;

	if (!host || !*host)
		return 0;
	n = strlen(host);
	if (host[0] == '[' && n >= 2 && host[n - 1] == ']') {
		if (n - 2 >= sizeof(buf))
			return 0;
		memcpy(buf, host + 1, n - 2);
		buf[n - 2] = '\0';
		host = buf;
	}
	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1) {
		if (IN6_IS_ADDR_LOOPBACK(&a6))
			return 1;
		/* ::ffff:127.x.y.z reaches the IPv4 loopback */
		return IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127;
	}
	return 0;
}

/* Sets the "invalid endpoint URL" error. The URL is echoed with everything up to its last '@'
 * masked: a password typed there is a secret like any other, and it may well contain '/', '?'
 * or '#', so the authority's usual end cannot be trusted to bound it. */
static int endpoint_error(struct ddb_error *err, const char *url, const char *why)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *auth = strstr(url, "://");
	const char *at = strrchr(url, '@');

	auth = auth ? auth + 3 : url;
	if (at && at >= auth) {
		put_printable(&b, url, (size_t)(auth - url));
		ddb_buf_puts(&b, "***");
		put_printable(&b, at, strlen(at));
	} else if (at) {
		ddb_buf_puts(&b, "***");
		put_printable(&b, at, strlen(at));
	} else {
		put_printable(&b, url, strlen(url));
	}
	ddb_error_set(err, DDB_ERR_USAGE, "invalid endpoint URL \"%s\": %s", ddb_buf_str(&b), why);
	ddb_buf_done(&b);
	return -1;
}

static int is_host_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_';
}

/* Checks a host name or dotted IPv4 address. Names that look numeric must be real dotted quads:
 * curl would read "2130706433" or "127.1" as addresses we never meant to allow. */
static const char *check_host_name(const char *h, size_t n)
{
	int numeric = 1;
	size_t i;

	if (n == 0)
		return "missing host";
	for (i = 0; i < n; i++) {
		if (!is_host_char((unsigned char)h[i]))
			return "invalid character in host";
		if (h[i] == '.' && (i == 0 || h[i - 1] == '.'))
			return "invalid host name";
		if (!(h[i] == '.' || (h[i] >= '0' && h[i] <= '9')))
			numeric = 0;
	}
	if (numeric) {
		char buf[16];
		struct in_addr a4;

		if (n >= sizeof(buf))
			return "invalid IPv4 address";
		memcpy(buf, h, n);
		buf[n] = '\0';
		if (inet_pton(AF_INET, buf, &a4) != 1)
			return "invalid IPv4 address";
	}
	return NULL;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

int ddb_endpoint_parse(const char *url, char **scheme, char **host, int *port,
                       struct ddb_error *err)
{
	const char *sep, *h, *hend, *p;
	size_t scheme_len, i;
	int https, ipv6 = 0;
	long port_val = -1;

	*scheme = NULL;
	*host = NULL;
	*port = 0;
	if (!url || !*url)
		return endpoint_error(err, "", "empty");
	for (i = 0; url[i]; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
			return endpoint_error(err, url, "contains spaces or control characters");
	sep = strstr(url, "://");
	if (!sep) {
		size_t n = strcspn(url, ":");

		if (url[n] == ':' && ((n == 4 && strncasecmp(url, "http", 4) == 0) ||
		                      (n == 5 && strncasecmp(url, "https", 5) == 0)))
			return endpoint_error(err, url, "expected \"://\" after the scheme");
		return endpoint_error(err, url, "scheme must be http or https");
	}
	scheme_len = (size_t)(sep - url);
	if (scheme_len == 4 && strncasecmp(url, "http", 4) == 0)
		https = 0;
	else if (scheme_len == 5 && strncasecmp(url, "https", 5) == 0)
		https = 1;
	else
		return endpoint_error(err, url, "scheme must be http or https");

	/* '@' anywhere: paths are refused anyway, and a password may hold '/' */
	if (strchr(url, '@'))
		return endpoint_error(err, url, "user info is not allowed");
	h = sep + 3;
	hend = h + strcspn(h, "/?#");
	if (*h == '[') {
		char buf[INET6_ADDRSTRLEN];
		struct in6_addr a6;
		const char *close = memchr(h, ']', (size_t)(hend - h));

		if (!close)
			return endpoint_error(err, url, "missing ']' after IPv6 address");
		if ((size_t)(close - h - 1) >= sizeof(buf))
			return endpoint_error(err, url, "invalid IPv6 address");
		memcpy(buf, h + 1, (size_t)(close - h - 1));
		buf[close - h - 1] = '\0';
		if (inet_pton(AF_INET6, buf, &a6) != 1)
			return endpoint_error(err, url, "invalid IPv6 address");
		ipv6 = 1;
		p = close + 1;
		if (p < hend && *p != ':')
			return endpoint_error(err, url, "unexpected text after IPv6 address");
	} else {
		const char *why;

		p = memchr(h, ':', (size_t)(hend - h));
		if (!p)
			p = hend;
		why = check_host_name(h, (size_t)(p - h));
		if (why)
			return endpoint_error(err, url, why);
	}
	if (p < hend) { /* ":port" */
		const char *d = p + 1;

		if (d == hend || hend - d > 5)
			return endpoint_error(err, url, "port must be 1-65535");
		port_val = 0;
		for (; d < hend; d++) {
			if (*d < '0' || *d > '9')
				return endpoint_error(err, url, "port must be 1-65535");
			port_val = port_val * 10 + (*d - '0');
		}
		if (port_val < 1 || port_val > 65535)
			return endpoint_error(err, url, "port must be 1-65535");
	}
	if (*hend == '/' && hend[1] == '\0')
		hend++;
	if (*hend == '/')
		return endpoint_error(err, url, "a path is not allowed");
	if (*hend == '?')
		return endpoint_error(err, url, "a query is not allowed");
	if (*hend == '#')
		return endpoint_error(err, url, "a fragment is not allowed");

	*scheme = ddb_strdup_or_null(https ? "https" : "http");
	if (ipv6) {
		const char *close = strchr(h, ']');

		*host = ddb_strndup(h + 1, (size_t)(close - h - 1));
	} else {
		*host = ddb_strndup(h, strcspn(h, ":/?#"));
	}
	lower(*host);
	*port = port_val > 0 ? (int)port_val : https ? 443 : 80;
	return 0;
}

/* ---- the load ---- */

static const char *default_getenv(const char *name)
{
	return getenv(name);
}

/* An environment value, or NULL when unset or empty: "export AWS_REGION=" means "no region". */
static const char *env_get(const char *(*env)(const char *name), const char *name)
{
	const char *v = env(name);

	return v && *v ? v : NULL;
}

/* A value from the profile, NULL when missing or empty. */
static const char *nonempty(const char *v)
{
	return v && *v ? v : NULL;
}

/* AWS_CONFIG_FILE and friends, with "~" expanded from HOME as botocore's expanduser does. */
static char *aws_file_path(const char *(*env)(const char *name), const char *var,
                           const char *default_rel)
{
	const char *v = env_get(env, var);
	const char *home = env_get(env, "HOME");
	struct ddb_buf b = DDB_BUF_INIT;

	if (v) {
		if (v[0] == '~' && (v[1] == '/' || v[1] == '\0') && home)
			ddb_buf_printf(&b, "%s%s", home, v + 1);
		else
			ddb_buf_puts(&b, v);
		return ddb_buf_steal(&b);
	}
	if (!home)
		return NULL; /* no HOME: there are no default files to read */
	ddb_buf_printf(&b, "%s/%s", home, default_rel);
	return ddb_buf_steal(&b);
}

/* botocore's validate_region_name: 1-63 of [A-Za-z0-9-], not starting or ending with '-'. The
 * region ends up in a host name, so anything else must not get through. */
static int check_region(const char *region, const char *from, struct ddb_error *err)
{
	size_t n = strlen(region), i;
	int ok = n >= 1 && n <= 63 && region[0] != '-' && region[n - 1] != '-';

	for (i = 0; ok && i < n; i++) {
		char c = region[i];

		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		     c == '-';
	}
	if (!ok) {
		struct ddb_buf b = DDB_BUF_INIT;

		put_printable(&b, region, n);
		ddb_error_set(err, DDB_ERR_USAGE, "invalid region \"%s\" (from %s)",
		              ddb_buf_str(&b), from);
		ddb_buf_done(&b);
		return -1;
	}
	return 0;
}

static int parse_max_attempts(const char *v, const char *from, int *out, struct ddb_error *err)
{
	long n = 0;
	const char *p = v;

	while (*p >= '0' && *p <= '9' && n <= INT_MAX)
		n = n * 10 + (*p++ - '0');
	if (p == v || *p || n < 1 || n > INT_MAX) {
		struct ddb_buf b = DDB_BUF_INIT;

		put_printable(&b, v, strlen(v));
		ddb_error_set(err, DDB_ERR_USAGE,
		              "invalid max_attempts \"%s\" (from %s): must be a whole number of at "
		              "least 1",
		              ddb_buf_str(&b), from);
		ddb_buf_done(&b);
		return -1;
	}
	*out = (int)n;
	return 0;
}

struct loader {
	const char *(*env)(const char *name);
	char *cred_path, *conf_path;
	struct ini cred, conf;
	long cred_sec, conf_sec; /* the profile's section in each file, or -1 */
};

/* A setting of the profile: the credentials file overrides the config file, since botocore
 * merges the credentials file's sections over its profile map. */
static const char *profile_setting(const struct loader *ld, const char *key)
{
	const char *v = nonempty(ini_value(&ld->cred, ld->cred_sec, key));

	return v ? v : nonempty(ini_value(&ld->conf, ld->conf_sec, key));
}

/* The chain's view of the two files (creds.h's struct ddb_creds_src). */
static const char *src_get_in(void *ctx, int file, const char *profile, const char *key)
{
	const struct loader *ld = ctx;

	if (file == 1)
		return nonempty(ini_value(&ld->cred, ini_find_section(&ld->cred, profile), key));
	return nonempty(ini_value(&ld->conf, config_find_profile(&ld->conf, profile), key));
}

static const char *src_get(void *ctx, const char *profile, const char *key)
{
	const char *v = src_get_in(ctx, 1, profile, key);

	return v ? v : src_get_in(ctx, 2, profile, key);
}

static int src_exists(void *ctx, const char *profile)
{
	const struct loader *ld = ctx;

	return ini_find_section(&ld->cred, profile) >= 0 ||
	       config_find_profile(&ld->conf, profile) >= 0;
}

static const char *src_sso_session(void *ctx, const char *name, const char *key)
{
	const struct loader *ld = ctx;
	struct ddb_buf b = DDB_BUF_INIT;
	const char *v;

	ddb_buf_printf(&b, "sso-session %s", name);
	v = nonempty(ini_value(&ld->conf, ini_find_section(&ld->conf, ddb_buf_str(&b)), key));
	ddb_buf_done(&b);
	return v;
}

static const char *src_services_endpoint(void *ctx, const char *profile, const char *service)
{
	const struct loader *ld = ctx;
	const char *name = src_get(ctx, profile, "services");
	struct ddb_buf b = DDB_BUF_INIT;
	const char *v = NULL;
	long sec;

	if (!name)
		return NULL;
	ddb_buf_printf(&b, "services %s", name);
	sec = ini_find_section(&ld->conf, ddb_buf_str(&b));
	ddb_buf_reset(&b);
	ddb_buf_printf(&b, "%s.endpoint_url", service);
	v = nonempty(ini_value(&ld->conf, sec, ddb_buf_str(&b)));
	ddb_buf_done(&b);
	return v;
}

static int resolve_credentials(struct ddb_config *cfg, const struct ddb_config_opts *opts,
                               struct loader *ld, struct ddb_error *err)
{
	struct ddb_creds_src src;
	struct ddb_creds c;
	int r;

	memset(&src, 0, sizeof(src));
	src.env = ld->env;
	src.get = src_get;
	src.get_in = src_get_in;
	src.exists = src_exists;
	src.sso_session = src_sso_session;
	src.services_endpoint = src_services_endpoint;
	src.ctx = ld;
	src.profile = cfg->profile;
	src.explicit_profile = opts->profile != NULL;
	src.region = cfg->region;
	src.skip_imds = cfg->loopback;
	src.ca_bundle = cfg->ca_bundle;
	src.no_prompt = opts->no_prompt;
	r = ddb_creds_resolve(&src, &c, err);
	if (r <= 0)
		return r;
	cfg->access_key = c.access_key;
	cfg->secret_key = c.secret_key;
	cfg->session_token = c.session_token;
	cfg->creds_expiry = c.expiry;
	cfg->creds_source = c.source;
	return 0;
}

static int resolve_region(struct ddb_config *cfg, const struct ddb_config_opts *opts,
                          const struct loader *ld, struct ddb_error *err)
{
	const char *v, *from;

	if (opts->region) {
		v = opts->region;
		from = "--region";
	} else if ((v = env_get(ld->env, "AWS_REGION"))) {
		from = "AWS_REGION";
	} else if ((v = env_get(ld->env, "AWS_DEFAULT_REGION"))) {
		from = "AWS_DEFAULT_REGION";
	} else if ((v = profile_setting(ld, "region"))) {
		from = "the profile";
	} else {
		return 0;
	}
	if (check_region(v, from, err) < 0)
		return -1;
	cfg->region = ddb_strdup_or_null(v);
	return 0;
}

static int resolve_endpoint(struct ddb_config *cfg, const struct ddb_config_opts *opts,
                            const struct loader *ld, struct ddb_error *err)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *url;
	int default_port;
	/* botocore: configured endpoints (environment and profile) can be switched off */
	int ignore = ddb_env_true(env_get(ld->env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
	             ddb_env_true(profile_setting(ld, "ignore_configured_endpoint_urls"));

	if (opts->endpoint_url) {
		url = opts->endpoint_url;
		cfg->endpoint_source = "--endpoint-url";
	} else if (opts->prod) {
		if (!cfg->region) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "--prod needs a region: use --region, AWS_REGION or a "
			              "profile with a region");
			return -1;
		}
		/* the China partition has its own DNS suffixes; FIPS and dual-stack as in
		 * botocore's endpoint rules for DynamoDB */
		int cn = strncmp(cfg->region, "cn-", 3) == 0;
		const char *fips = env_get(ld->env, "AWS_USE_FIPS_ENDPOINT");
		const char *dual = env_get(ld->env, "AWS_USE_DUALSTACK_ENDPOINT");

		if (!fips)
			fips = profile_setting(ld, "use_fips_endpoint");
		if (!dual)
			dual = profile_setting(ld, "use_dualstack_endpoint");
		ddb_buf_printf(
		    &b, "https://dynamodb%s.%s.%s", ddb_env_true(fips) ? "-fips" : "", cfg->region,
		    ddb_env_true(dual) ? (cn ? "api.amazonwebservices.com.cn" : "api.aws")
		    : cn               ? "amazonaws.com.cn"
		                       : "amazonaws.com");
		url = ddb_buf_str(&b);
		cfg->endpoint_source = "--prod";
	} else if (!ignore && (url = env_get(ld->env, "AWS_ENDPOINT_URL_DYNAMODB"))) {
		cfg->endpoint_source = "AWS_ENDPOINT_URL_DYNAMODB";
	} else if (!ignore && (url = src_services_endpoint((void *)ld, cfg->profile, "dynamodb"))) {
		cfg->endpoint_source = "the profile's services section";
	} else if (!ignore && (url = env_get(ld->env, "AWS_ENDPOINT_URL"))) {
		cfg->endpoint_source = "AWS_ENDPOINT_URL";
	} else if (!ignore && (url = profile_setting(ld, "endpoint_url"))) {
		cfg->endpoint_source = "the profile's endpoint_url";
	} else {
		url = "http://localhost:8000";
		cfg->endpoint_source = "default";
	}
	if (ddb_endpoint_parse(url, &cfg->scheme, &cfg->host, &cfg->port, err) < 0) {
		ddb_buf_done(&b);
		return -1;
	}
	ddb_buf_done(&b);
	cfg->loopback = ddb_host_is_loopback(cfg->host);
	default_port = strcmp(cfg->scheme, "https") == 0 ? 443 : 80;
	ddb_buf_printf(&b, "%s://%s%s%s", cfg->scheme, strchr(cfg->host, ':') ? "[" : "", cfg->host,
	               strchr(cfg->host, ':') ? "]" : "");
	if (cfg->port != default_port)
		ddb_buf_printf(&b, ":%d", cfg->port);
	cfg->endpoint = ddb_buf_steal(&b);
	return 0;
}

static int load(struct ddb_config *cfg, const struct ddb_config_opts *opts, struct loader *ld,
                struct ddb_error *err)
{
	const char *env_profile = env_get(ld->env, "AWS_DEFAULT_PROFILE");
	const char *v;
	int r;

	if (!env_profile) /* botocore reads AWS_DEFAULT_PROFILE first, then AWS_PROFILE */
		env_profile = env_get(ld->env, "AWS_PROFILE");

	/* botocore: an explicit profile replaces the whole chain, so the environment's keys are
	 * not consulted; AWS_PROFILE only picks the profile the chain falls back to. */
	if (opts->profile)
		cfg->profile = ddb_strdup_or_null(opts->profile);
	else
		cfg->profile = ddb_strdup_or_null(env_profile ? env_profile : "default");
	ld->cred_path = aws_file_path(ld->env, "AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials");
	ld->conf_path = aws_file_path(ld->env, "AWS_CONFIG_FILE", ".aws/config");
	if (ld->cred_path && ini_load(&ld->cred, ld->cred_path, "credentials file", err) < 0)
		return -1;
	if (ld->conf_path && ini_load(&ld->conf, ld->conf_path, "config file", err) < 0)
		return -1;
	ld->cred_sec = ini_find_section(&ld->cred, cfg->profile);
	ld->conf_sec = config_find_profile(&ld->conf, cfg->profile);
	if ((opts->profile || env_profile) && ld->cred_sec < 0 && ld->conf_sec < 0) {
		struct ddb_buf b = DDB_BUF_INIT;

		put_printable(&b, cfg->profile, strlen(cfg->profile));
		ddb_error_set(err, DDB_ERR_CONFIG, "The config profile (%s) could not be found",
		              ddb_buf_str(&b));
		ddb_buf_done(&b);
		return -1;
	}

	if (resolve_region(cfg, opts, ld, err) < 0)
		return -1;

	v = env_get(ld->env, "AWS_CA_BUNDLE");
	if (!v)
		v = profile_setting(ld, "ca_bundle");
	cfg->ca_bundle = v ? ddb_strdup_or_null(v) : NULL;

	if ((v = env_get(ld->env, "AWS_MAX_ATTEMPTS"))) {
		if (parse_max_attempts(v, "AWS_MAX_ATTEMPTS", &cfg->max_attempts, err) < 0)
			return -1;
	} else if ((v = profile_setting(ld, "max_attempts"))) {
		if (parse_max_attempts(v, "the profile", &cfg->max_attempts, err) < 0)
			return -1;
	}

	v = env_get(ld->env, "AWS_RETRY_MODE");
	if (!v)
		v = profile_setting(ld, "retry_mode");
	cfg->retry_mode = "standard";
	if (v && (strcmp(v, "legacy") == 0 || strcmp(v, "adaptive") == 0)) {
		cfg->retry_mode = strcmp(v, "legacy") == 0 ? "legacy" : "adaptive";
	} else if (v && strcmp(v, "standard") != 0) {
		struct ddb_buf b = DDB_BUF_INIT;

		put_printable(&b, v, strlen(v));
		ddb_error_set(err, DDB_ERR_USAGE,
		              "invalid retry_mode \"%s\": use standard, legacy or adaptive",
		              ddb_buf_str(&b));
		ddb_buf_done(&b);
		return -1;
	}
	if (!cfg->max_attempts && strcmp(cfg->retry_mode, "legacy") == 0)
		cfg->max_attempts = 10;
	if (resolve_endpoint(cfg, opts, ld, err) < 0)
		return -1;
	if (!opts->no_proxy_env) {
		int https = strcmp(cfg->scheme, "https") == 0;

		v = env_get(ld->env, https ? "https_proxy" : "http_proxy");
		if (!v)
			v = env_get(ld->env, https ? "HTTPS_PROXY" : "HTTP_PROXY");
		cfg->proxy = ddb_strdup_or_null(v);
		v = env_get(ld->env, "no_proxy");
		cfg->no_proxy = ddb_strdup_or_null(v ? v : env_get(ld->env, "NO_PROXY"));
	}
	if (!cfg->region) {
		if (!cfg->loopback) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "endpoint %s is not local and no region is set: use "
			              "--region, AWS_REGION or a profile with a region",
			              cfg->endpoint);
			return -1;
		}
		/* a local DynamoDB accepts any region; us-east-1 is what the SDKs assume */
		cfg->region = ddb_strdup_or_null("us-east-1");
	}
	r = resolve_credentials(cfg, opts, ld, err);
	if (r < 0)
		return -1;
	if (!cfg->access_key && (opts->profile || env_profile)) {
		/* a named profile that gives nothing is a mistake, on loopback too */
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "profile %s has no credentials (no keys, role_arn, sso_session, "
		              "credential_process or web_identity_token_file)",
		              cfg->profile);
		return -1;
	}
	if (!cfg->access_key) {
		if (!cfg->loopback) {
			ddb_error_set(err, DDB_ERR_CONFIG,
			              "no AWS credentials: set "
			              "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or use --profile");
			return -1;
		}
		/* local DynamoDB checks that requests are signed, not by whom */
		cfg->access_key = ddb_strdup_or_null("ddbtui-local");
		cfg->secret_key = ddb_strdup_or_null("ddbtui-local");
		cfg->creds_source = "placeholder";
		cfg->placeholder_creds = 1;
	}
	return 0;
}

int ddb_config_load(struct ddb_config *cfg, const struct ddb_config_opts *opts,
                    struct ddb_error *err)
{
	static const struct ddb_config_opts no_opts;
	struct loader ld;
	int r;

	memset(cfg, 0, sizeof(*cfg));
	memset(&ld, 0, sizeof(ld));
	ddb_error_clear(err);
	if (!opts)
		opts = &no_opts;
	ld.env = opts->getenv_fn ? opts->getenv_fn : default_getenv;
	ld.cred_sec = ld.conf_sec = -1;
	r = load(cfg, opts, &ld, err);
	ini_free(&ld.cred);
	ini_free(&ld.conf);
	free(ld.cred_path);
	free(ld.conf_path);
	if (r < 0)
		ddb_config_done(cfg);
	return r;
}

int ddb_config_refresher(void *ud, struct ddb_fresh_creds *out, struct ddb_error *err)
{
	struct ddb_config_opts opts = *(const struct ddb_config_opts *)ud;
	struct ddb_config cfg;

	opts.no_prompt = 1;
	if (ddb_config_load(&cfg, &opts, err) != 0)
		return -1;
	if (cfg.placeholder_creds) {
		ddb_config_done(&cfg);
		ddb_error_set(err, DDB_ERR_CONFIG, "the credential chain found nothing any more");
		return -1;
	}
	out->access_key = cfg.access_key;
	out->secret_key = cfg.secret_key;
	out->session_token = cfg.session_token;
	out->expiry = cfg.creds_expiry;
	out->source = cfg.creds_source;
	cfg.access_key = cfg.secret_key = cfg.session_token = NULL;
	ddb_config_done(&cfg);
	return 0;
}

void ddb_config_done(struct ddb_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->profile);
	free(cfg->region);
	free(cfg->access_key);
	ddb_free_secret(cfg->secret_key);
	ddb_free_secret(cfg->session_token);
	free(cfg->endpoint);
	free(cfg->scheme);
	free(cfg->host);
	free(cfg->ca_bundle);
	free(cfg->proxy);
	free(cfg->no_proxy);
	memset(cfg, 0, sizeof(*cfg));
}
