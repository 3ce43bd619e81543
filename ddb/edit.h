/* edit.h - what writing an item back needs: its key, its size as DynamoDB counts it, comparison
 * by value, the attributes that differ, and the condition "unchanged since it was loaded".
 *
 * The condition compares every attribute the loaded item had with its loaded value: scalars and
 * sets with `=`; maps and lists member by member (attribute_type, size, then each member), since
 * some DynamoDB implementations (dynalite) do not compare M and L values with `=`. An attribute
 * added by someone else since the load is not covered: DynamoDB has no condition for "no other
 * attributes". Writers therefore read the item (consistently) and compare it whole first, and
 * write a changed item as an update (ddb_update_between), which leaves attributes it does not
 * name alone, so one added in the moment between that read and the write is kept, not lost.
 * The expression is kept under DynamoDB's 4 KB: for a large item maps and lists are compared
 * whole, and if that is still too long only the first attributes (the keys first) are covered;
 * *covered says how many. */
#ifndef DDB_EDIT_H
#define DDB_EDIT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "error.h"

#define DDB_ITEM_MAX_BYTES (400 * 1024)
#define DDB_EXPR_MAX_BYTES 4096

/* The key of item: a new object with copies of the attributes named in key_names (an array of
 * strings, borrowed); NULL if one of them is missing. */
cJSON *ddb_item_key_of(const cJSON *item, const cJSON *key_names);

/* The item's size as DynamoDB counts it against the 400 KB limit: attribute names and values
 * (S as UTF-8 bytes, N about one byte per two significant digits plus one, B as decoded bytes,
 * BOOL and NULL one byte, M and L three bytes plus one a member plus the members). */
size_t ddb_item_size(const cJSON *item);

/* Whether two attribute values are the same value as DynamoDB sees it: numbers by value ("1.50"
 * is "1.5"), sets without regard to member order, binaries by their bytes, maps without regard
 * to member order. NULL equals only NULL. */
int ddb_attr_same(const cJSON *a, const cJSON *b);
/* The same for items (objects of attribute values); both NULL (absent) are the same. */
int ddb_item_same(const cJSON *a, const cJSON *b);

/* The names of the attributes added, removed and changed from before to after (either may be
 * NULL: no item), as new arrays of strings in the order of after (added, changed) and before
 * (removed). */
struct ddb_item_diff {
	cJSON *added;
	cJSON *removed;
	cJSON *changed;
};
void ddb_item_diff(const cJSON *before, const cJSON *after, struct ddb_item_diff *d);
void ddb_item_diff_done(struct ddb_item_diff *d);

/* A merge, attribute by attribute, of what a user did to an item (base -> ours) into the item as
 * it is now (theirs): a new item, theirs with each attribute the user added, changed or removed
 * done to it, in theirs's order (the user's new attributes after). The names of the attributes
 * both sides changed, and differently, are added to both (an array; may be NULL): there the
 * user's value (or removal) wins. All three items are required. */
cJSON *ddb_item_merge(const cJSON *base, const cJSON *theirs, const cJSON *ours, cJSON *both);

/* The condition that item (as loaded) is unchanged. key_names (may be NULL) come first. Returns
 * the expression (heap) and sets *names and *values (new objects, for ddb_put_item and
 * ddb_delete_item, which take them); *covered (may be NULL) gets the number of top-level
 * attributes the condition covers (all of them unless the item is very large). */
char *ddb_cond_unchanged(const cJSON *item, const cJSON *key_names, cJSON **names, cJSON **values,
                         int *covered);
/* The UpdateItem that takes before to after (the same key): *update gets "SET #u0 = :u0, ...
 * REMOVE #u2, ..." for the attributes added, changed and removed, *absent gets
 * "attribute_not_exists(#u0) AND ..." for those added (NULL if none: AND it to the condition, so
 * that an attribute someone else added meanwhile is not overwritten), both heap; the
 * placeholders ("#uN", ":uN", apart from ddb_cond_unchanged's) are added to names and values
 * (existing objects). Key attributes are never in it. Returns 0, or -1 with nothing set when
 * nothing differs or the update would be longer than DDB_EXPR_MAX_BYTES (write a put then). */
int ddb_update_between(const cJSON *before, const cJSON *after, const cJSON *key_names,
                       char **update, char **absent, cJSON *names, cJSON *values);
/* "attribute_not_exists(#k)" for a key attribute name: the item does not exist. */
char *ddb_cond_absent(const char *key_name, cJSON **names);

#endif
