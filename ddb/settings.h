/* settings.h - the request bodies of a table's settings beyond its keys: Time to Live
 * (UpdateTimeToLive) and tags (TagResource, UntagResource), checked before anything is sent. */
#ifndef DDB_SETTINGS_H
#define DDB_SETTINGS_H

#include <cjson/cJSON.h>

#include "ddb/error.h"

/* UpdateTimeToLive for table: enabled on attr, or disabled (attr: the attribute it had, which
 * DynamoDB wants named again). NULL with err (DDB_ERR_USAGE) for an empty attribute name. */
cJSON *ddb_ttl_body(const char *table, int enable, const char *attr, struct ddb_error *err);
/* TagResource for arn with n "KEY=VALUE" words (the value may be empty, the key not). NULL
 * with err (DDB_ERR_USAGE) naming the first bad word. */
cJSON *ddb_tag_body(const char *arn, int n, char *const *kv, struct ddb_error *err);
/* UntagResource for arn with n keys. NULL with err for an empty key. */
cJSON *ddb_untag_body(const char *arn, int n, char *const *keys, struct ddb_error *err);

#endif
