/* keymap.h - actions declared once (name, help text), key codes and their names, and bindings
 * as data: (context, key) -> action. The defaults are a compiled-in key file read by the same
 * parser as the user's (~/.config/ddbtui/keys). No curses here: the terminal layer translates
 * its keys into these codes.
 *
 * Key file syntax, one statement a line, '#' starts a comment:
 *   bind CONTEXT KEY ACTION      e.g.  bind generic q quit     bind scan C-l load-all
 *   unbind CONTEXT KEY
 * A later bind of the same context and key replaces the earlier one (the user's file is read
 * after the defaults). unbind removes a context's own binding, so a generic one shows through
 * again; the action "none" (bind scan q none) hides a generic binding in one context. A '#' that
 * begins a word starts a comment, except as the KEY: "bind generic # help" binds '#'.
 * Keys: a printable character ("q", "?", "é"), or a name: Enter Esc Tab S-Tab Backspace Space
 * Up Down Left Right PgUp PgDn Home End Insert Delete F1..F12, or C-x for Ctrl with a letter
 * (names in any case; also Return Escape PageUp PageDown, U+XXXX for any code point).
 * Contexts: generic (fallback for all), tables, scan, item, describe, conversations, messages,
 * seed, help, log, query (the query builder), create (the create-table form), review (the
 * changes of an edit before they are written, and a conflict). */
#ifndef KEYMAP_H
#define KEYMAP_H

#include <stddef.h>

/* X(ENUM, "name", "help text") - every action, once. */
#define KEYMAP_ACTIONS(X)                                                                          \
	X(QUIT, "quit", "Quit ddbtui (asks if writing)")                                           \
	X(QUIT_NOW, "quit-now", "Quit at once, cancelling writes")                                 \
	X(SUSPEND, "suspend", "Suspend to the shell (fg)")                                         \
	X(HELP, "help", "Show the key bindings")                                                   \
	X(BACK, "back", "Close the view, go back")                                                 \
	X(CANCEL, "cancel", "Cancel the running operation (twice: quit)")                          \
	X(FOCUS_NEXT, "focus-next", "Focus the next pane")                                         \
	X(FOCUS_PREV, "focus-prev", "Focus the previous pane")                                     \
	X(FOCUS_TABLES, "focus-tables", "Focus the tables pane")                                   \
	X(FOCUS_MAIN, "focus-main", "Focus the main view")                                         \
	X(FOCUS_ITEM, "focus-item", "Show the item inspector")                                     \
	X(FOCUS_CONVERSATIONS, "focus-conversations", "Show the conversation browser")             \
	X(MOVE_DOWN, "move-down", "Move down")                                                     \
	X(MOVE_UP, "move-up", "Move up")                                                           \
	X(PAGE_DOWN, "page-down", "Move down a page")                                              \
	X(PAGE_UP, "page-up", "Move up a page")                                                    \
	X(MOVE_FIRST, "move-first", "Go to the first line")                                        \
	X(MOVE_LAST, "move-last", "Go to the last line")                                           \
	X(SCROLL_LEFT, "scroll-left", "Scroll left")                                               \
	X(SCROLL_RIGHT, "scroll-right", "Scroll right")                                            \
	X(WRAP_LINES, "wrap-lines",                                                                \
	  "Wrap long lines in a text view, or scroll them sideways again")                         \
	X(OPEN, "open", "Open the selected entry")                                                 \
	X(FILTER, "filter", "Filter the loaded rows")                                              \
	X(COMMAND, "command", "Enter a command (:scan TABLE, :q, ...)")                            \
	X(REFRESH, "refresh", "Reload the view")                                                   \
	X(SCAN, "scan", "Scan the selected table")                                                 \
	X(DESCRIBE, "describe", "Describe the selected table")                                     \
	X(TOGGLE_RAW, "toggle-raw", "Switch between DynamoDB JSON and plain JSON")                 \
	X(COPY, "copy", "Copy to the clipboard (OSC 52)")                                          \
	X(CONVERSATIONS, "conversations", "Open the conversation browser")                         \
	X(NEW_MESSAGE, "new-message", "Write a message")                                           \
	X(NEW_CONVERSATION, "new-conversation", "Start a conversation with another user")          \
	X(SEED_WIZARD, "seed-wizard", "Open the seed wizard")                                      \
	X(JUMP, "jump", "Jump to the table whose name starts with what is typed")                  \
	X(PANE_NARROWER, "pane-narrower", "Make the tables pane narrower (remembered)")            \
	X(PANE_WIDER, "pane-wider", "Make the tables pane wider (remembered)")                     \
	X(DROP_TABLE, "drop-table", "Drop the selected table")                                     \
	X(RECREATE, "recreate", "Drop and recreate the model's table")                             \
	X(SCHEMA_LOAD, "schema-load", "Create the model's table")                                  \
	X(LOAD_MORE, "load-more", "Load the next page")                                            \
	X(LOAD_ALL, "load-all", "Load every page")                                                 \
	X(SORT, "sort", "Sort by the selected column (again: reverse)")                            \
	X(COLUMN_NEXT, "column-next", "Select the next column")                                    \
	X(COLUMN_PREV, "column-prev", "Select the previous column")                                \
	X(COLUMNS, "columns",                                                                      \
	  "Choose the columns: Space shows/hides, J/K move, p pins, r resets (kept per table)")    \
	X(FIT_COLUMNS, "fit-columns", "Fit the column widths to the rows on screen")               \
	X(REQUEST_LOG, "request-log", "Show the request log")                                      \
	X(CHOOSE_USER, "choose-user", "Choose whose conversations to browse")                      \
	X(ADD_USER, "add-user", "Add a user to the users directory")                               \
	X(START_SEED, "start-seed", "Write the seed conversation")                                 \
	X(EDIT_ITEM, "edit-item", "Edit the item in $VISUAL/$EDITOR")                              \
	X(NEW_ITEM, "new-item", "Write a new item (a template with the key attributes)")           \
	X(DUPLICATE_ITEM, "duplicate-item", "Write a copy of the item under a new key")            \
	X(DELETE_ITEM, "delete-item", "Delete the item (the marked rows, if any)")                 \
	X(MARK, "mark", "Mark or unmark the row, move down")                                       \
	X(MARK_RANGE, "mark-range", "Mark the rows from the last mark to the cursor")              \
	X(MARK_ALL, "mark-all", "Mark every row shown (again: unmark them)")                       \
	X(UNDO, "undo", "Undo the last write to this table (says what, then asks)")                \
	X(QUERY, "query", "Open the query builder for the selected table")                         \
	X(CREATE_TABLE, "create-table", "Open the create-table form")                              \
	X(ADD_LINE, "add-line", "Add a line to the form (a filter, an index)")                     \
	X(REMOVE_LINE, "remove-line", "Remove the selected line of the form")                      \
	X(RUN, "run", "Run the form (the query, the CreateTable)")                                 \
	X(EXPORT, "export", "Export the table to a file (asks for the file)")                      \
	X(IMPORT, "import", "Import a file into the selected table (asks for the file)")           \
	X(SAVE_SCREEN, "save-screen", "Write the screen as text to a file (asks for the file)")    \
	X(SAVE, "save", "Write the reviewed changes")                                              \
	X(DISCARD, "discard", "Discard the edit: nothing is written")                              \
	X(MERGE, "merge", "Merge your changes into the current version (a conflict)")

enum keymap_action {
	ACT_NONE = 0,
#define KEYMAP_ENUM_(e, name, help) ACT_##e,
	KEYMAP_ACTIONS(KEYMAP_ENUM_)
#undef KEYMAP_ENUM_
	    ACT__COUNT
};

#define KEYMAP_CONTEXTS(X)                                                                         \
	X(GENERIC, "generic")                                                                      \
	X(TABLES, "tables")                                                                        \
	X(SCAN, "scan")                                                                            \
	X(ITEM, "item")                                                                            \
	X(DESCRIBE, "describe")                                                                    \
	X(CONVERSATIONS, "conversations")                                                          \
	X(MESSAGES, "messages")                                                                    \
	X(SEED, "seed")                                                                            \
	X(HELP, "help")                                                                            \
	X(LOG, "log")                                                                              \
	X(QUERY, "query")                                                                          \
	X(CREATE, "create")                                                                        \
	X(REVIEW, "review")

enum keymap_ctx {
#define KEYMAP_CTX_ENUM_(e, name) CTX_##e,
	KEYMAP_CONTEXTS(KEYMAP_CTX_ENUM_)
#undef KEYMAP_CTX_ENUM_
	    CTX__COUNT
};

/* Key codes: Unicode code points for characters (Ctrl-letter is its ASCII control code: C-c is
 * 3; Enter is 13, Tab 9, Esc 27, Backspace 127); other keys above the Unicode range. */
enum {
	KEY_CODE_ENTER = 13,
	KEY_CODE_TAB = 9,
	KEY_CODE_ESC = 27,
	KEY_CODE_BACKSPACE = 127,
	KEY_CODE_SPECIAL = 0x110000,
	KEY_CODE_UP = KEY_CODE_SPECIAL,
	KEY_CODE_DOWN,
	KEY_CODE_LEFT,
	KEY_CODE_RIGHT,
	KEY_CODE_PGUP,
	KEY_CODE_PGDN,
	KEY_CODE_HOME,
	KEY_CODE_END,
	KEY_CODE_INSERT,
	KEY_CODE_DELETE,
	KEY_CODE_BTAB, /* Shift-Tab, named S-Tab */
	KEY_CODE_RESIZE,
	KEY_CODE_F1, /* F1..F12 follow */
	KEY_CODE_F12 = KEY_CODE_F1 + 11,
};

/* The :commands. Each is an action with an argument: a key bound to the action and the command
 * do the same (the dispatcher, tui/dispatch.c). args names the argument in help: "" for none,
 * "[TABLE]" optional, "FILE" required (a key bound to such an action asks for it). A command
 * may have several names (q, quit). The help screen, the man page and completion list them
 * from here. */
struct keymap_command {
	const char *name; /* "scan" */
	enum keymap_action action;
	const char *args; /* "[TABLE]" */
	const char *help;
};
/* Every command, the end marked by a NULL name. */
extern const struct keymap_command keymap_commands[];
/* The command of that name; NULL if none. */
const struct keymap_command *keymap_command_find(const char *name);
/* The first command of an action; NULL if it has none. */
const struct keymap_command *keymap_command_of(enum keymap_action a);
/* The command after the run that starts at c of the commands sharing its action and argument
 * (q, quit, q!): the help and the man page show such a run as one entry. */
const struct keymap_command *keymap_command_group_end(const struct keymap_command *c);
/* Whether the command's argument is required (args not empty, not in brackets). */
int keymap_command_needs_arg(const struct keymap_command *c);

const char *keymap_action_name(enum keymap_action a);
const char *keymap_action_help(enum keymap_action a);
enum keymap_action keymap_action_from_name(const char *name); /* ACT_NONE if unknown */
const char *keymap_ctx_name(enum keymap_ctx c);
int keymap_ctx_from_name(const char *name); /* -1 if unknown */

/* "q", "Enter", "C-c", "é", "F5"; buf holds at least 16 bytes. Returns buf. */
char *keymap_key_name(int key, char *buf, size_t size);
/* Parses a key name; -1 if not a key. */
int keymap_key_parse(const char *name);

struct keymap;

struct keymap *keymap_new(void); /* no bindings */
void keymap_free(struct keymap *km);

/* Parses key-file text (source names the file in errors). On error returns -1 and writes
 * "SOURCE:LINE: unknown action 'x'" (and the like) into err (size errlen); the bindings parsed
 * before the bad line stay. */
int keymap_parse(struct keymap *km, const char *text, size_t len, const char *source, char *err,
                 size_t errlen);
/* The compiled-in defaults (keymaps/default.keys), parsed. */
int keymap_load_defaults(struct keymap *km, char *err, size_t errlen);
/* A user's key file; a missing file is not an error (returns 0). */
int keymap_load_file(struct keymap *km, const char *path, char *err, size_t errlen);
/* The default key file's text (for the man page and `--keys`). */
const char *keymap_default_text(void);

void keymap_bind(struct keymap *km, enum keymap_ctx ctx, int key, enum keymap_action a);
void keymap_unbind(struct keymap *km, enum keymap_ctx ctx, int key);
/* The action of key in ctx, falling back to generic; ACT_NONE if unbound. */
enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_ctx ctx, int key);

/* Visits every binding of a context (not the generic fallback), in the order they were bound,
 * for the help screen. */
typedef void keymap_visit_fn(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud);
void keymap_each(const struct keymap *km, enum keymap_ctx ctx, keymap_visit_fn *fn, void *ud);
/* The keys bound to an action in ctx (not generic), as "j, Down"; "" if none. */
void keymap_keys_for(const struct keymap *km, enum keymap_ctx ctx, enum keymap_action a, char *buf,
                     size_t size);

#endif
