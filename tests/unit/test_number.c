/* test_number.c - DynamoDB numbers: what is one, the parts a number is taken into, comparison by
 * value (the order the scan view sorts in, the equality of NS members and of edited items), and
 * how text that is not a number is read. */
#include "ddb/number.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define BIG   "12345678901234567890123456789012345678"
#define BIG39 "123456789012345678901234567890123456789"

static void test_number_valid(void)
{
	static const char *const good[] = {
	    "0",
	    "-0",
	    "1",
	    "-1",
	    "1.5e3",
	    "-0.01",
	    "1.5E+3",
	    "1e-5",
	    "0.000",
	    "0e999999",
	    "1E-130",
	    "-1E-130",
	    "0.1E-129",
	    "9.9999999999999999999999999999999999999E+125",
	    "-9.9999999999999999999999999999999999999E+125",
	    BIG,
	    "-" BIG,
	    "0.00" BIG,
	    /* Leading and trailing zeros are not significant. */
	    "000" BIG,
	    BIG "000",
	    "0.000000000000000000000000000000000000000000000000001",
	    "10000000000000000000000000000000000000000000000000000000000",
	    BIG ".000",
	    ".5",
	    "5.",
	    "007",
	    "1e+5",
	    "99999999999999999999999999999999999999e88",
	};
	static const char *const bad[] = {
	    "",
	    "abc",
	    "1e200",
	    "-1e200",
	    "1E-131",
	    "1E+126",
	    "10E+125",
	    "0.01E-129",
	    BIG39,
	    "-" BIG39,
	    "1." BIG,
	    "1" BIG "e0",
	    "1.00000000000000000000000000000000000001",
	    "-",
	    ".",
	    "1e",
	    "e5",
	    "+1",
	    " 1",
	    "1 ",
	    "1.2.3",
	    "0x10",
	    "NaN",
	    "Infinity",
	    "--1",
	    "1e+",
	    "1,5",
	    "1e5.5",
	    "99999999999999999999999999999999999999e89",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!ddb_number_valid(good[i])) {
			printf("  rejected %s\n", good[i]);
			unit_case_failed = 1;
		}
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ddb_number_valid(bad[i])) {
			printf("  accepted %s\n", bad[i]);
			unit_case_failed = 1;
		}
	}
	CHECK(!ddb_number_valid(NULL));
}

/* The words that say why, the first that applies: a '+' before the number makes it no number
 * even with 39 digits; 39 digits are said before an exponent or text that follows. */
static void test_reasons(void)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
	    {"1", NULL},
	    {NULL, "is not a number"},
	    {"", "is not a number"},
	    {"+1", "is not a number"},
	    {"+" BIG39, "is not a number"},
	    {BIG39, "has more than 38 significant digits"},
	    {BIG39 "e-200", "has more than 38 significant digits"},
	    {BIG39 "x", "has more than 38 significant digits"},
	    {"1e", "is not a number"},
	    {"1e+", "is not a number"},
	    {"1x", "is not a number"},
	    {"1E+126", "is out of range"},
	    {"1E-131", "is out of range"},
	    {"0E+999999999999999999999", NULL},
	};
	struct ddb_number n;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = ddb_number_parse(cases[i].text, &n);

		if (cases[i].why ? !why || strcmp(why, cases[i].why) != 0 : why != NULL) {
			printf("  [%s]: got %s, expected %s\n",
			       cases[i].text ? cases[i].text : "NULL", why ? why : "NULL",
			       cases[i].why ? cases[i].why : "NULL");
			unit_case_failed = 1;
		}
	}
}

/* sign x d1.d2...dn x 10^exp, with no leading or trailing zero digit; zero is all zeros. */
static int parts(const char *text, int sign, const char *digits, long long exp)
{
	struct ddb_number n;

	ddb_number_parse(text, &n);
	if (n.sign == sign && strcmp(n.digits, digits) == 0 && n.ndigits == strlen(digits) &&
	    n.exp == exp)
		return 1;
	printf("  [%s]: sign %d digits %s (%zu) exp %lld\n", text, n.sign, n.digits, n.ndigits,
	       n.exp);
	return 0;
}

static void test_parts(void)
{
	CHECK(parts("0", 0, "", 0));
	CHECK(parts("-0", 0, "", 0));
	CHECK(parts("-0.000e12", 0, "", 0));
	CHECK(parts("1", 1, "1", 0));
	CHECK(parts("-1", -1, "1", 0));
	CHECK(parts("1.50", 1, "15", 0));
	CHECK(parts("15E-1", 1, "15", 0));
	CHECK(parts("007", 1, "7", 0));
	CHECK(parts("0.0015", 1, "15", -3));
	CHECK(parts(".5", 1, "5", -1));
	CHECK(parts("5.", 1, "5", 0));
	CHECK(parts("100", 1, "1", 2));
	CHECK(parts("1E38", 1, "1", 38));
	CHECK(parts("1E-130", 1, "1", -130));
	CHECK(parts("9.9999999999999999999999999999999999999E+125", 1,
	            "99999999999999999999999999999999999999", 125));
	CHECK(parts("-" BIG "000", -1, BIG, 40));
	CHECK(parts("0.00" BIG, 1, BIG, -3));
	{
		/* 39 digits (not a number): all counted, 38 kept */
		struct ddb_number n;

		ddb_number_parse("1" BIG, &n);
		CHECK(n.ndigits == 39 &&
		      strcmp(n.digits, "11234567890123456789012345678901234567") == 0);
	}
}

/* Groups of equal values, in increasing order: every pair compares as the groups do. */
static void test_order(void)
{
	static const char *const groups[][6] = {
	    {"-9.9999999999999999999999999999999999999E+125"},
	    {"-1E+125", "-10E124", "-0.1E126"},
	    {"-" BIG},
	    {"-100", "-1E2", "-100.000", "-0001e+2"},
	    {"-1.5", "-1.50", "-15e-1"},
	    {"-1", "-1.0", "-1E0"},
	    {"-1E-130"},
	    {"0", "-0", "0.000", "0e99", "-0.0E-999", ".0"},
	    {"1E-130", "0.1E-129", "10e-131"},
	    {"1.5E-130"},
	    {"1E-129"},
	    {"0.001", "1e-3", ".001"},
	    {"1", "1.0", "1.0000000000000000000000000000000000000", "001", "1."},
	    {"1.00000000000000000000000000000000000001"}, /* 39 digits */
	    {"1.5", "1.50", "15E-1", "0.15e1"},
	    {"7", "007", "7.000"},
	    {"100", "1E2", "1e+2", "0.1e3"},
	    {BIG},
	    {"99999999999999999999999999999999999999"},
	    {"1E38", "100000000000000000000000000000000000000"},
	    {"9.9999999999999999999999999999999999999E+125"},
	};
	size_t ng = sizeof(groups) / sizeof(groups[0]), g, h, i, j;

	for (g = 0; g < ng; g++)
		for (i = 0; i < 6 && groups[g][i]; i++)
			for (h = 0; h < ng; h++)
				for (j = 0; j < 6 && groups[h][j]; j++) {
					int want = g < h ? -1 : g > h;
					int got = ddb_number_text_cmp(groups[g][i], groups[h][j]);

					if (got != want) {
						printf("  %s vs %s: %d, expected %d\n",
						       groups[g][i], groups[h][j], got, want);
						unit_case_failed = 1;
					}
				}
}

/* Text that is not a number is read as far as it is one (zero if not at all), so comparing it
 * never fails and never overflows. */
static void test_malformed(void)
{
	static const char *const as_12[] = {"12abc", "12e", "12e+",  "12E-",
	                                    "12 ",   "+12", "12.0x", "12,5"};
	static const char *const as_0[] = {"",   "abc", "-",   "+",  ".",   "-.",
	                                   "e5", "--5", "NaN", " 1", "0x10"};
	struct ddb_number n;
	size_t i;

	for (i = 0; i < sizeof(as_12) / sizeof(as_12[0]); i++) {
		if (ddb_number_text_cmp(as_12[i], "12") != 0) {
			printf("  [%s] is not read as 12\n", as_12[i]);
			unit_case_failed = 1;
		}
	}
	for (i = 0; i < sizeof(as_0) / sizeof(as_0[0]); i++) {
		if (ddb_number_text_cmp(as_0[i], "0") != 0) {
			printf("  [%s] is not read as 0\n", as_0[i]);
			unit_case_failed = 1;
		}
	}
	CHECK(ddb_number_text_cmp(NULL, "0") == 0);
	CHECK(ddb_number_text_cmp(NULL, NULL) == 0);
	CHECK(ddb_number_text_cmp("1.2.3", "1.2") == 0);
	CHECK(ddb_number_text_cmp("1e5x", "1e5") == 0);
	CHECK(ddb_number_text_cmp("-+5", "0") == 0);
	/* out of range, or beyond any exponent: still ordered */
	CHECK(ddb_number_text_cmp("1e126", "9.9999999999999999999999999999999999999E+125") > 0);
	CHECK(ddb_number_text_cmp("1e-131", "1e-130") < 0);
	CHECK(ddb_number_text_cmp("1e99999999999999999999999999", "1e200") > 0);
	CHECK(ddb_number_text_cmp("-1e99999999999999999999999999", "-1e200") < 0);
	CHECK(ddb_number_text_cmp("1e-99999999999999999999999999", "0") > 0);
	ddb_number_parse("1e99999999999999999999999999", &n);
	CHECK(n.exp > 1000000000LL && n.exp < 100000000000LL);
	/* more than 38 digits: larger than the 38 kept */
	CHECK(ddb_number_text_cmp(BIG "9", BIG "0") > 0);
	CHECK(ddb_number_text_cmp(BIG "9", BIG "9") == 0);
}

int main(void)
{
	RUN(test_number_valid);
	RUN(test_reasons);
	RUN(test_parts);
	RUN(test_order);
	RUN(test_malformed);
	UNIT_EXIT();
}
