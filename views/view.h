/* view.h - what a view is written against: the view base and the UI's services (tui/ui.h), and
 * the helpers views share. One file per view in views/; each one's constructor is in
 * views/views.h, the editing service in views/edit.h. */
#ifndef VIEWS_VIEW_H
#define VIEWS_VIEW_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tui/ui.h"

/* JSON pretty-printed with 2-space indents, as styled text (tui/widgets.h markers, ST_JSON_*
 * styles) and as the same text unstyled; either buffer may be NULL. dynamodb: json is an item in
 * DynamoDB JSON (type tags in ST_JSON_TYPE, scalar values on one line). cJSON_Raw numbers print
 * verbatim. In views/item.c. */
struct ddb_buf;
void view_json_format(struct ddb_buf *styled, struct ddb_buf *plain, const cJSON *json,
                      int dynamodb);

#endif
