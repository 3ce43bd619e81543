/* test_keyseq.c - CSI and SS3 sequences decoded whole (tui/keyseq.c). */
#include <string.h>

#include "keymaps/keymap.h"
#include "unit.h"
#include "tui/keyseq.h"

/* Decodes the bytes of s (after ESC) one by one, as the reader does: the result once it is not
 * KEYSEQ_MORE, and how many bytes that took in *used. */
static int feed(const char *s, int *used)
{
	int seq[KEYSEQ_MAX + 8], n = 0, r = KEYSEQ_MORE;

	while (s[n] && n < KEYSEQ_MAX + 8) {
		seq[n] = (unsigned char)s[n];
		n++;
		r = keyseq_decode(seq, n);
		if (r != KEYSEQ_MORE)
			break;
	}
	*used = n;
	return r;
}

static void test_tilde(void)
{
	int used;

	CHECK(feed("[4~", &used) == KEY_CODE_END && used == 3);
	CHECK(feed("[1~", &used) == KEY_CODE_HOME);
	CHECK(feed("[7~", &used) == KEY_CODE_HOME);
	CHECK(feed("[8~", &used) == KEY_CODE_END);
	CHECK(feed("[3~", &used) == KEY_CODE_DELETE);
	CHECK(feed("[3;5~", &used) == KEY_CODE_DELETE && used == 5);
	CHECK(feed("[2~", &used) == KEY_CODE_INSERT);
	CHECK(feed("[5~", &used) == KEY_CODE_PGUP);
	CHECK(feed("[6;2~", &used) == KEY_CODE_PGDN);
	CHECK(feed("[15~", &used) == KEY_CODE_F1 + 4);
	CHECK(feed("[24~", &used) == KEY_CODE_F12);
	CHECK(feed("[99~", &used) == KEYSEQ_DROP && used == 4);
	CHECK(feed("[200~", &used) == KEYSEQ_DROP); /* bracketed paste's start */
}

static void test_letters(void)
{
	int used;

	CHECK(feed("[A", &used) == KEY_CODE_UP && used == 2);
	CHECK(feed("[1;5A", &used) == KEY_CODE_UP && used == 5); /* Ctrl-Up */
	CHECK(feed("[1;2D", &used) == KEY_CODE_LEFT);            /* Shift-Left */
	CHECK(feed("[1;3C", &used) == KEY_CODE_RIGHT);           /* Alt-Right */
	CHECK(feed("[H", &used) == KEY_CODE_HOME);
	CHECK(feed("[F", &used) == KEY_CODE_END);
	CHECK(feed("[1;5F", &used) == KEY_CODE_END);
	CHECK(feed("[Z", &used) == KEY_CODE_BTAB);
	CHECK(feed("[E", &used) == KEYSEQ_DROP);                     /* keypad 5 */
	CHECK(feed("[<0;12;5M", &used) == KEYSEQ_DROP && used == 9); /* an SGR mouse report */
	CHECK(feed("[?1;2c", &used) == KEYSEQ_DROP && used == 6);    /* a device attribute reply */
	CHECK(feed("[1;2x", &used) == KEYSEQ_DROP && used == 5);
}

static void test_ss3(void)
{
	int used;

	CHECK(feed("OA", &used) == KEY_CODE_UP);
	CHECK(feed("OF", &used) == KEY_CODE_END);
	CHECK(feed("OH", &used) == KEY_CODE_HOME);
	CHECK(feed("OP", &used) == KEY_CODE_F1);
	CHECK(feed("OS", &used) == KEY_CODE_F1 + 3);
	CHECK(feed("OM", &used) == KEY_CODE_ENTER);
	CHECK(feed("O5C", &used) == KEY_CODE_RIGHT && used == 3);
	CHECK(feed("Oz", &used) == KEYSEQ_DROP);
}

static void test_broken(void)
{
	int used, seq[KEYSEQ_MAX];

	/* a control byte inside: dropped at that byte, not read as keys */
	CHECK(feed("[1\x01", &used) == KEYSEQ_DROP && used == 3);
	/* incomplete: more */
	seq[0] = '[';
	CHECK(keyseq_decode(seq, 1) == KEYSEQ_MORE);
	seq[1] = '1';
	CHECK(keyseq_decode(seq, 2) == KEYSEQ_MORE);
	/* too long: dropped */
	{
		char buf[KEYSEQ_MAX + 4];

		buf[0] = '[';
		memset(buf + 1, '1', KEYSEQ_MAX + 1);
		buf[KEYSEQ_MAX + 2] = '\0';
		CHECK(feed(buf, &used) == KEYSEQ_DROP && used == KEYSEQ_MAX);
	}
	CHECK(keyseq_decode(seq, 0) == KEYSEQ_MORE);
}

int main(void)
{
	RUN(test_tilde);
	RUN(test_letters);
	RUN(test_ss3);
	RUN(test_broken);
	UNIT_EXIT();
}
