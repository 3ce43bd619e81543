/* attr_eq.h - equality of DynamoDB attribute values and items as ddb/attr.h promises it for a
 * round trip through plain JSON: the same types, texts, members and order, except that N (and NS
 * members) compare by value, since an N text that is not JSON (".5") comes back in JSON form. */
#ifndef FUZZ_ATTR_EQ_H
#define FUZZ_ATTR_EQ_H

#include "ddb/attr.h"
#include "fuzz/fuzz.h"

static inline int fuzz_av_equal(const cJSON *a, const cJSON *b);

/* Objects of name -> attribute value, members in the same order. */
static inline int fuzz_av_members_equal(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
		if (!x->string || !y->string || strcmp(x->string, y->string) != 0 ||
		    !fuzz_av_equal(x, y))
			return 0;
	return x == NULL && y == NULL;
}

static inline int fuzz_av_equal(const cJSON *a, const cJSON *b)
{
	enum ddb_type t = ddb_attr_type(a);
	const cJSON *x, *y;

	if (!t || t != ddb_attr_type(b))
		return 0;
	a = a->child;
	b = b->child;
	switch (t) {
	case DDB_T_S:
	case DDB_T_B:
		return strcmp(a->valuestring, b->valuestring) == 0;
	case DDB_T_N:
		return fuzz_number_equal(a->valuestring, b->valuestring);
	case DDB_T_NULL:
	case DDB_T_BOOL:
		return cJSON_IsTrue(a) == cJSON_IsTrue(b);
	case DDB_T_M:
		return fuzz_av_members_equal(a, b);
	case DDB_T_L:
		for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
			if (!fuzz_av_equal(x, y))
				return 0;
		return x == NULL && y == NULL;
	default: /* sets: members in order */
		for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
			if (!cJSON_IsString(x) || !cJSON_IsString(y))
				return 0;
			if (t == DDB_T_NS ? !fuzz_number_equal(x->valuestring, y->valuestring)
					  : strcmp(x->valuestring, y->valuestring) != 0)
				return 0;
		}
		return x == NULL && y == NULL;
	}
}

/* Whether an object has a member named "" (ddb_item_validate refuses those). */
static inline int fuzz_has_empty_name(const cJSON *obj)
{
	const cJSON *c;

	for (c = obj->child; c; c = c->next)
		if (!c->string || !*c->string)
			return 1;
	return 0;
}

#endif
