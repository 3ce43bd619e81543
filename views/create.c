/* create.c - the create-table form: name, partition and sort key with types, GSIs and LSIs with
 * their keys and projections, billing mode and capacity, a stream (ddb/tablespec.h), the
 * CreateTable request shown live under the form. It opens filled in with the model's table
 * (cruddur-model.md: pk/sk, the message-group-sk-index GSI, PROVISIONED 5/5) with the cursor on
 * Create, so one Enter creates it. Create sends the request, shows each status (CREATING, ACTIVE),
 * then reloads the tables pane. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/model/model.h"
#include "ddb/ops.h"
#include "ddb/tablespec.h"
#include "tui/form.h"
#include "tui/widgets.h"
#include "views/views.h"

#define LABEL_W     19
#define IX_MAX      (DDB_MAX_GSI + DDB_MAX_LSI)
#define JSON_INDENT 4

enum {
	C_NAME,
	C_PK,
	C_SK,
	C_BILLING,
	C_RCU,
	C_WCU,
	C_GSIS, /* headings */
	C_LSIS,
	C_IXNAME,
	C_IXPK,
	C_IXSK,
	C_IXPROJ,
	C_IXINCLUDE,
	C_ADD_GSI,
	C_ADD_LSI,
	C_STREAM,
	C_CREATE,
};

static const char *const key_types[] = {"S (string)", "N (number)", "B (binary)"};
static const enum ddb_type key_type_of[] = {DDB_T_S, DDB_T_N, DDB_T_B};
static const char *const billing_modes[] = {"PAY_PER_REQUEST", "PROVISIONED"};
static const char *const projections[] = {"ALL", "KEYS_ONLY", "INCLUDE"};
/* in the order of enum ddb_stream_view */
static const char *const stream_views[] = {"off", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES",
                                           "KEYS_ONLY"};
static const char *const stream_notes[] = {
    "no DynamoDB Stream", "each record has the item as written",
    "each record has the item as it was", "each record has the item before and after",
    "each record has the key only"};

struct key_field {
	char *name; /* "" : none */
	int type;   /* index in key_types */
};

struct cindex {
	char *name;
	int local;
	struct key_field hash; /* GSI only: an LSI's is the table's */
	struct key_field range;
	int projection; /* enum ddb_projection */
	char *include;  /* INCLUDE: "a, b" */
};

enum cstate { CS_EDIT, CS_SENT, CS_WAITING, CS_DONE, CS_FAILED };

struct create_view {
	struct view base;
	struct form form;
	char *name;
	struct key_field pk, sk;
	int provisioned;
	char *rcu, *wcu; /* "" : 5 */
	int stream;      /* enum ddb_stream_view */
	struct cindex ix[IX_MAX];
	int nix;

	char *preview; /* the request, a member a line (or the error in form.error) */

	enum cstate state;
	char *creating; /* the table being created */
	char steps[200];
	char result[300];
};

static struct create_view *cv_of(struct view *v)
{
	return (struct create_view *)v;
}

static int type_index(enum ddb_type t)
{
	return t == DDB_T_N ? 1 : t == DDB_T_B ? 2 : 0;
}

static void key_set(struct key_field *k, const struct ddb_key_def *d)
{
	form_set_text(&k->name, d->name);
	k->type = type_index(d->type);
}

static int busy(const struct create_view *cv)
{
	return cv->state == CS_SENT || cv->state == CS_WAITING;
}

/* ---- the form -> CreateTable ---- */

static int key_into(struct ddb_key_def *d, const struct key_field *k)
{
	if (!k->name || !k->name[0])
		return 0;
	free(d->name);
	d->name = ddb_strdup(k->name);
	d->type = key_type_of[k->type];
	return 1;
}

/* "a, b" -> the index's INCLUDE list. */
static void include_into(struct ddb_index_spec *ix, const char *text)
{
	const char *p = text ? text : "";

	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *one = strndup(p, n), *t;

		if (!one)
			abort();
		t = form_trimmed(one);
		free(one);
		if (t[0]) {
			ix->include =
			    realloc(ix->include, sizeof(char *) * (size_t)(ix->ninclude + 1));
			if (!ix->include)
				abort();
			ix->include[ix->ninclude++] = t;
		} else {
			free(t);
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

static int index_label(const struct create_view *cv, int i, char *buf, size_t size)
{
	int k, n = 0;

	for (k = 0; k <= i; k++)
		if (cv->ix[k].local == cv->ix[i].local)
			n++;
	return snprintf(buf, size, "%s %d", cv->ix[i].local ? "LSI" : "GSI", n);
}

/* The request, or NULL with the reason in err. */
static cJSON *make_request(struct create_view *cv, char *err, size_t errlen)
{
	struct ddb_table_spec s;
	struct ddb_error e;
	cJSON *req = NULL;
	char what[32];
	int i;

	ddb_table_spec_init(&s);
	ddb_error_clear(&e);
	if (ddb_table_spec_set_name(&s, cv->name, &e) != 0) {
		snprintf(err, errlen, "Table name: %s", e.message);
		goto out;
	}
	if (!key_into(&s.hash, &cv->pk)) {
		snprintf(err, errlen, "Partition key: the attribute name is empty");
		goto out;
	}
	key_into(&s.range, &cv->sk);
	s.indexes = calloc((size_t)cv->nix + 1, sizeof(*s.indexes));
	if (!s.indexes)
		abort();
	for (i = 0; i < cv->nix; i++) {
		const struct cindex *c = &cv->ix[i];
		struct ddb_index_spec *ix = &s.indexes[s.nindexes++];

		index_label(cv, i, what, sizeof(what));
		if (!c->name || !c->name[0]) {
			snprintf(err, errlen, "%s: the index needs a name", what);
			goto out;
		}
		if (!ddb_table_name_valid(c->name)) {
			snprintf(err, errlen,
			         "%s: '%s' is not a valid index name: 3 to 255 letters, digits, "
			         "'_', '-' or '.'",
			         what, c->name);
			goto out;
		}
		ix->name = ddb_strdup(c->name);
		ix->local = c->local;
		if (!c->local && !key_into(&ix->hash, &c->hash)) {
			snprintf(err, errlen, "%s %s: the partition key's name is empty", what,
			         c->name);
			goto out;
		}
		if (!key_into(&ix->range, &c->range) && c->local) {
			snprintf(err, errlen, "%s %s: an LSI needs a sort key", what, c->name);
			goto out;
		}
		ix->projection = (enum ddb_projection)c->projection;
		if (ix->projection == DDB_PROJ_INCLUDE)
			include_into(ix, c->include);
	}
	if (ddb_table_spec_set_billing(&s, billing_modes[cv->provisioned],
	                               cv->provisioned && cv->rcu[0] ? cv->rcu : NULL,
	                               cv->provisioned && cv->wcu[0] ? cv->wcu : NULL, &e) != 0) {
		snprintf(err, errlen, "%s", e.message);
		goto out;
	}
	s.stream = (enum ddb_stream_view)cv->stream;
	req = ddb_table_spec_to_create(&s, &e);
	if (!req)
		snprintf(err, errlen, "%s", e.message);
out:
	ddb_table_spec_done(&s);
	return req;
}

/* The request as JSON with one top-level member a line (the preview wraps long ones). */
static char *preview_text(const cJSON *req)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const cJSON *m;

	ddb_buf_puts(&b, "{\n");
	for (m = req->child; m; m = m->next) {
		char *v = cJSON_PrintUnformatted(m);

		if (!v)
			abort();
		ddb_buf_printf(&b, "  \"%s\": %s%s\n", m->string, v, m->next ? "," : "");
		free(v);
	}
	ddb_buf_puts(&b, "}");
	return ddb_buf_steal(&b);
}

/* ---- the rows ---- */

static void key_row(struct form *f, int id, int sub, const char *label, const char *prompt,
                    const struct key_field *k)
{
	struct form_row *row = form_add(f, id, sub, FORM_KEY, label, k->name);

	form_choices(row, key_types, 3, k->type);
	snprintf(row->prompt, sizeof(row->prompt), "%s name", prompt);
}

static void index_rows(struct create_view *cv, int i)
{
	struct form *f = &cv->form;
	const struct cindex *c = &cv->ix[i];
	struct form_row *row;
	char label[32], prompt[96];

	index_label(cv, i, label, sizeof(label));
	row = form_add(f, C_IXNAME, i, FORM_TEXT, label, c->name);
	snprintf(row->prompt, sizeof(row->prompt), "%s name", label);
	if (!c->name || !c->name[0])
		form_note(row, ST_WARN, "the index name");
	if (!c->local) {
		snprintf(prompt, sizeof(prompt), "%s partition key", label);
		key_row(f, C_IXPK, i, "  partition key", prompt, &c->hash);
		if (!c->hash.name[0])
			form_note(&f->rows[f->n - 1], ST_WARN, "an attribute name");
	}
	snprintf(prompt, sizeof(prompt), "%s sort key", label);
	key_row(f, C_IXSK, i, "  sort key", prompt, &c->range);
	if (!c->range.name[0])
		form_note(&f->rows[f->n - 1], c->local ? ST_WARN : ST_DIM,
		          c->local ? "another sort key than the table's" : "none");
	row = form_add(f, C_IXPROJ, i, FORM_CHOICE, "  projection", NULL);
	form_choices(row, projections, 3, c->projection);
	form_note(row, ST_DIM, "%s",
	          c->projection == DDB_PROJ_ALL         ? "every attribute"
	          : c->projection == DDB_PROJ_KEYS_ONLY ? "the keys only"
	                                                : "the keys and these:");
	if (c->projection == DDB_PROJ_INCLUDE) {
		row = form_add(f, C_IXINCLUDE, i, FORM_TEXT, "  attributes", c->include);
		snprintf(row->prompt, sizeof(row->prompt), "%s INCLUDE attributes (a, b, c)",
		         label);
		if (!c->include || !c->include[0])
			form_note(row, ST_WARN, "a, b, c");
	}
}

static void rebuild_rows(struct create_view *cv)
{
	struct form *f = &cv->form;
	struct form_row *row;
	int i, ngsi = 0, nlsi = 0;

	for (i = 0; i < cv->nix; i++)
		cv->ix[i].local ? nlsi++ : ngsi++;
	form_begin(f);
	row = form_add(f, C_NAME, 0, FORM_TEXT, "Table name", cv->name);
	key_row(f, C_PK, 0, "Partition key", "Partition key", &cv->pk);
	key_row(f, C_SK, 0, "Sort key", "Sort key (empty: none)", &cv->sk);
	if (!cv->sk.name[0])
		form_note(&f->rows[f->n - 1], ST_DIM, "none");
	row = form_add(f, C_BILLING, 0, FORM_CHOICE, "Billing mode", NULL);
	form_choices(row, billing_modes, 2, cv->provisioned);
	form_note(row, ST_DIM, "%s",
	          cv->provisioned ? "capacity of the table and each GSI:" : "on demand");
	if (cv->provisioned) {
		row = form_add(f, C_RCU, 0, FORM_TEXT, "  read capacity", cv->rcu);
		snprintf(row->prompt, sizeof(row->prompt), "Read capacity units (empty: 5)");
		if (!cv->rcu[0])
			form_note(row, ST_DIM, "5");
		row = form_add(f, C_WCU, 0, FORM_TEXT, "  write capacity", cv->wcu);
		snprintf(row->prompt, sizeof(row->prompt), "Write capacity units (empty: 5)");
		if (!cv->wcu[0])
			form_note(row, ST_DIM, "5");
	}
	if (ngsi)
		form_add(f, C_GSIS, 0, FORM_HEADING, "Global secondary indexes", NULL);
	for (i = 0; i < cv->nix; i++)
		if (!cv->ix[i].local)
			index_rows(cv, i);
	row = form_add(f, C_ADD_GSI, 0, FORM_BUTTON, "+ Add a GSI", NULL);
	form_note(row, ST_DIM, "any keys; x removes the index under the cursor");
	if (nlsi)
		form_add(f, C_LSIS, 0, FORM_HEADING, "Local secondary indexes", NULL);
	for (i = 0; i < cv->nix; i++)
		if (cv->ix[i].local)
			index_rows(cv, i);
	row = form_add(f, C_ADD_LSI, 0, FORM_BUTTON, "+ Add an LSI", NULL);
	form_note(row, ST_DIM, "the table's partition key with another sort key");
	row = form_add(f, C_STREAM, 0, FORM_CHOICE, "Stream", NULL);
	form_choices(row, stream_views, 5, cv->stream);
	form_note(row, ST_DIM, "%s", stream_notes[cv->stream]);

	row = form_add(f, C_CREATE, 0, FORM_BUTTON, busy(cv) ? "[ Creating ]" : "[ Create ]", NULL);
	if (ddb_client_read_only(cv->base.tui->client))
		form_note(row, ST_WARN, "read-only mode: create table is unavailable");
	else if (cv->state == CS_FAILED)
		form_note(row, ST_ERROR, "%s", cv->result);
	else if (cv->steps[0])
		form_note(row, cv->state == CS_DONE ? ST_OK : ST_WARN, "%s%s%s", cv->steps,
		          cv->result[0] ? ": " : "", cv->result);
	else if (cv->form.error[0])
		form_note_error(row);
	else
		form_note(row, ST_DIM, "Enter creates %s (%d GSI%s, %d LSI%s)", cv->name, ngsi,
		          ngsi == 1 ? "" : "s", nlsi, nlsi == 1 ? "" : "s");
	form_end(f);
}

static void check_form(struct create_view *cv)
{
	cJSON *req;

	free(cv->preview);
	cv->preview = NULL;
	cv->form.error[0] = '\0';
	req = make_request(cv, cv->form.error, sizeof(cv->form.error));
	if (req)
		cv->preview = preview_text(req);
	cJSON_Delete(req);
	rebuild_rows(cv);
}

/* ---- creating ---- */

static void refresh_tables(struct tui *t)
{
	if (t->tables && t->tables->ops->refresh)
		t->tables->ops->refresh(t->tables);
}

static void step(struct create_view *cv, const char *status)
{
	const char *last = strrchr(cv->steps, ' ');

	last = last ? last + 1 : cv->steps;
	if (strcmp(last, status) == 0)
		return;
	snprintf(cv->steps + strlen(cv->steps), sizeof(cv->steps) - strlen(cv->steps), "%s%s",
	         cv->steps[0] ? " \xe2\x86\x92 " : "", status);
	tui_info(cv->base.tui, "%s: %s", cv->creating, status);
	rebuild_rows(cv);
}

static void wait_step(struct ddb_client *c, const char *status, void *ud)
{
	struct view_req *r = ud;

	(void)c;
	if (!view_req_stale(r))
		step(cv_of(r->view), status);
}

static void active(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct create_view *cv = cv_of(r->view);
	struct tui *t = cv->base.tui;
	int stale = view_req_stale(r);

	(void)c;
	free(r);
	refresh_tables(t); /* the table exists, whatever became of the wait */
	if (stale)
		return;
	if (err->kind == DDB_ERR_NONE) {
		cv->state = CS_DONE;
		step(cv, "ACTIVE");
		snprintf(cv->result, sizeof(cv->result), "created");
		tui_info(t, "table %s is ACTIVE", cv->creating);
	} else {
		cv->state = CS_FAILED;
		tui_error_from(t, cv->creating, err);
		snprintf(cv->result, sizeof(cv->result), "%s", t->message);
	}
	rebuild_rows(cv);
}

static void sent(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct create_view *cv = cv_of(r->view);
	struct tui *t = cv->base.tui;

	if (view_req_stale(r)) {
		free(r);
		return;
	}
	if (reply->err.kind != DDB_ERR_NONE) {
		free(r);
		cv->state = CS_FAILED;
		if (reply->err.kind == DDB_ERR_SERVICE &&
		    strcmp(reply->err.type, "ResourceInUseException") == 0)
			tui_error(t, "table %s already exists; nothing changed", cv->creating);
		else
			tui_error_from(t, "create table", &reply->err);
		snprintf(cv->result, sizeof(cv->result), "%s", t->message);
		rebuild_rows(cv);
		return;
	}
	cv->state = CS_WAITING;
	step(cv, "CREATING");
	refresh_tables(t);
	ddb_wait_table(c, cv->creating, DDB_WAIT_ACTIVE, 0, wait_step, active, r, cv);
}

static void create(void *owner)
{
	struct create_view *cv = owner;
	struct tui *t = cv->base.tui;
	char err[400];
	cJSON *req;

	if (ddb_client_read_only(t->client)) {
		tui_error(t, "read-only mode: create table is unavailable (start ddbtui without "
		             "--read-only)");
		return;
	}
	if (busy(cv)) {
		tui_info(t, "creating %s: wait for ACTIVE", cv->creating);
		return;
	}
	req = make_request(cv, err, sizeof(err));
	if (!req) {
		tui_error(t, "%s", err);
		return;
	}
	form_set_text(&cv->creating, cv->name);
	cv->state = CS_SENT;
	cv->steps[0] = cv->result[0] = '\0';
	step(cv, "sent");
	ddb_submit(t->client, "CreateTable", req, sent, view_req_new(&cv->base, 0), cv);
}

/* ---- editing ---- */

static void key_edit(struct key_field *k, const char *text, int choice)
{
	if (text)
		form_set_text(&k->name, text);
	else
		k->type = choice;
}

static void edited(void *owner, int id, int sub, const char *text, int choice)
{
	struct create_view *cv = owner;
	struct cindex *c = sub >= 0 && sub < cv->nix ? &cv->ix[sub] : NULL;

	if (cv->base.closed)
		return;
	if (!busy(cv) && cv->state != CS_EDIT) {
		cv->state = CS_EDIT; /* a new request: the last one's steps go */
		cv->steps[0] = cv->result[0] = '\0';
	}
	switch (id) {
	case C_NAME:
		form_set_text(&cv->name, text);
		break;
	case C_PK:
		key_edit(&cv->pk, text, choice);
		break;
	case C_SK:
		key_edit(&cv->sk, text, choice);
		break;
	case C_BILLING:
		cv->provisioned = choice;
		break;
	case C_STREAM:
		cv->stream = choice;
		break;
	case C_RCU:
		form_set_text(&cv->rcu, text);
		break;
	case C_WCU:
		form_set_text(&cv->wcu, text);
		break;
	case C_IXNAME:
		if (c)
			form_set_text(&c->name, text);
		break;
	case C_IXPK:
		if (c)
			key_edit(&c->hash, text, choice);
		break;
	case C_IXSK:
		if (c)
			key_edit(&c->range, text, choice);
		break;
	case C_IXPROJ:
		if (c)
			c->projection = choice;
		break;
	case C_IXINCLUDE:
		if (c)
			form_set_text(&c->include, text);
		break;
	default:
		break;
	}
	check_form(cv);
}

static void index_free(struct cindex *c)
{
	free(c->name);
	free(c->hash.name);
	free(c->range.name);
	free(c->include);
}

static void add_index(struct create_view *cv, int local)
{
	struct cindex *c;
	int i, n = 0;

	for (i = 0; i < cv->nix; i++)
		n += cv->ix[i].local == local;
	if (n == (local ? DDB_MAX_LSI : DDB_MAX_GSI) || cv->nix == IX_MAX) {
		tui_error(cv->base.tui, "at most %d %s", local ? DDB_MAX_LSI : DDB_MAX_GSI,
		          local ? "LSIs" : "GSIs");
		return;
	}
	c = &cv->ix[cv->nix++];
	memset(c, 0, sizeof(*c));
	c->local = local;
	c->name = ddb_strdup("");
	c->hash.name = ddb_strdup("");
	c->range.name = ddb_strdup("");
	c->include = ddb_strdup("");
	check_form(cv);
	form_edit_row(&cv->form, C_IXNAME, cv->nix - 1); /* the name, straight away */
}

/* a: a GSI, or an LSI when the cursor is among the LSIs. */
static void add_line(void *owner)
{
	struct create_view *cv = owner;
	const struct form_row *row = form_selected(&cv->form);
	int local =
	    row && (row->id == C_ADD_LSI || (row->id >= C_IXNAME && row->id <= C_IXINCLUDE &&
	                                     row->sub < cv->nix && cv->ix[row->sub].local));

	add_index(cv, local);
}

static void remove_line(void *owner)
{
	struct create_view *cv = owner;
	const struct form_row *row = form_selected(&cv->form);
	char label[32];
	int i;

	if (!row || row->id < C_IXNAME || row->id > C_IXINCLUDE || row->sub >= cv->nix) {
		tui_info(cv->base.tui, "x removes the index under the cursor");
		return;
	}
	i = row->sub;
	index_label(cv, i, label, sizeof(label));
	tui_info(cv->base.tui, "%s %s removed", label, cv->ix[i].name);
	index_free(&cv->ix[i]);
	memmove(&cv->ix[i], &cv->ix[i + 1], sizeof(cv->ix[0]) * (size_t)(cv->nix - i - 1));
	cv->nix--;
	check_form(cv);
}

/* ---- the pane ---- */

static void create_title(struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "Create table %s", cv_of(v)->name);
}

static int text_rows(const char *text, int w)
{
	int rows = 0;

	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		int lw = text_widthn(text, len);

		rows += lw <= w || w <= JSON_INDENT + 2 ? 1 : 2 + (lw - w) / (w - JSON_INDENT - 2);
		text = nl ? nl + 1 : text + len;
	}
	return rows;
}

static void create_draw(struct view *v, struct canvas *c, struct rect r, int focused)
{
	struct create_view *cv = cv_of(v);
	int bottom = r.y + r.h - 1, w = r.w - 3, y;
	const char *p;

	y = form_pane_draw(&cv->form, c, r,
	                   2 + (cv->form.error[0] ? FORM_ERROR_ROWS : text_rows(cv->preview, w)),
	                   focused);
	y++;
	if (!form_draw_error(&cv->form, c, r.x + 2, y, w, bottom) && y < bottom && cv->preview) {
		int more = text_rows(cv->preview, w) > bottom - y - 1,
		    last = more ? bottom - 1 : bottom;

		canvas_text(c, r.x + 2, y++, w, "CreateTable request (y copies it)", ST_BOLD);
		for (p = cv->preview; *p && y < last;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char *line = strndup(p, len);

			if (!line)
				abort();
			y += form_draw_wrapped(c, r.x + 2, y, w, last - y, JSON_INDENT + 2, line,
			                       ST_NORMAL);
			free(line);
			p = nl ? nl + 1 : p + len;
		}
		if (more && y < bottom)
			canvas_text(c, r.x + 2, y, w, "  \xe2\x80\xa6 (y copies the whole request)",
			            ST_DIM);
	}
	form_pane_end(&cv->form, c, r,
	              "Enter edit  \xe2\x86\x90/\xe2\x86\x92 type, choice  a add index  x remove  "
	              "R create  Esc back");
}

static void button(void *owner, const struct form_row *row)
{
	struct create_view *cv = owner;

	if (row->id == C_ADD_GSI)
		add_index(cv, 0);
	else if (row->id == C_ADD_LSI)
		add_index(cv, 1);
	else if (row->id == C_CREATE)
		create(cv);
}

static const struct form_keys create_keys = {
    .button = button,
    .run = create,
    .add_line = add_line,
    .remove_line = remove_line,
};

static enum keymap_action create_handle(struct view *v, enum keymap_action act, int key)
{
	return form_handle_keys(&cv_of(v)->form, &create_keys, act, key) ? ACT_NONE : act;
}

static char *create_copy(struct view *v)
{
	struct create_view *cv = cv_of(v);
	char err[400];
	cJSON *req = make_request(cv, err, sizeof(err));
	char *s;

	if (!req)
		return NULL;
	s = cJSON_Print(req);
	cJSON_Delete(req);
	return s;
}

static void create_free(struct view *v)
{
	struct create_view *cv = cv_of(v);
	int i;

	form_done(&cv->form);
	free(cv->name);
	free(cv->pk.name);
	free(cv->sk.name);
	free(cv->rcu);
	free(cv->wcu);
	for (i = 0; i < cv->nix; i++)
		index_free(&cv->ix[i]);
	free(cv->preview);
	free(cv->creating);
	free(cv);
}

static const struct view_ops create_ops = {
    .name = "create",
    .ctx = CTX_CREATE,
    .title = create_title,
    .draw = create_draw,
    .handle = create_handle,
    .copy_text = create_copy,
    .free = create_free,
};

/* The form filled in from a spec (the model's CreateTable read back). */
static void fill(struct create_view *cv, const struct ddb_table_spec *s)
{
	char num[32];
	int i;

	form_set_text(&cv->name, s->name);
	key_set(&cv->pk, &s->hash);
	key_set(&cv->sk, &s->range);
	cv->provisioned = s->provisioned;
	cv->stream = (int)s->stream;
	snprintf(num, sizeof(num), "%ld", s->rcu);
	form_set_text(&cv->rcu, s->provisioned ? num : "");
	snprintf(num, sizeof(num), "%ld", s->wcu);
	form_set_text(&cv->wcu, s->provisioned ? num : "");
	for (i = 0; i < s->nindexes && cv->nix < IX_MAX; i++) {
		const struct ddb_index_spec *ix = &s->indexes[i];
		struct cindex *c = &cv->ix[cv->nix++];
		struct ddb_buf b = DDB_BUF_INIT;
		int k;

		memset(c, 0, sizeof(*c));
		c->name = ddb_strdup(ix->name);
		c->local = ix->local;
		key_set(&c->hash, &ix->hash);
		key_set(&c->range, &ix->range);
		c->projection = ix->projection;
		for (k = 0; k < ix->ninclude; k++)
			ddb_buf_printf(&b, "%s%s", k ? ", " : "", ix->include[k]);
		c->include = ddb_strdup(ddb_buf_str(&b));
		ddb_buf_done(&b);
	}
}

struct view *view_create_new(struct tui *t, const char *name)
{
	struct create_view *cv = calloc(1, sizeof(*cv));
	struct ddb_table_spec s;
	struct ddb_error e;

	if (!cv)
		abort();
	view_init(&cv->base, &create_ops, t);
	form_init(&cv->form, t, LABEL_W, edited, cv);
	cv->name = ddb_strdup("");
	cv->pk.name = ddb_strdup("");
	cv->sk.name = ddb_strdup("");
	cv->rcu = ddb_strdup("");
	cv->wcu = ddb_strdup("");
	/* one source for the model's schema: the spec schema-load sends */
	ddb_table_spec_init(&s);
	ddb_error_clear(&e);
	if (ddb_cruddur_spec(&s, name && name[0] ? name : t->session->table, 5, 5, &e) == 0)
		fill(cv, &s);
	ddb_table_spec_done(&s);
	check_form(cv);
	form_select(&cv->form, C_CREATE, 0);
	return &cv->base;
}
