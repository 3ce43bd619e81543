/* test_config.c - credentials, region and endpoint resolution against temp AWS files and a fake
 * environment (the process environment is never touched). */
#include "ddb/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddb/error.h"
#include "unit.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY"

static char tmp_dir[] = "/tmp/ddbtui-test-config.XXXXXX";
static char aws_dir[256];

/* The fake environment: name/value pairs, read through fake_getenv. */
static struct {
	const char *name;
	const char *value;
} env_tab[32];
static size_t env_n;

static const char *fake_getenv(const char *name)
{
	size_t i;

	for (i = 0; i < env_n; i++)
		if (strcmp(env_tab[i].name, name) == 0)
			return env_tab[i].value;
	return NULL;
}

static void env_set(const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < env_n; i++)
		if (strcmp(env_tab[i].name, name) == 0) {
			env_tab[i].value = value;
			return;
		}
	if (env_n < sizeof(env_tab) / sizeof(env_tab[0])) {
		env_tab[env_n].name = name;
		env_tab[env_n].value = value;
		env_n++;
	}
}

static void env_unset(const char *name)
{
	size_t i;

	for (i = 0; i < env_n; i++)
		if (strcmp(env_tab[i].name, name) == 0) {
			env_tab[i] = env_tab[--env_n];
			return;
		}
}

/* Files a case may write; all removed between cases. */
static const char *const file_names[] = {
    ".aws/credentials", ".aws/config", "alt-credentials", "alt-config", "big-config",
};

static const char *path_of(const char *rel)
{
	static char path[4][512];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", tmp_dir, rel);
	return p;
}

static void write_file(const char *rel, const char *text)
{
	FILE *f = fopen(path_of(rel), "w");

	if (!f) {
		perror(path_of(rel));
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* Every case starts from an empty environment (HOME = the temp dir) and no AWS files. */
static void reset(void)
{
	size_t i;

	env_n = 0;
	env_set("HOME", tmp_dir);
	for (i = 0; i < sizeof(file_names) / sizeof(file_names[0]); i++)
		unlink(path_of(file_names[i]));
}

static struct ddb_config_opts opts_none(void)
{
	struct ddb_config_opts o = {0};

	o.getenv_fn = fake_getenv;
	return o;
}

static int load(struct ddb_config *cfg, const struct ddb_config_opts *o, struct ddb_error *err)
{
	return ddb_config_load(cfg, o, err);
}

/* Loads expecting failure of kind; checks the message and that cfg was left empty. */
static void expect_fail(const struct ddb_config_opts *o, enum ddb_error_kind kind,
                        const char *message)
{
	struct ddb_config cfg;
	struct ddb_error err;

	CHECK(load(&cfg, o, &err) == -1);
	CHECK(err.kind == kind);
	if (message)
		CHECK_STR(err.message, message);
	CHECK(strstr(err.message, SECRET) == NULL);
	CHECK(cfg.access_key == NULL && cfg.secret_key == NULL && cfg.endpoint == NULL);
	ddb_config_done(&cfg);
}

static void test_env_creds(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIAENV");
	CHECK_STR(cfg.secret_key, SECRET);
	CHECK(cfg.session_token == NULL);
	CHECK_STR(cfg.creds_source, "environment");
	CHECK(cfg.placeholder_creds == 0);
	CHECK_STR(cfg.profile, "default");
	CHECK_STR(cfg.endpoint, "http://localhost:8000");
	CHECK_STR(cfg.endpoint_source, "default");
	CHECK_STR(cfg.region, "us-east-1");
	CHECK(cfg.loopback == 1);
	CHECK(cfg.ca_bundle == NULL);
	CHECK(cfg.max_attempts == 0);
	ddb_config_done(&cfg);
	ddb_config_done(&cfg); /* done twice is harmless */
}

static void test_env_session_token(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "ASIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	env_set("AWS_SESSION_TOKEN", "FwoGZXIvYXdzEtoken");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.session_token, "FwoGZXIvYXdzEtoken");
	CHECK_STR(cfg.creds_source, "environment");
	ddb_config_done(&cfg);

	/* an empty token is no token */
	env_set("AWS_SESSION_TOKEN", "");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.session_token == NULL);
	ddb_config_done(&cfg);
}

static void test_env_partial(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	expect_fail(&o, DDB_ERR_CONFIG,
	            "partial credentials in the environment: AWS_ACCESS_KEY_ID is set but "
	            "AWS_SECRET_ACCESS_KEY is not");
	/* a secret alone is ignored, as botocore's EnvProvider does */
	reset();
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.creds_source, "placeholder");
	ddb_config_done(&cfg);
}

static void test_profile_ignores_env(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", "envsecret");
	env_set("AWS_SESSION_TOKEN", "envtoken");
	write_file(".aws/credentials", "[work]\naws_access_key_id = AKIAWORK\n"
	                               "aws_secret_access_key = worksecret\n");
	o.profile = "work";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.profile, "work");
	CHECK_STR(cfg.access_key, "AKIAWORK");
	CHECK_STR(cfg.secret_key, "worksecret");
	CHECK(cfg.session_token == NULL);
	CHECK_STR(cfg.creds_source, "credentials file");
	ddb_config_done(&cfg);

	/* a named profile without keys falls back neither to the environment nor, on loopback,
	 * to the placeholder: it is an error (issue 13) */
	write_file(".aws/config", "[profile nokeys]\nregion = eu-west-1\n");
	o.profile = "nokeys";
	expect_fail(&o, DDB_ERR_CONFIG,
	            "profile nokeys has no credentials (no keys, role_arn, sso_session, "
	            "credential_process or web_identity_token_file)");
}

static void test_aws_profile_env_wins(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", "envsecret");
	env_set("AWS_PROFILE", "work");
	write_file(".aws/credentials", "[work]\naws_access_key_id = AKIAWORK\n"
	                               "aws_secret_access_key = worksecret\n");
	write_file(".aws/config", "[profile work]\nregion = ap-south-1\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.profile, "work");
	CHECK_STR(cfg.access_key, "AKIAENV");
	CHECK_STR(cfg.creds_source, "environment");
	CHECK_STR(cfg.region, "ap-south-1"); /* the profile still supplies settings */
	ddb_config_done(&cfg);

	/* without env keys AWS_PROFILE's keys are used */
	env_unset("AWS_ACCESS_KEY_ID");
	env_unset("AWS_SECRET_ACCESS_KEY");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIAWORK");
	CHECK_STR(cfg.creds_source, "credentials file");
	ddb_config_done(&cfg);

	/* --profile beats AWS_PROFILE */
	write_file(".aws/credentials", "[work]\naws_access_key_id = AKIAWORK\n"
	                               "aws_secret_access_key = worksecret\n"
	                               "[other]\naws_access_key_id = AKIAOTHER\n"
	                               "aws_secret_access_key = othersecret\n");
	o.profile = "other";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.profile, "other");
	CHECK_STR(cfg.access_key, "AKIAOTHER");
	ddb_config_done(&cfg);
}

static void test_config_profile_section(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/config", "[default]\nregion = us-west-1\n"
	                          "[profile dev]\nregion = eu-central-1\n"
	                          "aws_access_key_id = AKIADEV\n"
	                          "aws_secret_access_key = devsecret\n"
	                          "aws_session_token = devtoken\n");
	o.profile = "dev";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIADEV");
	CHECK_STR(cfg.secret_key, "devsecret");
	CHECK_STR(cfg.session_token, "devtoken");
	CHECK_STR(cfg.creds_source, "config file");
	CHECK_STR(cfg.region, "eu-central-1");
	ddb_config_done(&cfg);

	/* a quoted name, as botocore's shlex split allows */
	write_file(".aws/config", "[profile \"my team\"]\nregion = sa-east-1\n"
	                          "aws_access_key_id = AKIATEAM\naws_secret_access_key = s\n");
	o.profile = "my team";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "sa-east-1");
	ddb_config_done(&cfg);

	/* [dev] in the config file is not a profile: only "default" goes without the prefix */
	write_file(".aws/config", "[dev]\nregion = eu-central-1\n");
	o.profile = "dev";
	expect_fail(&o, DDB_ERR_CONFIG, "The config profile (dev) could not be found");

	/* and [profile dev] in the credentials file is a profile named "profile dev" */
	unlink(path_of(".aws/config"));
	write_file(".aws/credentials", "[profile dev]\naws_access_key_id = A\n");
	expect_fail(&o, DDB_ERR_CONFIG, "The config profile (dev) could not be found");
}

static void test_default_profile(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/credentials", "[default]\naws_access_key_id = AKIADEF\n"
	                               "aws_secret_access_key = defsecret\n");
	write_file(".aws/config", "[default]\nregion = us-east-2\n");
	o.endpoint_url = "https://dynamodb.us-east-2.amazonaws.com";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.profile, "default");
	CHECK_STR(cfg.access_key, "AKIADEF");
	CHECK_STR(cfg.creds_source, "credentials file");
	CHECK_STR(cfg.region, "us-east-2");
	CHECK(cfg.loopback == 0);
	ddb_config_done(&cfg);

	/* [profile default] works too; the later of the two sections wins */
	write_file(".aws/config", "[default]\nregion = us-east-2\n"
	                          "[profile default]\nregion = us-west-2\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "us-west-2");
	ddb_config_done(&cfg);

	/* no files at all and no profile named: fine on the default local endpoint */
	reset();
	o = opts_none();
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.profile, "default");
	ddb_config_done(&cfg);
}

static void test_creds_file_before_config_file(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/credentials", "[default]\naws_access_key_id = AKIACRED\n"
	                               "aws_secret_access_key = credsecret\n"
	                               "region = eu-north-1\n");
	write_file(".aws/config", "[default]\naws_access_key_id = AKIACONF\n"
	                          "aws_secret_access_key = confsecret\n"
	                          "aws_session_token = conftoken\n"
	                          "region = eu-west-3\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIACRED");
	CHECK_STR(cfg.secret_key, "credsecret");
	CHECK(cfg.session_token == NULL); /* never mixed across files */
	CHECK_STR(cfg.creds_source, "credentials file");
	/* botocore merges the credentials file over the profile, settings included */
	CHECK_STR(cfg.region, "eu-north-1");
	ddb_config_done(&cfg);
}

static void test_file_partial(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	write_file(".aws/credentials", "[default]\naws_access_key_id = AKIAHALF\n");
	expect_fail(&o, DDB_ERR_CONFIG, NULL);
}

static void test_file_env_vars(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/credentials", "[default]\naws_access_key_id = AKIAHOME\n"
	                               "aws_secret_access_key = homesecret\n");
	write_file(".aws/config", "[default]\nregion = us-west-1\n");
	write_file("alt-credentials", "[default]\naws_access_key_id = AKIAALT\n"
	                              "aws_secret_access_key = altsecret\n");
	write_file("alt-config", "[default]\nregion = me-south-1\n");
	env_set("AWS_SHARED_CREDENTIALS_FILE", path_of("alt-credentials"));
	env_set("AWS_CONFIG_FILE", path_of("alt-config"));
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIAALT");
	CHECK_STR(cfg.region, "me-south-1");
	ddb_config_done(&cfg);

	/* "~" is HOME, as botocore's expanduser */
	env_set("AWS_SHARED_CREDENTIALS_FILE", "~/alt-credentials");
	env_set("AWS_CONFIG_FILE", "~/alt-config");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIAALT");
	CHECK_STR(cfg.region, "me-south-1");
	ddb_config_done(&cfg);

	/* a named file that does not exist is just absent */
	env_set("AWS_SHARED_CREDENTIALS_FILE", path_of("nope"));
	env_set("AWS_CONFIG_FILE", path_of("nope2"));
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.creds_source, "placeholder");
	ddb_config_done(&cfg);

	/* one that cannot be read is an error */
	env_set("AWS_CONFIG_FILE", aws_dir);
	CHECK(load(&cfg, &o, &err) == -1);
	CHECK(err.kind == DDB_ERR_CONFIG);
	CHECK(strstr(err.message, "cannot read config file") != NULL);

	/* without HOME there are no default files */
	reset();
	write_file(".aws/credentials", "[default]\naws_access_key_id = AKIAHOME\n"
	                               "aws_secret_access_key = homesecret\n");
	env_unset("HOME");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.creds_source, "placeholder");
	ddb_config_done(&cfg);
}

static void test_region_precedence(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/config", "[default]\nregion = eu-west-1\n");
	env_set("AWS_DEFAULT_REGION", "eu-west-2");
	env_set("AWS_REGION", "eu-west-3");
	o.region = "eu-south-1";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "eu-south-1");
	ddb_config_done(&cfg);

	o.region = NULL;
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "eu-west-3");
	ddb_config_done(&cfg);

	env_unset("AWS_REGION");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "eu-west-2");
	ddb_config_done(&cfg);

	env_set("AWS_DEFAULT_REGION", ""); /* empty is unset */
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "eu-west-1");
	ddb_config_done(&cfg);

	unlink(path_of(".aws/config"));
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "us-east-1"); /* local endpoint */
	ddb_config_done(&cfg);
}

static void test_region_invalid(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	o.region = "us-east-1.evil.com/x";
	expect_fail(&o, DDB_ERR_USAGE, "invalid region \"us-east-1.evil.com/x\" (from --region)");
	o.region = "";
	expect_fail(&o, DDB_ERR_USAGE, "invalid region \"\" (from --region)");
	o.region = NULL;
	write_file(".aws/config", "[default]\nregion = -bad\n");
	expect_fail(&o, DDB_ERR_USAGE, "invalid region \"-bad\" (from the profile)");
}

static void test_endpoint_precedence(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	env_set("AWS_REGION", "us-west-2");
	env_set("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4567");
	env_set("AWS_ENDPOINT_URL", "http://127.0.0.2:4568/");
	o.endpoint_url = "http://localhost:9000/";
	o.prod = 1;
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://localhost:9000");
	CHECK_STR(cfg.endpoint_source, "--endpoint-url");
	CHECK(cfg.port == 9000);
	ddb_config_done(&cfg);

	o.endpoint_url = NULL;
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb.us-west-2.amazonaws.com");
	CHECK_STR(cfg.endpoint_source, "--prod");
	ddb_config_done(&cfg);

	o.prod = 0;
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://127.0.0.1:4567");
	CHECK_STR(cfg.endpoint_source, "AWS_ENDPOINT_URL_DYNAMODB");
	CHECK_STR(cfg.host, "127.0.0.1");
	CHECK(cfg.port == 4567);
	CHECK(cfg.loopback == 1);
	ddb_config_done(&cfg);

	env_unset("AWS_ENDPOINT_URL_DYNAMODB");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://127.0.0.2:4568");
	CHECK_STR(cfg.endpoint_source, "AWS_ENDPOINT_URL");
	ddb_config_done(&cfg);

	env_unset("AWS_ENDPOINT_URL");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://localhost:8000");
	CHECK_STR(cfg.endpoint_source, "default");
	CHECK_STR(cfg.scheme, "http");
	CHECK_STR(cfg.host, "localhost");
	CHECK(cfg.port == 8000);
	CHECK(cfg.loopback == 1);
	ddb_config_done(&cfg);
}

static void test_prod(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	o.prod = 1;
	o.region = "eu-west-1";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb.eu-west-1.amazonaws.com");
	CHECK_STR(cfg.scheme, "https");
	CHECK_STR(cfg.host, "dynamodb.eu-west-1.amazonaws.com");
	CHECK(cfg.port == 443);
	CHECK(cfg.loopback == 0);
	CHECK(cfg.placeholder_creds == 0);
	ddb_config_done(&cfg);

	o.region = "cn-northwest-1";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb.cn-northwest-1.amazonaws.com.cn");
	ddb_config_done(&cfg);

	/* the profile's region serves --prod too */
	o.region = NULL;
	write_file(".aws/config", "[default]\nregion = ap-northeast-1\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb.ap-northeast-1.amazonaws.com");
	ddb_config_done(&cfg);

	/* FIPS and dual-stack, from the profile or the environment (botocore's DynamoDB rules) */
	write_file(".aws/config", "[default]\nregion = us-east-1\nuse_fips_endpoint = true\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb-fips.us-east-1.amazonaws.com");
	ddb_config_done(&cfg);
	env_set("AWS_USE_DUALSTACK_ENDPOINT", "TRUE");
	env_set("AWS_USE_FIPS_ENDPOINT", "false");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb.us-east-1.api.aws");
	ddb_config_done(&cfg);
	o.region = "cn-north-1";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://dynamodb.cn-north-1.api.amazonwebservices.com.cn");
	ddb_config_done(&cfg);
}

static void test_prod_without_region(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	o.prod = 1;
	expect_fail(&o, DDB_ERR_USAGE,
	            "--prod needs a region: use --region, AWS_REGION or a profile with a region");
}

static void test_remote_without_region(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	env_set("AWS_ENDPOINT_URL", "https://ddb.example.com");
	expect_fail(&o, DDB_ERR_USAGE,
	            "endpoint https://ddb.example.com is not local and no region is set: use "
	            "--region, AWS_REGION or a profile with a region");
}

static void test_unknown_profile(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	write_file(".aws/config", "[profile dev]\nregion = us-west-2\n");
	o.profile = "nope";
	expect_fail(&o, DDB_ERR_CONFIG, "The config profile (nope) could not be found");

	/* AWS_PROFILE too, even with keys in the environment (botocore fails on the lookup) */
	o.profile = NULL;
	env_set("AWS_PROFILE", "nope2");
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	expect_fail(&o, DDB_ERR_CONFIG, "The config profile (nope2) could not be found");

	/* an explicitly named "default" must exist as well */
	env_set("AWS_PROFILE", "default");
	expect_fail(&o, DDB_ERR_CONFIG, "The config profile (default) could not be found");
}

static void test_malformed_url_case(const char *url, const char *message)
{
	static char sentinel[] = "x";
	char *scheme = sentinel, *host = sentinel;
	int port = 7;
	struct ddb_error err;

	ddb_error_clear(&err);
	CHECK(ddb_endpoint_parse(url, &scheme, &host, &port, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	CHECK_STR(err.message, message);
	CHECK(scheme == NULL && host == NULL && port == 0);
}

static void test_malformed_urls(void)
{
	static const struct {
		const char *url, *message;
	} cases[] = {
	    {"htp:/x", "invalid endpoint URL \"htp:/x\": scheme must be http or https"},
	    {"ftp://h", "invalid endpoint URL \"ftp://h\": scheme must be http or https"},
	    {"localhost:8000",
	     "invalid endpoint URL \"localhost:8000\": scheme must be http or https"},
	    {"http:/x", "invalid endpoint URL \"http:/x\": expected \"://\" after the scheme"},
	    {"", "invalid endpoint URL \"\": empty"},
	    {"http://", "invalid endpoint URL \"http://\": missing host"},
	    {"http://:80", "invalid endpoint URL \"http://:80\": missing host"},
	    {"http://h:0", "invalid endpoint URL \"http://h:0\": port must be 1-65535"},
	    {"http://h:65536", "invalid endpoint URL \"http://h:65536\": port must be 1-65535"},
	    {"http://h:", "invalid endpoint URL \"http://h:\": port must be 1-65535"},
	    {"http://h:8x", "invalid endpoint URL \"http://h:8x\": port must be 1-65535"},
	    {"http://h:1:2", "invalid endpoint URL \"http://h:1:2\": port must be 1-65535"},
	    {"http://h/path", "invalid endpoint URL \"http://h/path\": a path is not allowed"},
	    {"http://h//", "invalid endpoint URL \"http://h//\": a path is not allowed"},
	    {"http://h?x=1", "invalid endpoint URL \"http://h?x=1\": a query is not allowed"},
	    {"http://h/?x=1", "invalid endpoint URL \"http://h/?x=1\": a path is not allowed"},
	    {"http://h#f", "invalid endpoint URL \"http://h#f\": a fragment is not allowed"},
	    {"http://u:" SECRET "@h",
	     "invalid endpoint URL \"http://***@h\": user info is not allowed"},
	    {"u:" SECRET "@localhost",
	     "invalid endpoint URL \"***@localhost\": scheme must be http or https"},
	    {"http://h h", "invalid endpoint URL \"http://h h\": contains spaces or control "
	                   "characters"},
	    {"http://h\x1b[2J", "invalid endpoint URL \"http://h?[2J\": contains spaces or "
	                        "control characters"},
	    {"http://[::1", "invalid endpoint URL \"http://[::1\": missing ']' after IPv6 "
	                    "address"},
	    {"http://[zz::1]", "invalid endpoint URL \"http://[zz::1]\": invalid IPv6 address"},
	    {"http://[::1]x", "invalid endpoint URL \"http://[::1]x\": unexpected text after "
	                      "IPv6 address"},
	    {"http://::1:8000", "invalid endpoint URL \"http://::1:8000\": missing host"},
	    {"http://999.1.1.1", "invalid endpoint URL \"http://999.1.1.1\": invalid IPv4 "
	                         "address"},
	    {"http://2130706433", "invalid endpoint URL \"http://2130706433\": invalid IPv4 "
	                          "address"},
	    {"http://a..b", "invalid endpoint URL \"http://a..b\": invalid host name"},
	    {"http://a$b", "invalid endpoint URL \"http://a$b\": invalid character in host"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char label[96];

		snprintf(label, sizeof(label), "test_malformed_urls[%zu]", i);
		RUN_NAMED(label, test_malformed_url_case(cases[i].url, cases[i].message));
	}
}

static void test_malformed_url_in_load(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	o.endpoint_url = "htp:/x";
	expect_fail(&o, DDB_ERR_USAGE,
	            "invalid endpoint URL \"htp:/x\": scheme must be http or https");
	o.endpoint_url = NULL;
	env_set("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:8000/tables");
	expect_fail(&o, DDB_ERR_USAGE,
	            "invalid endpoint URL \"http://localhost:8000/tables\": a path is not allowed");
}

static void test_good_urls(void)
{
	static const struct {
		const char *url, *scheme, *host;
		int port;
	} cases[] = {
	    {"http://localhost:8000/", "http", "localhost", 8000},
	    {"HTTPS://DynamoDB.Example.COM", "https", "dynamodb.example.com", 443},
	    {"http://[::1]:8000", "http", "::1", 8000},
	    {"http://[2001:DB8::1]/", "http", "2001:db8::1", 80},
	    {"https://10.0.0.5:65535", "https", "10.0.0.5", 65535},
	    {"http://dynalite_1:1", "http", "dynalite_1", 1},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *scheme, *host;
		int port;
		struct ddb_error err;

		CHECK(ddb_endpoint_parse(cases[i].url, &scheme, &host, &port, &err) == 0);
		CHECK_STR(scheme, cases[i].scheme);
		CHECK_STR(host, cases[i].host);
		CHECK(port == cases[i].port);
		free(scheme);
		free(host);
	}
}

static void test_normalised_endpoint(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	o.endpoint_url = "HTTP://LocalHost:80/";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://localhost"); /* default port dropped */
	CHECK(cfg.port == 80);
	ddb_config_done(&cfg);

	o.endpoint_url = "https://[::1]:8443";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "https://[::1]:8443");
	ddb_config_done(&cfg);
}

static void test_loopback_hosts(void)
{
	CHECK(ddb_host_is_loopback("localhost"));
	CHECK(ddb_host_is_loopback("LocalHost"));
	CHECK(ddb_host_is_loopback("127.0.0.1"));
	CHECK(ddb_host_is_loopback("127.255.3.4"));
	CHECK(ddb_host_is_loopback("::1"));
	CHECK(ddb_host_is_loopback("[::1]"));
	CHECK(ddb_host_is_loopback("0:0:0:0:0:0:0:1"));
	CHECK(ddb_host_is_loopback("::ffff:127.0.0.1"));
	CHECK(!ddb_host_is_loopback("128.0.0.1"));
	CHECK(!ddb_host_is_loopback("10.0.0.1"));
	CHECK(!ddb_host_is_loopback("::2"));
	CHECK(!ddb_host_is_loopback("localhost.example.com"));
	CHECK(!ddb_host_is_loopback("127.0.0.1.nip.io"));
	CHECK(!ddb_host_is_loopback("[::1"));
	CHECK(!ddb_host_is_loopback(""));
	CHECK(!ddb_host_is_loopback(NULL));
}

static void test_ipv6_loopback(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	o.endpoint_url = "http://[::1]:8000";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.host, "::1");
	CHECK_STR(cfg.endpoint, "http://[::1]:8000");
	CHECK(cfg.loopback == 1);
	CHECK(cfg.placeholder_creds == 1);
	CHECK_STR(cfg.region, "us-east-1");
	ddb_config_done(&cfg);
}

static void test_placeholder_creds(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "ddbtui-local");
	CHECK_STR(cfg.secret_key, "ddbtui-local");
	CHECK(cfg.session_token == NULL);
	CHECK_STR(cfg.creds_source, "placeholder");
	CHECK(cfg.placeholder_creds == 1);
	ddb_config_done(&cfg);

	o.endpoint_url = "http://127.0.0.1:4567";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.placeholder_creds == 1);
	ddb_config_done(&cfg);
}

static void test_no_creds_remote(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	o.region = "us-east-1";
	o.prod = 1;
	expect_fail(&o, DDB_ERR_CONFIG,
	            "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or use "
	            "--profile");
	o.prod = 0;
	o.endpoint_url = "http://192.168.1.10:8000";
	expect_fail(&o, DDB_ERR_CONFIG, NULL);
}

static void test_ca_bundle(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/config", "[default]\nca_bundle = /etc/ssl/profile.pem\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.ca_bundle, "/etc/ssl/profile.pem");
	ddb_config_done(&cfg);

	env_set("AWS_CA_BUNDLE", "/etc/ssl/env.pem");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.ca_bundle, "/etc/ssl/env.pem");
	ddb_config_done(&cfg);
}

static void test_max_attempts(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/config", "[default]\nmax_attempts = 5\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.max_attempts == 5);
	ddb_config_done(&cfg);

	env_set("AWS_MAX_ATTEMPTS", "2");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.max_attempts == 2);
	ddb_config_done(&cfg);

	env_set("AWS_MAX_ATTEMPTS", "3x");
	expect_fail(&o, DDB_ERR_USAGE,
	            "invalid max_attempts \"3x\" (from AWS_MAX_ATTEMPTS): must be a whole number "
	            "of at least 1");
	env_set("AWS_MAX_ATTEMPTS", "0");
	expect_fail(&o, DDB_ERR_USAGE, NULL);
	env_set("AWS_MAX_ATTEMPTS", "-1");
	expect_fail(&o, DDB_ERR_USAGE, NULL);
	env_set("AWS_MAX_ATTEMPTS", "99999999999999999999");
	expect_fail(&o, DDB_ERR_USAGE, NULL);
	env_unset("AWS_MAX_ATTEMPTS");
	write_file(".aws/config", "[default]\nmax_attempts = many\n");
	expect_fail(&o, DDB_ERR_USAGE,
	            "invalid max_attempts \"many\" (from the profile): must be a whole number of "
	            "at least 1");
}

static void test_ini_syntax(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/credentials", "\xef\xbb\xbf# written by hand\r\n"
	                               "; another comment\r\n"
	                               "\r\n"
	                               "[default]\r\n"
	                               "   # indented comment\r\n"
	                               "\taws_access_key_id\t=\tAKIAWS  \r\n"
	                               "aws_secret_access_key=a=b/c+d\r\n"
	                               "AWS_SESSION_TOKEN : tok;en#1\r\n");
	write_file(".aws/config", "region = nowhere-1\n" /* before any section: skipped */
	                          "[default]\n"
	                          "s3 =\n"
	                          "  region = xx-nested-1\n"
	                          "  max_concurrent_requests = 10\n"
	                          "\n"
	                          "    ca_bundle = /nested.pem\n"
	                          "region    =    us-west-2   \n"
	                          "Max_Attempts = 4\n"
	                          "just junk\n"
	                          "[other]\n"
	                          "ca_bundle = /other.pem\n"
	                          "[default]\n"
	                          "ca_bundle = /merged.pem\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.access_key, "AKIAWS");
	CHECK_STR(cfg.secret_key, "a=b/c+d");
	CHECK_STR(cfg.session_token, "tok;en#1"); /* no inline comments */
	CHECK_STR(cfg.region, "us-west-2");
	CHECK(cfg.max_attempts == 4);            /* configparser lowercases keys */
	CHECK_STR(cfg.ca_bundle, "/merged.pem"); /* repeated section merges */
	ddb_config_done(&cfg);

	/* a later duplicate key wins */
	write_file(".aws/config", "[default]\nregion = us-west-1\nregion = us-west-2\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "us-west-2");
	ddb_config_done(&cfg);
}

static void test_ini_get(void)
{
	struct ddb_error err;
	char *v;
	int found;

	reset();
	write_file("alt-config", "[profile a]\nkey = value one\n[empty]\n");
	CHECK(ddb_ini_get(path_of("alt-config"), "profile a", "key", &v, &found, &err) == 0);
	CHECK_STR(v, "value one");
	CHECK(found == 1);
	free(v);
	CHECK(ddb_ini_get(path_of("alt-config"), "profile a", "KEY", &v, &found, &err) == 0);
	CHECK_STR(v, "value one");
	free(v);
	CHECK(ddb_ini_get(path_of("alt-config"), "empty", "key", &v, &found, &err) == 0);
	CHECK(v == NULL && found == 1);
	CHECK(ddb_ini_get(path_of("alt-config"), "a", "key", &v, &found, &err) == 0);
	CHECK(v == NULL && found == 0);
	CHECK(ddb_ini_get(path_of("missing"), "a", "key", &v, &found, &err) == 0);
	CHECK(v == NULL && found == 0);
	CHECK(ddb_ini_get(aws_dir, "a", "key", &v, &found, &err) == -1);
	CHECK(v == NULL);
	CHECK(err.kind == DDB_ERR_CONFIG);
}

static void test_big_file(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;
	FILE *f;
	int i;

	reset();
	f = fopen(path_of("big-config"), "w");
	for (i = 0; i < 2000; i++)
		fprintf(f,
		        "[profile p%d]\nregion = us-west-%d\naws_access_key_id = AKIA%d\n"
		        "aws_secret_access_key = s\n",
		        i, i % 3 + 1, i);
	fclose(f);
	env_set("AWS_CONFIG_FILE", path_of("big-config"));
	o.profile = "p1999";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.region, "us-west-2");
	ddb_config_done(&cfg);
}

/* Issue 13's "silently wrong" list: each of these was ignored before. */
static void test_chain_legacy_names(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", "envsecret");
	env_set("AWS_SECURITY_TOKEN", "legacy-env-token");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.session_token, "legacy-env-token");
	ddb_config_done(&cfg);
	env_set("AWS_CREDENTIAL_EXPIRATION", "2099-01-01T00:00:00Z");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.creds_expiry == 4070908800LL);
	ddb_config_done(&cfg);
	env_set("AWS_CREDENTIAL_EXPIRATION", "2001-01-01T00:00:00Z");
	expect_fail(&o, DDB_ERR_CONFIG, NULL);

	reset();
	write_file(".aws/credentials",
	           "[a]\naws_access_key_id = AKIAA\naws_secret_access_key = s\n"
	           "aws_security_token = legacy-file-token\n"
	           "[b]\naws_access_key_id = AKIAB\naws_secret_access_key = s\n");
	env_set("AWS_DEFAULT_PROFILE", "a");
	env_set("AWS_PROFILE", "b"); /* botocore reads AWS_DEFAULT_PROFILE first */
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.profile, "a");
	CHECK_STR(cfg.access_key, "AKIAA");
	CHECK_STR(cfg.session_token, "legacy-file-token");
	ddb_config_done(&cfg);
}

static void test_retry_mode(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.retry_mode, "standard");
	CHECK(cfg.max_attempts == 0);
	ddb_config_done(&cfg);
	write_file(".aws/config", "[default]\nretry_mode = legacy\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.retry_mode, "legacy");
	CHECK(cfg.max_attempts == 10);
	ddb_config_done(&cfg);
	write_file(".aws/config", "[default]\nretry_mode = legacy\nmax_attempts = 2\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.max_attempts == 2);
	ddb_config_done(&cfg);
	env_set("AWS_RETRY_MODE", "adaptive");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.retry_mode, "adaptive");
	ddb_config_done(&cfg);
	env_set("AWS_RETRY_MODE", "fast");
	expect_fail(&o, DDB_ERR_USAGE,
	            "invalid retry_mode \"fast\": use standard, legacy or adaptive");
}

static void test_chain_profile_endpoint_and_proxy(void)
{
	struct ddb_config_opts o = opts_none();
	struct ddb_config cfg;
	struct ddb_error err;

	reset();
	write_file(".aws/config",
	           "[default]\naws_access_key_id = AKIAD\naws_secret_access_key = s\n"
	           "endpoint_url = http://127.0.0.1:8123\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://127.0.0.1:8123");
	CHECK_STR(cfg.endpoint_source, "the profile's endpoint_url");
	CHECK(cfg.proxy == NULL);
	ddb_config_done(&cfg);
	env_set("AWS_ENDPOINT_URL", "http://127.0.0.1:8124");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://127.0.0.1:8124");
	ddb_config_done(&cfg);
	env_set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://localhost:8000");
	ddb_config_done(&cfg);

	/* a [services NAME] section (nested settings) beats AWS_ENDPOINT_URL, loses to the
	 * service's own variable */
	env_set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", NULL);
	write_file(".aws/config",
	           "[default]\naws_access_key_id = AKIAD\naws_secret_access_key = s\n"
	           "services = local\ns3 =\n  max_concurrent_requests = 10\n"
	           "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n"
	           "dynamodb =\n  endpoint_url = http://127.0.0.1:8125\n");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://127.0.0.1:8125");
	CHECK_STR(cfg.endpoint_source, "the profile's services section");
	ddb_config_done(&cfg);
	env_set("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8126");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.endpoint, "http://127.0.0.1:8126");
	ddb_config_done(&cfg);
	env_set("AWS_ENDPOINT_URL_DYNAMODB", NULL);
	env_set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");

	/* proxies: the endpoint's scheme picks; lower case wins; --no-proxy drops them */
	env_set("HTTP_PROXY", "http://proxy-upper:3128");
	env_set("HTTPS_PROXY", "http://proxy-tls:3128");
	env_set("NO_PROXY", "localhost,127.0.0.1");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.proxy, "http://proxy-upper:3128");
	CHECK_STR(cfg.no_proxy, "localhost,127.0.0.1");
	ddb_config_done(&cfg);
	env_set("http_proxy", "http://proxy-lower:3128");
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.proxy, "http://proxy-lower:3128");
	ddb_config_done(&cfg);
	o.endpoint_url = "https://dynamodb.eu-west-1.amazonaws.com";
	o.region = "eu-west-1";
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK_STR(cfg.proxy, "http://proxy-tls:3128");
	ddb_config_done(&cfg);
	o.no_proxy_env = 1;
	CHECK(load(&cfg, &o, &err) == 0);
	CHECK(cfg.proxy == NULL && cfg.no_proxy == NULL);
	ddb_config_done(&cfg);
}

/* Every error path a user can hit while a secret is configured keeps it out of the message. */
static void test_secret_never_in_errors(void)
{
	struct ddb_config_opts o = opts_none();

	reset();
	env_set("AWS_ACCESS_KEY_ID", "AKIAENV");
	env_set("AWS_SECRET_ACCESS_KEY", SECRET);
	env_set("AWS_SESSION_TOKEN", SECRET "TOKEN");
	write_file(".aws/credentials", "[half]\naws_access_key_id = " SECRET "\n");
	o.prod = 1;
	expect_fail(&o, DDB_ERR_USAGE, NULL);
	o.prod = 0;
	o.endpoint_url = "http://AKIAENV:" SECRET "@localhost:8000";
	expect_fail(&o, DDB_ERR_USAGE, NULL);
	o.endpoint_url = "https://" SECRET "@example.com/";
	expect_fail(&o, DDB_ERR_USAGE, NULL);
	o.endpoint_url = NULL;
	o.profile = "half";
	expect_fail(&o, DDB_ERR_CONFIG, NULL);
	o.profile = "missing";
	expect_fail(&o, DDB_ERR_CONFIG, NULL);
	o.profile = NULL;
	env_unset("AWS_SECRET_ACCESS_KEY");
	expect_fail(&o, DDB_ERR_CONFIG, NULL);
}

static void cleanup(void)
{
	reset();
	rmdir(aws_dir);
	rmdir(tmp_dir);
}

int main(void)
{
	if (!mkdtemp(tmp_dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(aws_dir, sizeof(aws_dir), "%s/.aws", tmp_dir);
	if (mkdir(aws_dir, 0700) < 0) {
		perror(aws_dir);
		return 2;
	}

	RUN(test_env_creds);
	RUN(test_env_session_token);
	RUN(test_env_partial);
	RUN(test_profile_ignores_env);
	RUN(test_aws_profile_env_wins);
	RUN(test_config_profile_section);
	RUN(test_default_profile);
	RUN(test_creds_file_before_config_file);
	RUN(test_file_partial);
	RUN(test_file_env_vars);
	RUN(test_region_precedence);
	RUN(test_region_invalid);
	RUN(test_endpoint_precedence);
	RUN(test_prod);
	RUN(test_prod_without_region);
	RUN(test_remote_without_region);
	RUN(test_unknown_profile);
	test_malformed_urls();
	RUN(test_malformed_url_in_load);
	RUN(test_good_urls);
	RUN(test_normalised_endpoint);
	RUN(test_loopback_hosts);
	RUN(test_ipv6_loopback);
	RUN(test_placeholder_creds);
	RUN(test_no_creds_remote);
	RUN(test_ca_bundle);
	RUN(test_max_attempts);
	RUN(test_ini_syntax);
	RUN(test_ini_get);
	RUN(test_big_file);
	RUN(test_secret_never_in_errors);
	RUN(test_chain_legacy_names);
	RUN(test_retry_mode);
	RUN(test_chain_profile_endpoint_and_proxy);

	cleanup();
	UNIT_EXIT();
}
