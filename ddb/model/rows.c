/* rows.c - the model's rows: a message's text checked, the message and group rows built, and the
 * API's shapes read back from them (model.h). */
#include "ddb/model/model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"

/* ---- validation ---- */

int ddb_message_validate(const char *text, struct ddb_error *err)
{
	const char *p;
	size_t n;

	for (p = text; *p && isspace((unsigned char)*p); p++)
		;
	if (!*p) {
		ddb_error_set(err, DDB_ERR_USAGE, "message_blank: the message is blank");
		if (err)
			snprintf(err->type, sizeof(err->type), "message_blank");
		return -1;
	}
	n = ddb_utf8_chars(text);
	if (n > DDB_MESSAGE_MAX_CHARS) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "message_exceed_max_chars: the message has %zu characters, at most "
		              "%d are allowed",
		              n, DDB_MESSAGE_MAX_CHARS);
		if (err)
			snprintf(err->type, sizeof(err->type), "message_exceed_max_chars");
		return -1;
	}
	return 0;
}

/* ---- rows and shapes ---- */

static void put_s(cJSON *item, const char *name, const char *value)
{
	cJSON_AddItemToObject(item, name, ddb_attr_s(value ? value : ""));
}

cJSON *ddb_model_message_row(const char *group_uuid, const char *message_uuid, const char *sk,
                             const char *text, const struct ddb_user *sender)
{
	cJSON *it = cJSON_CreateObject();
	struct ddb_buf pk = DDB_BUF_INIT;

	ddb_buf_printf(&pk, "MSG#%s", group_uuid);
	put_s(it, "pk", ddb_buf_str(&pk));
	put_s(it, "sk", sk);
	put_s(it, "message_uuid", message_uuid);
	put_s(it, "message", text);
	put_s(it, "user_uuid", sender->uuid);
	put_s(it, "user_display_name", sender->display_name);
	put_s(it, "user_handle", sender->handle);
	ddb_buf_done(&pk);
	return it;
}

cJSON *ddb_model_group_row(const char *group_uuid, const char *owner_uuid, const char *sk,
                           const char *text, const struct ddb_user *other)
{
	cJSON *it = cJSON_CreateObject();
	struct ddb_buf pk = DDB_BUF_INIT;

	ddb_buf_printf(&pk, "GRP#%s", owner_uuid);
	put_s(it, "pk", ddb_buf_str(&pk));
	put_s(it, "sk", sk);
	put_s(it, "message_group_uuid", group_uuid);
	put_s(it, "message", text);
	put_s(it, "user_uuid", other->uuid);
	put_s(it, "user_display_name", other->display_name);
	put_s(it, "user_handle", other->handle);
	ddb_buf_done(&pk);
	return it;
}

static cJSON *shape(const cJSON *row, const char *uuid_field)
{
	const char *uuid = ddb_item_get_s(row, uuid_field);
	const char *dn = ddb_item_get_s(row, "user_display_name");
	const char *h = ddb_item_get_s(row, "user_handle");
	const char *m = ddb_item_get_s(row, "message");
	const char *sk = ddb_item_get_s(row, "sk");
	cJSON *o;

	if (!uuid || !sk)
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "uuid", uuid);
	cJSON_AddStringToObject(o, "display_name", dn ? dn : "");
	cJSON_AddStringToObject(o, "handle", h ? h : "");
	cJSON_AddStringToObject(o, "message", m ? m : "");
	cJSON_AddStringToObject(o, "created_at", sk);
	return o;
}

cJSON *ddb_model_message_shape(const cJSON *row)
{
	return shape(row, "message_uuid");
}

cJSON *ddb_model_conversation_shape(const cJSON *row)
{
	return shape(row, "message_group_uuid");
}
