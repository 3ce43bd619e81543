/* item.c - one item, pretty-printed as plain JSON or as DynamoDB JSON (v toggles), coloured by
 * type; y copies exactly the JSON shown. Also the styled JSON printer other views share. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/edit.h"
#include "ddb/json.h"
#include "tui/widgets.h"
#include "views/edit.h"
#include "views/views.h"

#define TITLE_KEY_W 30 /* columns of a key value in the title */

/* ---- the styled JSON printer ---- */

struct jp {
	struct ddb_buf *styled;
	struct ddb_buf *plain;
	int cur; /* the style in effect in styled; -1 at the start of a line */
};

/* What a JSON value is in DynamoDB JSON, for styling and layout. */
enum jctx {
	J_PLAIN, /* plain JSON */
	J_ITEM,  /* an object of name -> attribute value (an item, or an M's value) */
	J_AV,    /* an attribute value {"S": "x"} */
	J_LIST,  /* an L's value: an array of attribute values */
	J_NSET,  /* an NS's value: number strings */
};

static void jp_put(struct jp *p, int style, const char *s, size_t n)
{
	if (p->styled) {
		if (style != p->cur) {
			styled_switch(p->styled, style);
			p->cur = style;
		}
		ddb_buf_append(p->styled, s, n);
	}
	if (p->plain)
		ddb_buf_append(p->plain, s, n);
}

static void jp_puts(struct jp *p, int style, const char *s)
{
	jp_put(p, style, s, strlen(s));
}

static void jp_newline(struct jp *p, int indent)
{
	int i;

	jp_put(p, p->cur < 0 ? ST_NORMAL : p->cur, "\n", 1);
	p->cur = -1; /* every line starts with its own style: they are drawn one by one */
	for (i = 0; i < indent; i++)
		jp_put(p, ST_NORMAL, " ", 1);
}

/* A JSON string literal. Control characters (C1 too, so nothing reaches the screen as a control)
 * are escaped; other characters are kept as UTF-8. */
static void jp_string(struct jp *p, int style, const char *s)
{
	struct ddb_buf b = DDB_BUF_INIT;
	size_t n = strlen(s);

	ddb_buf_putc(&b, '"');
	while (n) {
		int len;
		uint32_t cp = utf8_decode(s, n, &len);

		switch (cp) {
		case '"':
			ddb_buf_puts(&b, "\\\"");
			break;
		case '\\':
			ddb_buf_puts(&b, "\\\\");
			break;
		case '\b':
			ddb_buf_puts(&b, "\\b");
			break;
		case '\f':
			ddb_buf_puts(&b, "\\f");
			break;
		case '\n':
			ddb_buf_puts(&b, "\\n");
			break;
		case '\r':
			ddb_buf_puts(&b, "\\r");
			break;
		case '\t':
			ddb_buf_puts(&b, "\\t");
			break;
		default:
			if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
				ddb_buf_printf(&b, "\\u%04x", (unsigned)cp);
			else
				ddb_buf_append(&b, s, (size_t)len);
		}
		s += len;
		n -= (size_t)len;
	}
	ddb_buf_putc(&b, '"');
	jp_put(p, style, b.data, b.len);
	ddb_buf_done(&b);
}

static void jp_value(struct jp *p, const cJSON *j, int indent, enum jctx ctx);

/* An object's members or an array's elements, one a line. */
static void jp_members(struct jp *p, const cJSON *j, int indent, enum jctx member_ctx,
                       int is_object, int key_style)
{
	const cJSON *c;

	if (!j->child) {
		jp_puts(p, ST_JSON_PUNCT, is_object ? "{}" : "[]");
		return;
	}
	jp_puts(p, ST_JSON_PUNCT, is_object ? "{" : "[");
	for (c = j->child; c; c = c->next) {
		jp_newline(p, indent + 2);
		if (is_object) {
			jp_string(p, key_style, c->string ? c->string : "");
			jp_puts(p, ST_JSON_PUNCT, ":");
			jp_puts(p, ST_NORMAL, " ");
		}
		jp_value(p, c, indent + 2, member_ctx);
		if (c->next)
			jp_puts(p, ST_JSON_PUNCT, ",");
	}
	jp_newline(p, indent);
	jp_puts(p, ST_JSON_PUNCT, is_object ? "}" : "]");
}

/* An attribute value: scalars on one line ({"S": "x"}), M, L and sets spread out. */
static void jp_av(struct jp *p, const cJSON *av, int indent)
{
	enum ddb_type t = ddb_attr_type(av);
	const cJSON *v = av->child;
	int scalar =
	    t == DDB_T_S || t == DDB_T_N || t == DDB_T_B || t == DDB_T_BOOL || t == DDB_T_NULL;
	enum jctx inner = t == DDB_T_M    ? J_ITEM
	                  : t == DDB_T_L  ? J_LIST
	                  : t == DDB_T_NS ? J_NSET
	                                  : J_PLAIN;

	jp_puts(p, ST_JSON_PUNCT, "{");
	if (scalar) {
		jp_string(p, ST_JSON_TYPE, v->string);
		jp_puts(p, ST_JSON_PUNCT, ":");
		jp_puts(p, ST_NORMAL, " ");
		jp_value(p, v, indent, t == DDB_T_N ? J_NSET : J_PLAIN);
		jp_puts(p, ST_JSON_PUNCT, "}");
		return;
	}
	jp_newline(p, indent + 2);
	jp_string(p, ST_JSON_TYPE, v->string);
	jp_puts(p, ST_JSON_PUNCT, ":");
	jp_puts(p, ST_NORMAL, " ");
	jp_value(p, v, indent + 2, inner);
	jp_newline(p, indent);
	jp_puts(p, ST_JSON_PUNCT, "}");
}

static void jp_value(struct jp *p, const cJSON *j, int indent, enum jctx ctx)
{
	char num[64];
	const char *s;

	if (ctx == J_AV && ddb_attr_type(j) != DDB_T_INVALID) {
		jp_av(p, j, indent);
		return;
	}
	if (cJSON_IsObject(j)) {
		jp_members(p, j, indent, ctx == J_ITEM ? J_AV : J_PLAIN, 1, ST_JSON_KEY);
	} else if (cJSON_IsArray(j)) {
		jp_members(p, j, indent,
		           ctx == J_LIST   ? J_AV
		           : ctx == J_NSET ? J_NSET
		                           : J_PLAIN,
		           0, ST_JSON_KEY);
	} else if (cJSON_IsString(j)) {
		jp_string(p, ctx == J_NSET ? ST_JSON_NUMBER : ST_JSON_STRING, j->valuestring);
	} else if (cJSON_IsRaw(j)) {
		/* numbers of plain JSON: the decimal text, every digit */
		jp_puts(p, ST_JSON_NUMBER, j->valuestring ? j->valuestring : "null");
	} else if (cJSON_IsNumber(j)) {
		s = ddb_json_number_text(j, num);
		jp_puts(p, ST_JSON_NUMBER, s ? s : "null");
	} else if (cJSON_IsBool(j)) {
		jp_puts(p, ST_JSON_BOOL, cJSON_IsTrue(j) ? "true" : "false");
	} else {
		jp_puts(p, ST_JSON_NULL, "null");
	}
}

void view_json_format(struct ddb_buf *styled, struct ddb_buf *plain, const cJSON *json,
                      int dynamodb)
{
	struct jp p = {styled, plain, -1};

	if (styled)
		ddb_buf_puts(styled, "");
	if (plain)
		ddb_buf_puts(plain, "");
	jp_value(&p, json, 0, dynamodb ? J_ITEM : J_PLAIN);
}

/* Adds styled text to a textview, a line at each newline. */
static void add_styled_lines(struct textview *tv, const char *s)
{
	struct ddb_buf line = DDB_BUF_INIT;

	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		ddb_buf_reset(&line);
		ddb_buf_append(&line, s, len);
		textview_add(tv, ddb_buf_str(&line));
		if (!nl)
			break;
		s = nl + 1;
	}
	ddb_buf_done(&line);
}

/* ---- the view ---- */

struct item_view {
	struct view base;
	char *table;
	cJSON *item;      /* raw, owned copy */
	char keys[320];   /* "pk=a, sk=1" */
	cJSON *key_names; /* array of names, possibly empty */
	int deleted;      /* the item was deleted (views/edit.c said so) */
	int raw;          /* shown as DynamoDB JSON */
	int forced_raw;   /* the plain form failed */
	char *json;       /* the text shown, for y */
	struct textview text;
	int width; /* of the last draw */
};

static struct item_view *iv_of(struct view *v)
{
	return (struct item_view *)v;
}

static void build(struct item_view *iv)
{
	struct ddb_buf styled = DDB_BUF_INIT, plain = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *pj = NULL;
	int top = iv->text.top, hs = iv->text.hscroll;

	ddb_error_clear(&err);
	iv->forced_raw = 0;
	if (!iv->raw) {
		pj = ddb_item_to_plain(iv->item, &err);
		if (!pj)
			iv->forced_raw = 1;
	}
	textview_clear(&iv->text);
	if (iv->forced_raw) {
		ddb_buf_reset(&styled);
		styled_switch(&styled, ST_WARN);
		ddb_buf_printf(&styled, "Shown as DynamoDB JSON: plain JSON cannot express it (%s)",
		               err.message);
		textview_add(&iv->text, ddb_buf_str(&styled));
		textview_add(&iv->text, "");
		ddb_buf_reset(&styled);
	}
	view_json_format(&styled, &plain, pj ? pj : iv->item, pj == NULL);
	add_styled_lines(&iv->text, ddb_buf_str(&styled));
	free(iv->json);
	iv->json = ddb_buf_steal(&plain);
	ddb_buf_done(&styled);
	cJSON_Delete(pj);
	iv->text.top = top;
	iv->text.hscroll = hs;
}

static void item_title(struct view *v, char *buf, size_t size)
{
	struct item_view *iv = iv_of(v);

	snprintf(buf, size, "Item %s (%s)%s", iv->keys[0] ? iv->keys : iv->table,
	         iv->raw || iv->forced_raw ? "DynamoDB JSON" : "plain JSON",
	         iv->deleted ? " \xe2\x80\x94 deleted (u undoes)" : "");
}

static void item_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct item_view *iv = iv_of(v);

	(void)focused;
	iv->width = r.w - 1;
	textview_draw(&iv->text, cv, r);
}

static enum keymap_action item_handle(struct view *v, enum keymap_action act, int key)
{
	struct item_view *iv = iv_of(v);

	(void)key;
	switch (act) {
	case ACT_EDIT_ITEM:
	case ACT_NEW_ITEM:
	case ACT_DUPLICATE_ITEM:
	case ACT_DELETE_ITEM: {
		struct edit_target tg = {iv->table, iv->key_names, NULL, iv->item,
		                         iv->raw || iv->forced_raw};

		if (iv->deleted && act != ACT_NEW_ITEM && act != ACT_DUPLICATE_ITEM) {
			tui_info(v->tui, "this item was deleted (u undoes that)");
			return ACT_NONE;
		}
		/* the item may come from an index or a projection: e, p and x read it whole */
		if (act == ACT_NEW_ITEM)
			edit_new_item(v->tui, &tg);
		else
			edit_whole_item(v->tui, &tg, act);
		return ACT_NONE;
	}
	default:
		break;
	}
	if (act == ACT_TOGGLE_RAW) {
		iv->raw = !iv->raw;
		build(iv);
		if (!iv->raw && iv->forced_raw)
			tui_error(v->tui,
			          "this item has no plain JSON form: shown as DynamoDB JSON");
		return ACT_NONE;
	}
	return textview_action(&iv->text, act, v->page_rows, iv->width > 0 ? iv->width : 80)
	           ? ACT_NONE
	           : act;
}

static char *item_copy(struct view *v)
{
	struct item_view *iv = iv_of(v);

	return iv->json ? strdup(iv->json) : NULL;
}

static void item_free(struct view *v)
{
	struct item_view *iv = iv_of(v);

	textview_done(&iv->text);
	cJSON_Delete(iv->item);
	cJSON_Delete(iv->key_names);
	free(iv->json);
	free(iv->table);
	free(iv);
}

static void key_summary(struct item_view *iv, const cJSON *key_names);

/* The item shown was written: follow it (to its new key too), or say it is gone. */
static void item_written(struct view *v, const char *table, const cJSON *old_key, const cJSON *item)
{
	struct item_view *iv = iv_of(v);
	cJSON *mine;
	int same;

	if (!old_key || strcmp(table, iv->table) != 0 || !cJSON_GetArraySize(iv->key_names))
		return;
	mine = ddb_item_key_of(iv->item, iv->key_names);
	same = mine && ddb_item_same(mine, old_key);
	cJSON_Delete(mine);
	if (!same)
		return;
	if (!item) {
		iv->deleted = 1;
		return;
	}
	cJSON_Delete(iv->item);
	iv->item = cJSON_Duplicate(item, 1);
	if (!iv->item)
		abort();
	iv->deleted = 0;
	key_summary(iv, iv->key_names);
	build(iv);
}

static const struct view_ops item_ops = {
    .name = "item",
    .ctx = CTX_ITEM,
    .title = item_title,
    .draw = item_draw,
    .handle = item_handle,
    .copy_text = item_copy,
    .free = item_free,
    .item_written = item_written,
};

/* "pk=a, sk=1": key values as short text, control characters as spaces, each cut to
 * TITLE_KEY_W columns. */
static void key_summary(struct item_view *iv, const cJSON *key_names)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const cJSON *k;

	cJSON_ArrayForEach(k, key_names)
	{
		const cJSON *av;
		char *val = NULL, *p;
		enum ddb_type t;

		if (!cJSON_IsString(k))
			continue;
		av = cJSON_GetObjectItemCaseSensitive(iv->item, k->valuestring);
		if (!av)
			continue;
		t = ddb_attr_type(av);
		if ((t == DDB_T_S || t == DDB_T_N || t == DDB_T_B) && cJSON_IsString(av->child))
			val = strdup(av->child->valuestring);
		else
			val = cJSON_PrintUnformatted(av);
		if (!val)
			abort();
		for (p = val; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
		if (text_width(val) > TITLE_KEY_W) {
			val[text_fit(val, TITLE_KEY_W - 1)] = '\0';
			ddb_buf_printf(&b, "%s%s=%s\xe2\x80\xa6", b.len ? ", " : "", k->valuestring,
			               val);
		} else {
			ddb_buf_printf(&b, "%s%s=%s", b.len ? ", " : "", k->valuestring, val);
		}
		free(val);
	}
	snprintf(iv->keys, sizeof(iv->keys), "%s", ddb_buf_str(&b));
	ddb_buf_done(&b);
}

struct view *view_item_new(struct tui *t, const char *table, const cJSON *item,
                           const cJSON *key_names)
{
	struct item_view *iv = calloc(1, sizeof(*iv));

	if (!iv)
		abort();
	view_init(&iv->base, &item_ops, t);
	textview_init(&iv->text);
	iv->table = strdup(table ? table : "");
	iv->item = item ? cJSON_Duplicate(item, 1) : cJSON_CreateObject();
	if (!iv->table || !iv->item)
		abort();
	iv->key_names = key_names ? cJSON_Duplicate(key_names, 1) : cJSON_CreateArray();
	if (!iv->key_names)
		abort();
	key_summary(iv, key_names);
	build(iv);
	if (iv->forced_raw)
		tui_error(t, "this item has no plain JSON form: shown as DynamoDB JSON");
	return &iv->base;
}
