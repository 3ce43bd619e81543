/* partiql.h - the request of one PartiQL statement (ExecuteStatement): the statement, its ?
 * parameters as DynamoDB JSON values, checked before anything is sent. */
#ifndef DDB_PARTIQL_H
#define DDB_PARTIQL_H

#include <cjson/cJSON.h>

#include "ddb/error.h"

/* ExecuteStatement's body for statement with n parameters, each the text of a DynamoDB JSON
 * value ({"S": "x"}, {"N": "42"}, ...). consistent: ConsistentRead. NULL with err
 * (DDB_ERR_USAGE) for an empty statement or a parameter that is no valid value, naming it
 * ("--param 2: ..."). */
cJSON *ddb_partiql_body(const char *statement, int n, const char *const *params, int consistent,
                        struct ddb_error *err);

#endif
