/* schema.c - the model's table (model.h), as a table spec: the same one schema-load creates, the
 * create-table form starts from and a describe of the table is compared with. */
#include "ddb/model/model.h"

#include <stdio.h>

#include "ddb/tablespec.h"

int ddb_cruddur_spec(struct ddb_table_spec *spec, const char *table, long rcu, long wcu,
                     struct ddb_error *err)
{
	char r[24], w[24];

	snprintf(r, sizeof(r), "%ld", rcu);
	snprintf(w, sizeof(w), "%ld", wcu);
	if (ddb_table_spec_set_name(spec, table, err) != 0 ||
	    ddb_table_spec_set_key(spec, 0, "pk:S", err) != 0 ||
	    ddb_table_spec_set_key(spec, 1, "sk:S", err) != 0 ||
	    ddb_table_spec_add_gsi(spec, DDB_MODEL_GSI ":message_group_uuid:S:sk:S", err) != 0 ||
	    ddb_table_spec_set_billing(spec, "PROVISIONED", r, w, err) != 0)
		return -1;
	return 0;
}

cJSON *ddb_cruddur_schema(const char *table, long rcu, long wcu, struct ddb_error *err)
{
	struct ddb_table_spec spec;
	cJSON *req = NULL;

	ddb_table_spec_init(&spec);
	if (ddb_cruddur_spec(&spec, table, rcu, wcu, err) == 0)
		req = ddb_table_spec_to_create(&spec, err);
	ddb_table_spec_done(&spec);
	return req;
}
