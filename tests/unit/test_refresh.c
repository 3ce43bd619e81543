/* test_refresh.c - the queue's decisions that need no network: the retry quota's arithmetic
 * (botocore's RetryQuota of the standard mode) and the credential refresh windows (botocore's
 * RefreshableCredentials: advisory at 15 min left, mandatory at 10, the tries rate-limited). The
 * refresh itself, over the wire, is tests/integ/refresh.sh; the quota's run-out, retry.py. */
#include "ddb/queue.h"

#include "unit.h"

static void test_quota_costs(void)
{
	int tokens = DDB_RETRY_QUOTA_MAX;

	CHECK(ddb_retry_quota_acquire(&tokens, 0) == 5);
	CHECK(tokens == 495);
	CHECK(ddb_retry_quota_acquire(&tokens, 1) == 10);
	CHECK(tokens == 485);
	ddb_retry_quota_release(&tokens, 10); /* success after a timeout retry */
	CHECK(tokens == 495);
	ddb_retry_quota_release(&tokens, 0); /* success without a retry */
	CHECK(tokens == 496);
	ddb_retry_quota_release(&tokens, 5);
	ddb_retry_quota_release(&tokens, 0);
	CHECK(tokens == 500); /* capped */
}

static void test_quota_runs_out(void)
{
	int tokens = 7, cost;

	CHECK(ddb_retry_quota_acquire(&tokens, 1) == 0); /* 10 > 7: nothing taken */
	CHECK(tokens == 7);
	CHECK(ddb_retry_quota_acquire(&tokens, 0) == 5);
	CHECK(ddb_retry_quota_acquire(&tokens, 0) == 0);
	CHECK(tokens == 2);
	/* the scan of retry.py: pages that fail 4 times then succeed; the page that runs out */
	tokens = DDB_RETRY_QUOTA_MAX;
	{
		int page, failed_page = 0, sends = 0;

		for (page = 1; page <= 40 && !failed_page; page++) {
			int retries;

			cost = 0;
			sends++;
			for (retries = 0; retries < 4; retries++) {
				cost = ddb_retry_quota_acquire(&tokens, 0);
				if (!cost)
					break;
				sends++;
			}
			if (retries < 4)
				failed_page = page;
			else
				ddb_retry_quota_release(&tokens, cost);
		}
		CHECK(failed_page == 34);
		CHECK(sends == 33 * 5 + 2);
		CHECK(tokens == 0);
	}
}

static void test_windows(void)
{
	long long now = 1000000;

	CHECK(ddb_refresh_need(0, now, 900, 600) == DDB_REFRESH_NONE);
	CHECK(ddb_refresh_need(now + 901, now, 900, 600) == DDB_REFRESH_NONE);
	CHECK(ddb_refresh_need(now + 900, now, 900, 600) == DDB_REFRESH_NONE);
	CHECK(ddb_refresh_need(now + 899, now, 900, 600) == DDB_REFRESH_ADVISORY);
	CHECK(ddb_refresh_need(now + 600, now, 900, 600) == DDB_REFRESH_ADVISORY);
	CHECK(ddb_refresh_need(now + 599, now, 900, 600) == DDB_REFRESH_MANDATORY);
	CHECK(ddb_refresh_need(now + 1, now, 900, 600) == DDB_REFRESH_MANDATORY);
	CHECK(ddb_refresh_need(now, now, 900, 600) == DDB_REFRESH_EXPIRED);
	CHECK(ddb_refresh_need(now - 5, now, 900, 600) == DDB_REFRESH_EXPIRED);
}

static void test_rate_limit(void)
{
	CHECK(!ddb_refresh_may_try(DDB_REFRESH_NONE, 0, -1, 0));
	CHECK(ddb_refresh_may_try(DDB_REFRESH_ADVISORY, 0, -1, 0)); /* first try at once */
	CHECK(!ddb_refresh_may_try(DDB_REFRESH_ADVISORY, 0, 1000, 30999));
	CHECK(ddb_refresh_may_try(DDB_REFRESH_ADVISORY, 0, 1000, 31000));
	CHECK(!ddb_refresh_may_try(DDB_REFRESH_MANDATORY, 0, 1000, 5999));
	CHECK(ddb_refresh_may_try(DDB_REFRESH_MANDATORY, 0, 1000, 6000));
	CHECK(ddb_refresh_may_try(DDB_REFRESH_EXPIRED, 0, 1000, 6000));
	/* an ExpiredToken answer forces one, at the mandatory pace */
	CHECK(ddb_refresh_may_try(DDB_REFRESH_NONE, 1, -1, 0));
	CHECK(!ddb_refresh_may_try(DDB_REFRESH_NONE, 1, 1000, 2000));
	CHECK(ddb_refresh_may_try(DDB_REFRESH_ADVISORY, 1, 1000, 6000));
}

int main(void)
{
	RUN(test_quota_costs);
	RUN(test_quota_runs_out);
	RUN(test_windows);
	RUN(test_rate_limit);
	UNIT_EXIT();
}
