/* views.h - the constructors of the views, and what others may ask of an open one. A view opens
 * another through these; the dispatcher (tui/dispatch.c) opens them for keys and :commands.
 * table and items are borrowed (copied as needed). */
#ifndef VIEWS_VIEWS_H
#define VIEWS_VIEWS_H

#include <cjson/cJSON.h>

struct tui;
struct view;

struct view *view_tables_new(struct tui *t);
const char *view_tables_selected(struct view *v); /* NULL if none */
/* Asks for the typed name, then drops the table and waits until it is gone. */
void view_tables_drop(struct view *v, const char *table);
struct view *view_scan_new(struct tui *t, const char *table);
struct view *view_describe_new(struct tui *t, const char *table);
/* An item of table (raw DynamoDB JSON); key_names (array of strings, may be NULL) lists its key
 * attributes for the title. */
struct view *view_item_new(struct tui *t, const char *table, const cJSON *item,
                           const cJSON *key_names);
struct view *view_help_new(struct tui *t);
struct view *view_log_new(struct tui *t);
struct view *view_conversations_new(struct tui *t, const char *handle);
struct view *view_messages_new(struct tui *t, const char *group_uuid, const char *my_handle,
                               const char *other_handle);
struct view *view_seed_new(struct tui *t);

/* ---- querying, creating tables, export and import ---- */
/* The grid of a prepared request (views/scan/scan.c): op "Query" or "Scan" with request (copied; a
 * page's ExclusiveStartKey and a Limit are added), what starts the title ("Query"), header (may
 * be NULL) is a line above the grid, e.g. the expression. */
struct view *view_scan_new_request(struct tui *t, const char *table, const char *op,
                                   const cJSON *request, const char *what, const char *header);
/* The table a scan view shows; NULL if v is not a scan view. */
const char *view_scan_table(struct view *v);
/* The query builder for table (views/query.c). */
struct view *view_query_new(struct tui *t, const char *table);
/* The table of a query builder; NULL if v is not one. */
const char *view_query_table(struct view *v);
/* The create-table form (views/create.c), filled in with the model's table (name NULL: the
 * --table one): Enter on Create creates it. */
struct view *view_create_new(struct tui *t, const char *name);
/* Export a table to a file (format "ddb", "json" or "csv"; NULL: csv for *.csv, else ddb), and
 * import a file into a table (views/transfer.c): page by page through the queue, progress in the
 * view and the message line. NULL (the error shown) if the arguments are wrong. */
struct view *view_export_new(struct tui *t, const char *table, const char *file,
                             const char *format);
struct view *view_import_new(struct tui *t, const char *table, const char *file);

#endif
