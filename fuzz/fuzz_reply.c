/* fuzz_reply.c - ddb_reply_classify, the queue's decision on an HTTP answer, with an arbitrary
 * status and body. Input: two bytes of status (big-endian, taken modulo 600, so 0..599), then the
 * body, handed over NUL-terminated as the queue's ddb_buf does. Asserted (ddb/queue.h):
 * - 0 (done, no retry) with no error exactly for 200 with a JSON object;
 * - 200 without one: DDB_ERR_PARSE, retryable;
 * - 200 whose body holds a \u0000 escape (found here independently): DDB_ERR_PARSE, no JSON, not
 *   retryable (cJSON would cut the string);
 * - any other status: DDB_ERR_SERVICE with that http_status, a non-empty type without '#', a
 *   non-empty message; 5xx always retryable;
 * - the parsed JSON (if any) prints. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/queue.h"
#include "fuzz/fuzz.h"

/* A \u0000 escape in body, found apart from ddb/json.c: a backslash escapes the next byte. */
static int has_nul_escape(const char *body, size_t len)
{
	size_t i;
	int escaped = 0;

	for (i = 0; i < len; i++) {
		if (escaped) {
			if (body[i] == 'u' && len - i >= 5 && memcmp(body + i + 1, "0000", 4) == 0)
				return 1;
			escaped = 0;
		} else if (body[i] == '\\') {
			escaped = 1;
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddb_error err;
	cJSON *json = NULL;
	long status;
	char *body, *text;
	size_t len;
	int retry;

	if (size < 2)
		return 0;
	status = (long)(((unsigned)data[0] << 8 | data[1]) % 600);
	len = size - 2;
	body = fuzz_strndup(data + 2, len);
	memset(&err, 0x5a, sizeof(err)); /* garbage in: the function must clear it */
	retry = ddb_reply_classify("GetItem", status, body, len, &json, &err);
	FUZZ_CHECK(retry == 0 || retry == 1);
	FUZZ_CHECK(memchr(err.type, '\0', sizeof(err.type)) != NULL);
	FUZZ_CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL);
	if (status == 200 && has_nul_escape(body, len)) {
		/* a string would be cut at the NUL: refused, not retried, nothing handed over */
		FUZZ_CHECK(retry == 0 && json == NULL);
		FUZZ_CHECK(err.kind == DDB_ERR_PARSE && err.http_status == 200);
	} else if (status == 200 && cJSON_IsObject(json)) {
		FUZZ_CHECK(retry == 0);
		FUZZ_CHECK(err.kind == DDB_ERR_NONE && err.http_status == 0 && !err.type[0] &&
			   !err.message[0]);
	} else if (status == 200) {
		FUZZ_CHECK(retry == 1);
		FUZZ_CHECK(err.kind == DDB_ERR_PARSE && err.http_status == 200);
		FUZZ_CHECK(strncmp(err.message, "GetItem: ", 9) == 0);
	} else {
		FUZZ_CHECK(err.kind == DDB_ERR_SERVICE && err.http_status == status);
		FUZZ_CHECK(err.type[0] && strchr(err.type, '#') == NULL);
		FUZZ_CHECK(err.message[0]);
		if (status >= 500)
			FUZZ_CHECK(retry == 1);
	}
	if (json) {
		text = cJSON_PrintUnformatted(json);
		FUZZ_CHECK(text != NULL);
		cJSON_free(text);
		cJSON_Delete(json);
	}
	free(body);
	return 0;
}
