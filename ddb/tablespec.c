/* tablespec.c - table schemas: flag syntax -> spec -> CreateTable, and DescribeTable -> spec. */
#include "tablespec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "json.h"

#define SPEC_FIELDS_MAX 8

static void key_done(struct ddb_key_def *k)
{
	free(k->name);
	k->name = NULL;
	k->type = DDB_T_INVALID;
}

static void index_done(struct ddb_index_spec *ix)
{
	int i;

	free(ix->name);
	key_done(&ix->hash);
	key_done(&ix->range);
	for (i = 0; i < ix->ninclude; i++)
		free(ix->include[i]);
	free(ix->include);
	memset(ix, 0, sizeof(*ix));
}

void ddb_table_spec_init(struct ddb_table_spec *s)
{
	memset(s, 0, sizeof(*s));
}

void ddb_table_spec_done(struct ddb_table_spec *s)
{
	int i;

	free(s->name);
	key_done(&s->hash);
	key_done(&s->range);
	for (i = 0; i < s->nindexes; i++)
		index_done(&s->indexes[i]);
	free(s->indexes);
	memset(s, 0, sizeof(*s));
}

int ddb_table_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0, i;

	if (n < 3 || n > 255)
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

enum ddb_type ddb_key_type_parse(const char *text)
{
	if (!text)
		return DDB_T_INVALID;
	if (strcasecmp(text, "S") == 0)
		return DDB_T_S;
	if (strcasecmp(text, "N") == 0)
		return DDB_T_N;
	if (strcasecmp(text, "B") == 0)
		return DDB_T_B;
	return DDB_T_INVALID;
}

int ddb_table_spec_set_name(struct ddb_table_spec *s, const char *name, struct ddb_error *err)
{
	if (!ddb_table_name_valid(name)) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "table name '%s' is not valid: 3 to 255 letters, digits, '_', '-' or "
		              "'.'",
		              name ? name : "");
		return -1;
	}
	free(s->name);
	s->name = ddb_strdup(name);
	return 0;
}

/* Splits text at ':' into at most SPEC_FIELDS_MAX fields (malloc'd). Returns the count, or -1
 * when there are more. */
static int split_fields(const char *text, char **f)
{
	const char *p = text, *c;
	int n = 0;

	for (;;) {
		c = strchr(p, ':');
		if (n == SPEC_FIELDS_MAX) {
			while (n)
				free(f[--n]);
			return -1;
		}
		f[n++] = c ? ddb_strndup(p, (size_t)(c - p)) : ddb_strdup(p);
		if (!c)
			return n;
		p = c + 1;
	}
}

static void free_fields(char **f, int n)
{
	while (n)
		free(f[--n]);
}

/* name + type text -> key def (what: "partition key" ... for messages). */
static int key_from(struct ddb_key_def *k, const char *name, const char *type, const char *what,
                    struct ddb_error *err)
{
	enum ddb_type t = ddb_key_type_parse(type);

	if (!name[0]) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: the attribute name is empty", what);
		return -1;
	}
	if (strlen(name) > 255) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: the attribute name is longer than 255 bytes",
		              what);
		return -1;
	}
	if (!t) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s %s: type '%s' is not S, N or B", what, name,
		              type);
		return -1;
	}
	key_done(k);
	k->name = ddb_strdup(name);
	k->type = t;
	return 0;
}

int ddb_table_spec_set_key(struct ddb_table_spec *s, int range, const char *text,
                           struct ddb_error *err)
{
	const char *what = range ? "sort key" : "partition key";
	char *f[SPEC_FIELDS_MAX];
	int n = split_fields(text, f), rc;

	if (n != 2) {
		if (n > 0)
			free_fields(f, n);
		ddb_error_set(err, DDB_ERR_USAGE, "%s '%s': expected NAME:TYPE (TYPE S, N or B)",
		              what, text);
		return -1;
	}
	rc = key_from(range ? &s->range : &s->hash, f[0], f[1], what, err);
	free_fields(f, n);
	return rc;
}

/* "ALL", "KEYS_ONLY", "INCLUDE=a,b" into ix. */
static int projection_from(struct ddb_index_spec *ix, const char *text, struct ddb_error *err)
{
	const char *p, *c;

	if (strcasecmp(text, "ALL") == 0) {
		ix->projection = DDB_PROJ_ALL;
		return 0;
	}
	if (strcasecmp(text, "KEYS_ONLY") == 0) {
		ix->projection = DDB_PROJ_KEYS_ONLY;
		return 0;
	}
	if (strncasecmp(text, "INCLUDE=", 8) != 0) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "index %s: projection '%s' is not ALL, KEYS_ONLY or INCLUDE=a,b",
		              ix->name, text);
		return -1;
	}
	ix->projection = DDB_PROJ_INCLUDE;
	for (p = text + 8; *p; p = c + 1) {
		c = strchr(p, ',');
		if (!c)
			c = p + strlen(p);
		if (c == p) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "index %s: an empty attribute name in INCLUDE=%s", ix->name,
			              text + 8);
			return -1;
		}
		ix->include =
		    ddb_must(realloc(ix->include, sizeof(char *) * (size_t)(ix->ninclude + 1)));
		ix->include[ix->ninclude++] = ddb_strndup(p, (size_t)(c - p));
		if (!*c)
			break;
	}
	if (ix->ninclude == 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "index %s: INCLUDE needs at least one attribute",
		              ix->name);
		return -1;
	}
	return 0;
}

static int is_projection_word(const char *f)
{
	return strcasecmp(f, "ALL") == 0 || strcasecmp(f, "KEYS_ONLY") == 0 ||
	       strncasecmp(f, "INCLUDE=", 8) == 0;
}

static int add_index(struct ddb_table_spec *s, const char *text, int local, struct ddb_error *err)
{
	const char *kind = local ? "LSI" : "GSI";
	struct ddb_index_spec ix;
	char *f[SPEC_FIELDS_MAX], what[300];
	int n = split_fields(text, f), rc = -1, nkeys;

	memset(&ix, 0, sizeof(ix));
	ix.local = local;
	if (n < 1) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s '%s': too many ':' fields", kind, text);
		return -1;
	}
	/* fields after the name: key pairs, then an optional projection */
	nkeys = n - 1;
	if (nkeys > 0 && is_projection_word(f[n - 1]))
		nkeys--;
	if (!ddb_table_name_valid(f[0])) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "%s '%s': index name '%s' is not valid: 3 to 255 letters, digits, "
		              "'_', '-' or '.'",
		              kind, text, f[0]);
		goto out;
	}
	if (local ? nkeys != 2 : nkeys != 2 && nkeys != 4) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s '%s': expected %s", kind, text,
		              local ? "NAME:SK:TYPE[:ALL|KEYS_ONLY|INCLUDE=a,b]"
		                    : "NAME:PK:TYPE[:SK:TYPE][:ALL|KEYS_ONLY|INCLUDE=a,b]");
		goto out;
	}
	ix.name = ddb_strdup(f[0]);
	if (local) {
		snprintf(what, sizeof(what), "LSI %s sort key", f[0]);
		if (key_from(&ix.range, f[1], f[2], what, err) != 0)
			goto out;
	} else {
		snprintf(what, sizeof(what), "GSI %s partition key", f[0]);
		if (key_from(&ix.hash, f[1], f[2], what, err) != 0)
			goto out;
		snprintf(what, sizeof(what), "GSI %s sort key", f[0]);
		if (nkeys == 4 && key_from(&ix.range, f[3], f[4], what, err) != 0)
			goto out;
	}
	if (nkeys < n - 1 && projection_from(&ix, f[n - 1], err) != 0)
		goto out;
	s->indexes = ddb_must(realloc(s->indexes, sizeof(*s->indexes) * (size_t)(s->nindexes + 1)));
	s->indexes[s->nindexes++] = ix;
	memset(&ix, 0, sizeof(ix));
	rc = 0;
out:
	index_done(&ix);
	free_fields(f, n > 0 ? n : 0);
	return rc;
}

int ddb_table_spec_add_gsi(struct ddb_table_spec *s, const char *text, struct ddb_error *err)
{
	return add_index(s, text, 0, err);
}

int ddb_table_spec_add_lsi(struct ddb_table_spec *s, const char *text, struct ddb_error *err)
{
	return add_index(s, text, 1, err);
}

static int capacity_from(const char *flag, const char *text, long *out, struct ddb_error *err)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < 1 || v > 40000) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "%s must be a whole number from 1 to 40000, not '%s'", flag, text);
		return -1;
	}
	*out = v;
	return 0;
}

int ddb_table_spec_set_billing(struct ddb_table_spec *s, const char *mode, const char *rcu,
                               const char *wcu, struct ddb_error *err)
{
	int provisioned;

	if (mode && strcasecmp(mode, "PAY_PER_REQUEST") == 0)
		provisioned = 0;
	else if (mode && strcasecmp(mode, "PROVISIONED") == 0)
		provisioned = 1;
	else if (mode) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "billing mode '%s' is not PAY_PER_REQUEST or PROVISIONED", mode);
		return -1;
	} else
		provisioned = rcu || wcu;
	if (!provisioned && (rcu || wcu)) {
		ddb_error_set(
		    err, DDB_ERR_USAGE,
		    "read/write capacity is for PROVISIONED billing, not PAY_PER_REQUEST");
		return -1;
	}
	s->provisioned = provisioned;
	s->rcu = s->wcu = provisioned ? 5 : 0;
	if (rcu && capacity_from("--rcu", rcu, &s->rcu, err) != 0)
		return -1;
	if (wcu && capacity_from("--wcu", wcu, &s->wcu, err) != 0)
		return -1;
	return 0;
}

/* ---- CreateTable ---- */

struct attr_use {
	const char *name;
	enum ddb_type type;
	char where[300];
};

struct attr_uses {
	struct attr_use u[2 + 2 * (DDB_MAX_GSI + DDB_MAX_LSI)];
	int n;
};

/* Records one key attribute; -1 with err if it was seen with another type. */
static int use_attr(struct attr_uses *au, const struct ddb_key_def *k, const char *where,
                    struct ddb_error *err)
{
	int i;

	for (i = 0; i < au->n; i++) {
		if (strcmp(au->u[i].name, k->name) != 0)
			continue;
		if (au->u[i].type != k->type) {
			ddb_error_set(
			    err, DDB_ERR_USAGE,
			    "attribute %s is %s as %s but %s as %s: one attribute has one "
			    "type",
			    k->name, ddb_type_name(au->u[i].type), au->u[i].where,
			    ddb_type_name(k->type), where);
			return -1;
		}
		return 0;
	}
	au->u[au->n].name = k->name;
	au->u[au->n].type = k->type;
	snprintf(au->u[au->n].where, sizeof(au->u[au->n].where), "%s", where);
	au->n++;
	return 0;
}

static cJSON *key_schema(const struct ddb_key_def *hash, const struct ddb_key_def *range)
{
	cJSON *ks = cJSON_CreateArray(), *k;

	k = cJSON_CreateObject();
	cJSON_AddStringToObject(k, "AttributeName", hash->name);
	cJSON_AddStringToObject(k, "KeyType", "HASH");
	cJSON_AddItemToArray(ks, k);
	if (range && range->name) {
		k = cJSON_CreateObject();
		cJSON_AddStringToObject(k, "AttributeName", range->name);
		cJSON_AddStringToObject(k, "KeyType", "RANGE");
		cJSON_AddItemToArray(ks, k);
	}
	return ks;
}

static cJSON *throughput(long rcu, long wcu)
{
	cJSON *pt = cJSON_CreateObject();

	cJSON_AddNumberToObject(pt, "ReadCapacityUnits", (double)rcu);
	cJSON_AddNumberToObject(pt, "WriteCapacityUnits", (double)wcu);
	return pt;
}

static cJSON *projection_json(const struct ddb_index_spec *ix)
{
	static const char *const names[] = {"ALL", "KEYS_ONLY", "INCLUDE"};
	cJSON *p = cJSON_CreateObject(), *na;
	int i;

	cJSON_AddStringToObject(p, "ProjectionType", names[ix->projection]);
	if (ix->projection == DDB_PROJ_INCLUDE) {
		na = cJSON_AddArrayToObject(p, "NonKeyAttributes");
		for (i = 0; i < ix->ninclude; i++)
			cJSON_AddItemToArray(na, cJSON_CreateString(ix->include[i]));
	}
	return p;
}

static int same_key_twice(const struct ddb_key_def *h, const struct ddb_key_def *r,
                          const char *what, struct ddb_error *err)
{
	if (h->name && r->name && strcmp(h->name, r->name) == 0) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "%s: %s is both the partition key and the sort key", what, h->name);
		return -1;
	}
	return 0;
}

cJSON *ddb_table_spec_to_create(const struct ddb_table_spec *s, struct ddb_error *err)
{
	struct attr_uses *au = ddb_must(calloc(1, sizeof(*au)));
	cJSON *req = NULL, *defs, *gsis = NULL, *lsis = NULL, *d;
	int i, j, ngsi = 0, nlsi = 0;
	char where[300];

	if (!s->name || !ddb_table_name_valid(s->name)) {
		ddb_error_set(err, DDB_ERR_USAGE, "the table needs a valid name");
		goto bad;
	}
	if (!s->hash.name) {
		ddb_error_set(err, DDB_ERR_USAGE, "table %s needs a partition key (NAME:TYPE)",
		              s->name);
		goto bad;
	}
	if (same_key_twice(&s->hash, &s->range, "the table", err) != 0)
		goto bad;
	if (use_attr(au, &s->hash, "the table's partition key", err) != 0)
		goto bad;
	if (s->range.name && use_attr(au, &s->range, "the table's sort key", err) != 0)
		goto bad;
	for (i = 0; i < s->nindexes; i++) {
		const struct ddb_index_spec *ix = &s->indexes[i];
		const char *kind = ix->local ? "LSI" : "GSI";

		for (j = 0; j < i; j++)
			if (strcmp(s->indexes[j].name, ix->name) == 0) {
				ddb_error_set(err, DDB_ERR_USAGE, "two indexes are named %s",
				              ix->name);
				goto bad;
			}
		if (ix->local) {
			if (!s->range.name) {
				ddb_error_set(
				    err, DDB_ERR_USAGE,
				    "LSI %s: a local secondary index needs a table with a "
				    "sort key",
				    ix->name);
				goto bad;
			}
			if (++nlsi > DDB_MAX_LSI) {
				ddb_error_set(err, DDB_ERR_USAGE,
				              "at most %d local secondary indexes", DDB_MAX_LSI);
				goto bad;
			}
		} else if (++ngsi > DDB_MAX_GSI) {
			ddb_error_set(err, DDB_ERR_USAGE, "at most %d global secondary indexes",
			              DDB_MAX_GSI);
			goto bad;
		}
		if (!ix->range.name && ix->local) {
			ddb_error_set(err, DDB_ERR_USAGE, "LSI %s needs a sort key", ix->name);
			goto bad;
		}
		snprintf(where, sizeof(where), "%s %s", kind, ix->name);
		if (!ix->local && same_key_twice(&ix->hash, &ix->range, where, err) != 0)
			goto bad;
		if (ix->local && same_key_twice(&s->hash, &ix->range, where, err) != 0)
			goto bad;
		if (!ix->local) {
			if (!ix->hash.name) {
				ddb_error_set(err, DDB_ERR_USAGE, "GSI %s needs a partition key",
				              ix->name);
				goto bad;
			}
			snprintf(where, sizeof(where), "the partition key of GSI %s", ix->name);
			if (use_attr(au, &ix->hash, where, err) != 0)
				goto bad;
		}
		snprintf(where, sizeof(where), "the sort key of %s %s", kind, ix->name);
		if (ix->range.name && use_attr(au, &ix->range, where, err) != 0)
			goto bad;
		if (ix->projection == DDB_PROJ_INCLUDE && ix->ninclude == 0) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s %s: INCLUDE needs at least one attribute", kind,
			              ix->name);
			goto bad;
		}
	}

	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "TableName", s->name);
	cJSON_AddItemToObject(req, "KeySchema", key_schema(&s->hash, &s->range));
	defs = cJSON_AddArrayToObject(req, "AttributeDefinitions");
	for (i = 0; i < au->n; i++) {
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "AttributeName", au->u[i].name);
		cJSON_AddStringToObject(d, "AttributeType", ddb_type_name(au->u[i].type));
		cJSON_AddItemToArray(defs, d);
	}
	if (s->provisioned) {
		cJSON_AddStringToObject(req, "BillingMode", "PROVISIONED");
		cJSON_AddItemToObject(req, "ProvisionedThroughput",
		                      throughput(s->rcu > 0 ? s->rcu : 5, s->wcu > 0 ? s->wcu : 5));
	} else {
		cJSON_AddStringToObject(req, "BillingMode", "PAY_PER_REQUEST");
	}
	if (s->stream != DDB_STREAM_OFF)
		cJSON_AddItemToObject(req, "StreamSpecification", ddb_stream_spec_json(s->stream));
	for (i = 0; i < s->nindexes; i++) {
		const struct ddb_index_spec *ix = &s->indexes[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "IndexName", ix->name);
		cJSON_AddItemToObject(o, "KeySchema",
		                      key_schema(ix->local ? &s->hash : &ix->hash, &ix->range));
		cJSON_AddItemToObject(o, "Projection", projection_json(ix));
		if (ix->local) {
			if (!lsis)
				lsis = cJSON_AddArrayToObject(req, "LocalSecondaryIndexes");
			cJSON_AddItemToArray(lsis, o);
		} else {
			if (s->provisioned)
				cJSON_AddItemToObject(
				    o, "ProvisionedThroughput",
				    throughput(ix->rcu > 0 ? ix->rcu : (s->rcu > 0 ? s->rcu : 5),
				               ix->wcu > 0 ? ix->wcu : (s->wcu > 0 ? s->wcu : 5)));
			if (!gsis)
				gsis = cJSON_AddArrayToObject(req, "GlobalSecondaryIndexes");
			cJSON_AddItemToArray(gsis, o);
		}
	}
	free(au);
	return req;
bad:
	free(au);
	return NULL;
}

/* ---- DescribeTable ---- */

static const char *str_of(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long long_of(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);
	char buf[64];
	const char *t = ddb_json_number_text(v, buf);

	return t ? strtol(t, NULL, 10) : 0;
}

static enum ddb_type def_type(const cJSON *defs, const char *name)
{
	const cJSON *d;

	cJSON_ArrayForEach(d, defs)
	{
		const char *n = str_of(d, "AttributeName");

		if (n && strcmp(n, name) == 0)
			return ddb_key_type_parse(str_of(d, "AttributeType"));
	}
	return DDB_T_INVALID;
}

/* KeySchema -> hash and range defs. -1 if there is no HASH. */
static int keys_from(const cJSON *schema, const cJSON *defs, struct ddb_key_def *hash,
                     struct ddb_key_def *range)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, schema)
	{
		const char *n = str_of(k, "AttributeName"), *t = str_of(k, "KeyType");
		struct ddb_key_def *d;

		if (!n || !t)
			continue;
		d = strcmp(t, "HASH") == 0 ? hash : strcmp(t, "RANGE") == 0 ? range : NULL;
		if (!d)
			continue;
		key_done(d);
		d->name = ddb_strdup(n);
		d->type = def_type(defs, n);
	}
	return hash->name ? 0 : -1;
}

static void indexes_from(struct ddb_table_spec *s, const cJSON *list, const cJSON *defs, int local)
{
	const cJSON *o, *a;

	cJSON_ArrayForEach(o, list)
	{
		struct ddb_index_spec ix;
		const cJSON *proj = cJSON_GetObjectItemCaseSensitive(o, "Projection");
		const cJSON *pt = cJSON_GetObjectItemCaseSensitive(o, "ProvisionedThroughput");
		const char *ptype = str_of(proj, "ProjectionType");

		memset(&ix, 0, sizeof(ix));
		if (!str_of(o, "IndexName"))
			continue;
		ix.name = ddb_strdup(str_of(o, "IndexName"));
		ix.local = local;
		if (keys_from(cJSON_GetObjectItemCaseSensitive(o, "KeySchema"), defs, &ix.hash,
		              &ix.range) != 0) {
			index_done(&ix);
			continue;
		}
		ix.projection = !ptype || strcmp(ptype, "ALL") == 0 ? DDB_PROJ_ALL
		                : strcmp(ptype, "KEYS_ONLY") == 0   ? DDB_PROJ_KEYS_ONLY
		                                                    : DDB_PROJ_INCLUDE;
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(proj, "NonKeyAttributes"))
		{
			if (!cJSON_IsString(a))
				continue;
			ix.include = ddb_must(
			    realloc(ix.include, sizeof(char *) * (size_t)(ix.ninclude + 1)));
			ix.include[ix.ninclude++] = ddb_strdup(a->valuestring);
		}
		ix.rcu = long_of(pt, "ReadCapacityUnits");
		ix.wcu = long_of(pt, "WriteCapacityUnits");
		s->indexes =
		    ddb_must(realloc(s->indexes, sizeof(*s->indexes) * (size_t)(s->nindexes + 1)));
		s->indexes[s->nindexes++] = ix;
	}
}

int ddb_table_spec_from_describe(struct ddb_table_spec *s, const cJSON *reply,
                                 struct ddb_error *err)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(reply, "Table");
	const cJSON *defs, *pt, *bms;
	const char *billing;

	if (!t)
		t = reply;
	ddb_table_spec_done(s);
	defs = cJSON_GetObjectItemCaseSensitive(t, "AttributeDefinitions");
	if (str_of(t, "TableName"))
		s->name = ddb_strdup(str_of(t, "TableName"));
	if (keys_from(cJSON_GetObjectItemCaseSensitive(t, "KeySchema"), defs, &s->hash,
	              &s->range) != 0) {
		ddb_error_set(err, DDB_ERR_PARSE, "DescribeTable: the table has no partition key");
		ddb_table_spec_done(s);
		return -1;
	}
	bms = cJSON_GetObjectItemCaseSensitive(t, "BillingModeSummary");
	billing = str_of(bms, "BillingMode");
	pt = cJSON_GetObjectItemCaseSensitive(t, "ProvisionedThroughput");
	s->provisioned = !billing || strcmp(billing, "PAY_PER_REQUEST") != 0;
	if (s->provisioned) {
		s->rcu = long_of(pt, "ReadCapacityUnits");
		s->wcu = long_of(pt, "WriteCapacityUnits");
		/* On-demand tables whose reply lacks BillingModeSummary show 0/0 capacity. */
		if (!billing && s->rcu == 0 && s->wcu == 0)
			s->provisioned = 0;
	}
	indexes_from(s, cJSON_GetObjectItemCaseSensitive(t, "GlobalSecondaryIndexes"), defs, 0);
	indexes_from(s, cJSON_GetObjectItemCaseSensitive(t, "LocalSecondaryIndexes"), defs, 1);
	s->stream = ddb_stream_view_of(t);
	return 0;
}

static const char *const stream_views[] = {"off", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES",
                                           "KEYS_ONLY"};

int ddb_stream_view_parse(const char *text, enum ddb_stream_view *view, struct ddb_error *err)
{
	size_t i;

	for (i = 0; text && i < sizeof(stream_views) / sizeof(stream_views[0]); i++) {
		if (strcasecmp(text, stream_views[i]) == 0) {
			*view = (enum ddb_stream_view)i;
			return 0;
		}
	}
	ddb_error_set(err, DDB_ERR_USAGE,
	              "a stream is NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY or off, not "
	              "'%s'",
	              text ? text : "");
	return -1;
}

const char *ddb_stream_view_name(enum ddb_stream_view view)
{
	return (unsigned)view < sizeof(stream_views) / sizeof(stream_views[0]) ? stream_views[view]
	                                                                       : "off";
}

cJSON *ddb_stream_spec_json(enum ddb_stream_view view)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddBoolToObject(o, "StreamEnabled", view != DDB_STREAM_OFF);
	if (view != DDB_STREAM_OFF)
		cJSON_AddStringToObject(o, "StreamViewType", ddb_stream_view_name(view));
	return o;
}

enum ddb_stream_view ddb_stream_view_of(const cJSON *table)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(table, "Table");
	const cJSON *spec;
	enum ddb_stream_view v;

	spec = cJSON_GetObjectItemCaseSensitive(t ? t : table, "StreamSpecification");
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(spec, "StreamEnabled")))
		return DDB_STREAM_OFF;
	if (ddb_stream_view_parse(str_of(spec, "StreamViewType"), &v, NULL) != 0 ||
	    v == DDB_STREAM_OFF)
		return DDB_STREAM_NEW_IMAGE; /* enabled with a type we do not know: still on */
	return v;
}

const struct ddb_index_spec *ddb_table_spec_index(const struct ddb_table_spec *s, const char *name)
{
	int i;

	for (i = 0; name && i < s->nindexes; i++)
		if (strcmp(s->indexes[i].name, name) == 0)
			return &s->indexes[i];
	return NULL;
}

int ddb_table_spec_keys(const struct ddb_table_spec *s, const char *index,
                        const struct ddb_key_def **hash, const struct ddb_key_def **range,
                        struct ddb_error *err)
{
	const struct ddb_index_spec *ix;
	char list[512] = "";
	size_t len = 0;
	int i;

	if (!index) {
		*hash = &s->hash;
		*range = &s->range;
		return 0;
	}
	ix = ddb_table_spec_index(s, index);
	if (ix) {
		*hash = ix->local && !ix->hash.name ? &s->hash : &ix->hash;
		*range = &ix->range;
		return 0;
	}
	for (i = 0; i < s->nindexes && len < sizeof(list) - 1; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
		                        s->indexes[i].name);
	ddb_error_set(err, DDB_ERR_USAGE, "table %s has no index %s (%s%s)",
	              s->name ? s->name : "?", index, s->nindexes ? "indexes: " : "no indexes",
	              list);
	return -1;
}

enum ddb_type ddb_table_spec_attr_type(const struct ddb_table_spec *s, const char *name)
{
	int i;

	if (!name)
		return DDB_T_INVALID;
	if (s->hash.name && strcmp(s->hash.name, name) == 0)
		return s->hash.type;
	if (s->range.name && strcmp(s->range.name, name) == 0)
		return s->range.type;
	for (i = 0; i < s->nindexes; i++) {
		const struct ddb_index_spec *ix = &s->indexes[i];

		if (ix->hash.name && strcmp(ix->hash.name, name) == 0)
			return ix->hash.type;
		if (ix->range.name && strcmp(ix->range.name, name) == 0)
			return ix->range.type;
	}
	return DDB_T_INVALID;
}
