/* keyseq.c - CSI and SS3 key sequences decoded whole (keyseq.h). */
#include "tui/keyseq.h"

#include "keymaps/keymap.h"

/* The final byte of a cursor key or of SS3's F1-F4, Enter: the key, or KEYSEQ_DROP. */
static int letter_key(int c)
{
	switch (c) {
	case 'A':
		return KEY_CODE_UP;
	case 'B':
		return KEY_CODE_DOWN;
	case 'C':
		return KEY_CODE_RIGHT;
	case 'D':
		return KEY_CODE_LEFT;
	case 'H':
		return KEY_CODE_HOME;
	case 'F':
		return KEY_CODE_END;
	case 'P':
	case 'Q':
	case 'R':
	case 'S':
		return KEY_CODE_F1 + (c - 'P');
	default:
		return KEYSEQ_DROP;
	}
}

/* ESC [ N ~ (the vt220 keys; rxvt's 7 and 8 for Home and End). */
static int tilde_key(int n)
{
	switch (n) {
	case 1:
	case 7:
		return KEY_CODE_HOME;
	case 2:
		return KEY_CODE_INSERT;
	case 3:
		return KEY_CODE_DELETE;
	case 4:
	case 8:
		return KEY_CODE_END;
	case 5:
		return KEY_CODE_PGUP;
	case 6:
		return KEY_CODE_PGDN;
	default:
		break;
	}
	if (n >= 11 && n <= 15)
		return KEY_CODE_F1 + (n - 11);
	if (n >= 17 && n <= 21)
		return KEY_CODE_F1 + 5 + (n - 17);
	if (n == 23 || n == 24)
		return KEY_CODE_F1 + 10 + (n - 23);
	return KEYSEQ_DROP;
}

static int csi(const int *seq, int n)
{
	int i, first = 0, c, have = 0;

	/* parameter bytes 0x30-0x3f, intermediates 0x20-0x2f, then the final 0x40-0x7e */
	for (i = 1; i < n && seq[i] >= 0x30 && seq[i] <= 0x3f; i++) {
		if (seq[i] >= '0' && seq[i] <= '9' && first < 1000 && have < 2) {
			first = first * 10 + (seq[i] - '0');
			have = 1;
		} else if (have) {
			have = 2; /* past the first parameter */
		}
	}
	while (i < n && seq[i] >= 0x20 && seq[i] <= 0x2f)
		i++;
	if (i == n)
		return n >= KEYSEQ_MAX ? KEYSEQ_DROP : KEYSEQ_MORE;
	c = seq[i];
	if (c < 0x40 || c > 0x7e || i != n - 1)
		return KEYSEQ_DROP; /* not a sequence: a control byte in it */
	if (n > 2 && (seq[1] == '<' || seq[1] == '=' || seq[1] == '>' || seq[1] == '?'))
		return KEYSEQ_DROP; /* private: mouse reports, replies to queries */
	if (c == '~')
		return tilde_key(first);
	if (c == 'Z')
		return KEY_CODE_BTAB;
	return letter_key(c);
}

int keyseq_decode(const int *seq, int n)
{
	int i;

	if (n < 1)
		return KEYSEQ_MORE;
	if (seq[0] == '[')
		return n < 2 ? KEYSEQ_MORE : csi(seq, n);
	if (seq[0] != 'O')
		return KEYSEQ_DROP;
	/* SS3, with the modifier digits some terminals put before the final (ESC O 5 A) */
	for (i = 1; i < n && seq[i] >= '0' && seq[i] <= '9'; i++)
		;
	if (i == n)
		return n >= KEYSEQ_MAX ? KEYSEQ_DROP : KEYSEQ_MORE;
	if (i != n - 1)
		return KEYSEQ_DROP;
	if (seq[i] == 'M')
		return KEY_CODE_ENTER;
	return letter_key(seq[i]);
}
