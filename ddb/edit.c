/* edit.c - keys, sizes, comparison by value, differences and conditions for writing items. */
#include "edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attr.h"
#include "base64.h"
#include "buf.h"
#include "expr.h"
#include "number.h"

#define COND_MAX_DEPTH 30 /* DynamoDB allows document paths 32 levels deep */

cJSON *ddb_item_key_of(const cJSON *item, const cJSON *key_names)
{
	cJSON *key = cJSON_CreateObject();
	const cJSON *k;

	if (!key)
		abort();
	cJSON_ArrayForEach(k, key_names)
	{
		const cJSON *av;

		if (!cJSON_IsString(k))
			continue;
		av = cJSON_GetObjectItemCaseSensitive(item, k->valuestring);
		if (!av) {
			cJSON_Delete(key);
			return NULL;
		}
		cJSON_AddItemToObject(key, k->valuestring, cJSON_Duplicate(av, 1));
	}
	return key;
}

/* ---- comparison by value (numbers: ddb_number_text_cmp) ---- */

static int bin_same(const char *a, const char *b)
{
	size_t la, lb;
	unsigned char *x = ddb_base64_decode(a, &la), *y = ddb_base64_decode(b, &lb);
	int same;

	if (!x || !y)
		same = strcmp(a, b) == 0;
	else
		same = la == lb && memcmp(x, y, la) == 0;
	free(x);
	free(y);
	return same;
}

static int scalar_same(enum ddb_type t, const cJSON *x, const cJSON *y)
{
	if (!cJSON_IsString(x) || !cJSON_IsString(y))
		return 0;
	if (t == DDB_T_N)
		return ddb_number_text_cmp(x->valuestring, y->valuestring) == 0;
	if (t == DDB_T_B)
		return bin_same(x->valuestring, y->valuestring);
	return strcmp(x->valuestring, y->valuestring) == 0;
}

/* Sets: the same size and every member of a in b (members are distinct). */
static int set_same(enum ddb_type member, const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
		return 0;
	cJSON_ArrayForEach(x, a)
	{
		int found = 0;

		cJSON_ArrayForEach(y, b)
		{
			if (scalar_same(member, x, y)) {
				found = 1;
				break;
			}
		}
		if (!found)
			return 0;
	}
	return 1;
}

int ddb_attr_same(const cJSON *a, const cJSON *b)
{
	enum ddb_type t;
	const cJSON *x, *y;

	if (!a || !b)
		return a == b;
	t = ddb_attr_type(a);
	if (t != ddb_attr_type(b))
		return 0;
	x = a->child;
	y = b->child;
	switch (t) {
	case DDB_T_S:
	case DDB_T_N:
	case DDB_T_B:
		return scalar_same(t, x, y);
	case DDB_T_BOOL:
		return cJSON_IsTrue(x) == cJSON_IsTrue(y);
	case DDB_T_NULL:
		return 1;
	case DDB_T_SS:
		return set_same(DDB_T_S, x, y);
	case DDB_T_NS:
		return set_same(DDB_T_N, x, y);
	case DDB_T_BS:
		return set_same(DDB_T_B, x, y);
	case DDB_T_M:
		return ddb_item_same(x, y);
	case DDB_T_L:
		if (cJSON_GetArraySize(x) != cJSON_GetArraySize(y))
			return 0;
		for (x = x->child, y = y->child; x && y; x = x->next, y = y->next)
			if (!ddb_attr_same(x, y))
				return 0;
		return 1;
	default: {
		/* not well-formed: the same text */
		char *p = cJSON_PrintUnformatted(a), *q = cJSON_PrintUnformatted(b);
		int same = p && q && strcmp(p, q) == 0;

		free(p);
		free(q);
		return same;
	}
	}
}

int ddb_item_same(const cJSON *a, const cJSON *b)
{
	const cJSON *x;

	if (!a || !b)
		return a == b;
	if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
		return 0;
	cJSON_ArrayForEach(x, a)
	{
		if (!x->string || !ddb_attr_same(x, cJSON_GetObjectItemCaseSensitive(b, x->string)))
			return 0;
	}
	return 1;
}

void ddb_item_diff(const cJSON *before, const cJSON *after, struct ddb_item_diff *d)
{
	const cJSON *x;

	d->added = cJSON_CreateArray();
	d->removed = cJSON_CreateArray();
	d->changed = cJSON_CreateArray();
	if (!d->added || !d->removed || !d->changed)
		abort();
	cJSON_ArrayForEach(x, after)
	{
		const cJSON *old =
		    before ? cJSON_GetObjectItemCaseSensitive(before, x->string) : NULL;

		if (!x->string)
			continue;
		if (!old)
			cJSON_AddItemToArray(d->added, cJSON_CreateString(x->string));
		else if (!ddb_attr_same(old, x))
			cJSON_AddItemToArray(d->changed, cJSON_CreateString(x->string));
	}
	cJSON_ArrayForEach(x, before)
	{
		if (x->string && !(after && cJSON_GetObjectItemCaseSensitive(after, x->string)))
			cJSON_AddItemToArray(d->removed, cJSON_CreateString(x->string));
	}
}

void ddb_item_diff_done(struct ddb_item_diff *d)
{
	cJSON_Delete(d->added);
	cJSON_Delete(d->removed);
	cJSON_Delete(d->changed);
	memset(d, 0, sizeof(*d));
}

cJSON *ddb_item_merge(const cJSON *base, const cJSON *theirs, const cJSON *ours, cJSON *both)
{
	struct ddb_item_diff mine;
	cJSON *out = cJSON_Duplicate(theirs, 1);
	const cJSON *n;
	int i;

	if (!out)
		abort();
	ddb_item_diff(base, ours, &mine);
	for (i = 0; i < 3; i++) {
		const cJSON *list = i == 0 ? mine.changed : i == 1 ? mine.added : mine.removed;

		cJSON_ArrayForEach(n, list)
		{
			const char *name = n->valuestring;
			const cJSON *was = cJSON_GetObjectItemCaseSensitive(base, name);
			const cJSON *now = cJSON_GetObjectItemCaseSensitive(theirs, name);
			const cJSON *want = cJSON_GetObjectItemCaseSensitive(ours, name);

			/* they changed it too (added, changed or removed it), to something else */
			if (both && !ddb_attr_same(was, now) && !ddb_attr_same(now, want))
				cJSON_AddItemToArray(both, cJSON_CreateString(name));
			if (want) {
				cJSON *v = cJSON_Duplicate(want, 1);

				if (!v)
					abort();
				if (cJSON_GetObjectItemCaseSensitive(out, name))
					cJSON_ReplaceItemInObjectCaseSensitive(out, name, v);
				else
					cJSON_AddItemToObject(out, name, v);
			} else {
				cJSON_DeleteItemFromObjectCaseSensitive(out, name);
			}
		}
	}
	ddb_item_diff_done(&mine);
	return out;
}

/* ---- size ---- */

static size_t num_size(const char *s)
{
	struct ddb_number n;
	size_t digits;

	ddb_number_parse(s, &n);
	digits = n.ndigits ? n.ndigits : 1; /* zero is one digit */
	return (digits + 1) / 2 + 1;
}

static size_t bin_size(const char *s)
{
	size_t len = 0;
	unsigned char *b = ddb_base64_decode(s, &len);

	if (!b)
		return strlen(s);
	free(b);
	return len;
}

static size_t value_size(const cJSON *av)
{
	enum ddb_type t = ddb_attr_type(av);
	const cJSON *v = av ? av->child : NULL, *m;
	size_t n = 0;

	switch (t) {
	case DDB_T_S:
		return cJSON_IsString(v) ? strlen(v->valuestring) : 0;
	case DDB_T_N:
		return cJSON_IsString(v) ? num_size(v->valuestring) : 0;
	case DDB_T_B:
		return cJSON_IsString(v) ? bin_size(v->valuestring) : 0;
	case DDB_T_BOOL:
	case DDB_T_NULL:
		return 1;
	case DDB_T_SS:
	case DDB_T_NS:
	case DDB_T_BS:
		cJSON_ArrayForEach(m, v)
		{
			if (!cJSON_IsString(m))
				continue;
			n += t == DDB_T_SS   ? strlen(m->valuestring)
			     : t == DDB_T_NS ? num_size(m->valuestring)
			                     : bin_size(m->valuestring);
		}
		return n;
	case DDB_T_M:
	case DDB_T_L:
		n = 3;
		cJSON_ArrayForEach(m, v)
		{
			n += 1 + value_size(m);
			if (t == DDB_T_M && m->string)
				n += strlen(m->string);
		}
		return n;
	default: {
		char *s = cJSON_PrintUnformatted(av);
		size_t len = s ? strlen(s) : 0;

		free(s);
		return len;
	}
	}
}

size_t ddb_item_size(const cJSON *item)
{
	const cJSON *a;
	size_t n = 0;

	cJSON_ArrayForEach(a, item) n += (a->string ? strlen(a->string) : 0) + value_size(a);
	return n;
}

/* ---- conditions ---- */

struct cond {
	struct ddb_buf expr;
	cJSON *names;  /* "#n0" -> name */
	cJSON *values; /* ":v0" -> value */
	int deep;      /* maps and lists member by member */
};

/* The placeholder of a name, reused when the name comes again. */
static void put_name(struct cond *c, struct ddb_buf *path, const char *name)
{
	ddb_buf_puts(path, ddb_expr_name(c->names, "#n", name));
}

/* A value placeholder: ph is a fixed one (":tM") reused, or NULL for a new ":vN". */
static void put_value(struct cond *c, const char *ph, cJSON *value)
{
	if (ph) {
		if (!cJSON_GetObjectItemCaseSensitive(c->values, ph))
			cJSON_AddItemToObject(c->values, ph, value);
		else
			cJSON_Delete(value);
		ddb_buf_puts(&c->expr, ph);
		return;
	}
	ddb_buf_puts(&c->expr, ddb_expr_value(c->values, ":v", value));
}

static void cond_and(struct cond *c)
{
	if (c->expr.len)
		ddb_buf_puts(&c->expr, " AND ");
}

static void cond_value(struct cond *c, const char *path, const cJSON *av, int depth)
{
	enum ddb_type t = ddb_attr_type(av);
	struct ddb_buf sub = DDB_BUF_INIT;
	char num[32], ph[32];
	const cJSON *m;
	int i = 0;

	if (!c->deep || (t != DDB_T_M && t != DDB_T_L) || depth >= COND_MAX_DEPTH) {
		cond_and(c);
		ddb_buf_printf(&c->expr, "%s = ", path);
		put_value(c, NULL, cJSON_Duplicate(av, 1));
		return;
	}
	cond_and(c);
	ddb_buf_printf(&c->expr, "attribute_type(%s, ", path);
	put_value(c, t == DDB_T_M ? ":tM" : ":tL", ddb_attr_s(t == DDB_T_M ? "M" : "L"));
	snprintf(num, sizeof(num), "%d", cJSON_GetArraySize(av->child));
	snprintf(ph, sizeof(ph), ":s%s", num);
	ddb_buf_printf(&c->expr, ") AND size(%s) = ", path);
	put_value(c, ph, ddb_attr_n(num));
	cJSON_ArrayForEach(m, av->child)
	{
		ddb_buf_reset(&sub);
		ddb_buf_puts(&sub, path);
		if (t == DDB_T_M) {
			ddb_buf_putc(&sub, '.');
			put_name(c, &sub, m->string ? m->string : "");
		} else {
			ddb_buf_printf(&sub, "[%d]", i++);
		}
		cond_value(c, ddb_buf_str(&sub), m, depth + 1);
	}
	ddb_buf_done(&sub);
}

static void cond_attr(struct cond *c, const cJSON *av)
{
	struct ddb_buf path = DDB_BUF_INIT;

	put_name(c, &path, av->string ? av->string : "");
	cond_value(c, ddb_buf_str(&path), av, 1);
	ddb_buf_done(&path);
}

static void cond_init(struct cond *c, int deep)
{
	memset(c, 0, sizeof(*c));
	c->names = cJSON_CreateObject();
	c->values = cJSON_CreateObject();
	if (!c->names || !c->values)
		abort();
	c->deep = deep;
}

static void cond_done(struct cond *c)
{
	ddb_buf_done(&c->expr);
	cJSON_Delete(c->names);
	cJSON_Delete(c->values);
}

/* The attributes in condition order: the keys first, then the others as they come. */
static int ordered(const cJSON *item, const cJSON *key_names, const cJSON **out, int max)
{
	const cJSON *k, *a;
	int n = 0;

	cJSON_ArrayForEach(k, key_names)
	{
		a = cJSON_IsString(k) ? cJSON_GetObjectItemCaseSensitive(item, k->valuestring)
		                      : NULL;
		if (a && n < max)
			out[n++] = a;
	}
	cJSON_ArrayForEach(a, item)
	{
		int i, dup = 0;

		for (i = 0; i < n; i++)
			if (out[i] == a)
				dup = 1;
		if (!dup && n < max)
			out[n++] = a;
	}
	return n;
}

char *ddb_cond_unchanged(const cJSON *item, const cJSON *key_names, cJSON **names, cJSON **values,
                         int *covered)
{
	int total = cJSON_GetArraySize(item), n, i, deep;
	const cJSON **attrs = calloc((size_t)total + 1, sizeof(*attrs));
	struct cond c;
	char *expr;

	if (!attrs)
		abort();
	n = ordered(item, key_names, attrs, total);
	for (deep = 1; deep >= 0; deep--) {
		cond_init(&c, deep);
		for (i = 0; i < n; i++)
			cond_attr(&c, attrs[i]);
		if (c.expr.len <= DDB_EXPR_MAX_BYTES)
			break;
		cond_done(&c);
	}
	if (deep < 0) {
		/* still too long: as many attributes as fit, whole values */
		struct cond tryc;

		cond_init(&c, 0);
		for (i = 0; i < n; i++) {
			cond_init(&tryc, 0);
			ddb_buf_puts(&tryc.expr, ddb_buf_str(&c.expr));
			cJSON_Delete(tryc.names);
			cJSON_Delete(tryc.values);
			tryc.names = cJSON_Duplicate(c.names, 1);
			tryc.values = cJSON_Duplicate(c.values, 1);
			cond_attr(&tryc, attrs[i]);
			if (tryc.expr.len > DDB_EXPR_MAX_BYTES) {
				cond_done(&tryc);
				break;
			}
			cond_done(&c);
			c = tryc;
		}
		n = i;
	}
	free(attrs);
	if (covered)
		*covered = n;
	*names = c.names;
	*values = c.values;
	/* no attributes (not an item DynamoDB returns): no condition */
	expr = c.expr.len ? ddb_buf_steal(&c.expr) : NULL;
	ddb_buf_done(&c.expr);
	if (!cJSON_GetArraySize(*names)) {
		cJSON_Delete(*names);
		*names = NULL;
	}
	if (!cJSON_GetArraySize(*values)) {
		cJSON_Delete(*values);
		*values = NULL;
	}
	return expr;
}

char *ddb_cond_absent(const char *key_name, cJSON **names)
{
	char *expr = strdup("attribute_not_exists(#k)");

	*names = cJSON_CreateObject();
	if (!expr || !*names)
		abort();
	cJSON_AddStringToObject(*names, "#k", key_name);
	return expr;
}

/* ---- updates ---- */

static int is_key(const cJSON *key_names, const char *name)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, key_names)
	{
		if (cJSON_IsString(k) && strcmp(k->valuestring, name) == 0)
			return 1;
	}
	return 0;
}

/* The "#uN" placeholder of name in names, written to b. */
static void update_name(struct ddb_buf *b, cJSON *names, const char *name)
{
	ddb_buf_puts(b, ddb_expr_name(names, "#u", name));
}

int ddb_update_between(const cJSON *before, const cJSON *after, const cJSON *key_names,
                       char **update, char **absent, cJSON *names, cJSON *values)
{
	struct ddb_buf set = DDB_BUF_INIT, rem = DDB_BUF_INIT, abs = DDB_BUF_INIT;
	cJSON *nn = cJSON_CreateObject(), *vv = cJSON_CreateObject();
	const cJSON *a, *m;
	int rc = -1;

	if (!nn || !vv)
		abort();
	*update = *absent = NULL;
	cJSON_ArrayForEach(a, after)
	{
		const cJSON *old = cJSON_GetObjectItemCaseSensitive(before, a->string);

		if (!a->string || is_key(key_names, a->string) || (old && ddb_attr_same(old, a)))
			continue;
		ddb_buf_puts(&set, set.len ? ", " : "SET ");
		if (!old) {
			/* added: nobody else may have added it meanwhile */
			ddb_buf_puts(&abs, abs.len ? " AND attribute_not_exists("
			                           : "attribute_not_exists(");
			update_name(&abs, nn, a->string);
			ddb_buf_putc(&abs, ')');
		}
		update_name(&set, nn, a->string); /* the same #uN as the condition's */
		ddb_buf_printf(&set, " = %s", ddb_expr_value(vv, ":u", cJSON_Duplicate(a, 1)));
	}
	cJSON_ArrayForEach(a, before)
	{
		if (!a->string || is_key(key_names, a->string) ||
		    cJSON_GetObjectItemCaseSensitive(after, a->string))
			continue;
		ddb_buf_puts(&rem, rem.len ? ", " : "REMOVE ");
		update_name(&rem, nn, a->string);
	}
	if (rem.len)
		ddb_buf_printf(&set, "%s%s", set.len ? " " : "", ddb_buf_str(&rem));
	if (set.len && set.len <= DDB_EXPR_MAX_BYTES && abs.len <= DDB_EXPR_MAX_BYTES) {
		*update = ddb_buf_steal(&set);
		*absent = abs.len ? ddb_buf_steal(&abs) : NULL;
		/* move the placeholders over */
		while ((m = nn->child))
			cJSON_AddItemToObject(names, m->string,
			                      cJSON_DetachItemViaPointer(nn, (cJSON *)m));
		while ((m = vv->child))
			cJSON_AddItemToObject(values, m->string,
			                      cJSON_DetachItemViaPointer(vv, (cJSON *)m));
		rc = 0;
	}
	ddb_buf_done(&set);
	ddb_buf_done(&rem);
	ddb_buf_done(&abs);
	cJSON_Delete(nn);
	cJSON_Delete(vv);
	return rc;
}
