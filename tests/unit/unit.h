/* unit.h - a tiny unit-test harness: each case prints "PASS name" or "FAIL name: why". */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_cases;
static int unit_case_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);          \
			unit_case_failed = 1;                                                      \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *unit_a_ = (a), *unit_b_ = (b);                                         \
		if (!unit_a_ || !unit_b_ || strcmp(unit_a_, unit_b_) != 0) {                       \
			printf("  %s:%d: %s\n    got:      [%s]\n    expected: [%s]\n", __FILE__,  \
			       __LINE__, #a, unit_a_ ? unit_a_ : "(null)",                         \
			       unit_b_ ? unit_b_ : "(null)");                                      \
			unit_case_failed = 1;                                                      \
		}                                                                                  \
	} while (0)

#define RUN(fn)                                                                                    \
	do {                                                                                       \
		unit_case_failed = 0;                                                              \
		fn();                                                                              \
		printf("%s %s\n", unit_case_failed ? "FAIL" : "PASS", #fn);                        \
		unit_failed_cases += unit_case_failed;                                             \
	} while (0)

/* A case that runs with a label instead of its function name (table-driven tests). */
#define RUN_NAMED(label, call)                                                                     \
	do {                                                                                       \
		unit_case_failed = 0;                                                              \
		call;                                                                              \
		printf("%s %s\n", unit_case_failed ? "FAIL" : "PASS", label);                      \
		unit_failed_cases += unit_case_failed;                                             \
	} while (0)

#define UNIT_EXIT() return unit_failed_cases ? 1 : 0

#endif
