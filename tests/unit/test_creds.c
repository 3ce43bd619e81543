/* test_creds.c - the pieces of the credential chain that need no network: the shell-style split
 * of credential_process, the XML reader and the STS reply parser. The chain itself is in
 * test_config.c (profiles) and tests/integ/creds.sh (with the loopback stand-ins). */
#include "ddb/creds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/error.h"
#include "ddb/xml.h"
#include "unit.h"

static void check_split(const char *line, const char *const *want, size_t n)
{
	struct ddb_error err;
	char **argv = ddb_shell_split(line, &err);
	size_t i;

	CHECK(argv != NULL);
	if (!argv)
		return;
	for (i = 0; i < n; i++) {
		CHECK(argv[i] != NULL);
		if (!argv[i])
			break;
		CHECK_STR(argv[i], want[i]);
	}
	CHECK(i < n || argv[n] == NULL);
	ddb_argv_free(argv);
}

static void test_shell_split(void)
{
	static const char *const a[] = {"/usr/bin/helper", "--profile", "my team", "x y"};
	static const char *const b[] = {"a\"b", "c\\d", "$HOME", "it's"};
	static const char *const c[] = {"one", "two"};
	static const char *const d[] = {"", "x"};
	static const char *const e[] = {"ab cd#not-a-comment"};
	struct ddb_error err;

	check_split("/usr/bin/helper --profile 'my team' \"x y\"", a, 4);
	check_split("\"a\\\"b\" c\\\\d '$HOME' \"it's\"", b, 4);
	check_split("  one\t two  ", c, 2);
	check_split("'' x", d, 2);
	check_split("ab\\ cd#not-a-comment", e, 1); /* shlex.split has no comments */
	CHECK(ddb_shell_split("a 'b", &err) == NULL);
	CHECK(strstr(err.message, "unbalanced quote") != NULL);
	CHECK(ddb_shell_split("a \"b", &err) == NULL);
	CHECK(ddb_shell_split("a\\", &err) == NULL);
	CHECK(err.kind == DDB_ERR_CONFIG);
}

static void test_python_oracle_split(void)
{
	/* what python3 -c 'import shlex; print(shlex.split(...))' gives for the odd cases */
	static const char *const a[] = {"a\\b", "c"};
	static const char *const b[] = {"x\\$y\\`z"};

	check_split("\"a\\b\" c", a, 2);    /* \b inside "..." keeps its backslash */
	check_split("\"x\\$y\\`z\"", b, 1); /* only \" and \\ are escapes in "..." */
}

static const char sts_ok[] =
    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <AssumeRoleResult>\n"
    "    <SourceIdentity>x</SourceIdentity>\n"
    "    <AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>"
    "<AssumedRoleId>ARO:s</AssumedRoleId></AssumedRoleUser>\n"
    "    <Credentials>\n"
    "      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>\n"
    "      <SecretAccessKey>se&amp;cr/et+&#x41;&#66;</SecretAccessKey>\n"
    "      <SessionToken><![CDATA[tok<en>]]></SessionToken>\n"
    "      <Expiration>2030-01-02T03:04:05Z</Expiration>\n"
    "    </Credentials>\n"
    "  </AssumeRoleResult>\n"
    "  <!-- a comment with <Code>no</Code> -->\n"
    "</AssumeRoleResponse>\n";

static void test_sts_parse(void)
{
	struct ddb_creds c;
	struct ddb_error err;

	CHECK(ddb_sts_parse(sts_ok, strlen(sts_ok), &c, &err) == 0);
	CHECK_STR(c.access_key, "ASIAEXAMPLE");
	CHECK_STR(c.secret_key, "se&cr/et+AB");
	CHECK_STR(c.session_token, "tok<en>");
	CHECK(c.expiry == 1893553445);
	ddb_creds_done(&c);
}

static void test_sts_errors(void)
{
	static const char fault[] =
	    "<?xml version=\"1.0\"?><ErrorResponse><Error><Type>Sender</Type>"
	    "<Code>AccessDenied</Code><Message>not &lt;allowed&gt;</Message></Error>"
	    "<RequestId>1</RequestId></ErrorResponse>";
	static const char *const bad[] = {
	    "<A><AccessKeyId>x</AccessKeyId", /* truncated */
	    "<A><AccessKeyId>x&bogus;</AccessKeyId></A>",
	    "<A><AccessKeyId>x&#0;</AccessKeyId></A>",
	    "<A><AccessKeyId>x&#xD800;</AccessKeyId></A>",
	    "<!DOCTYPE x [<!ENTITY a \"b\">]><A/>",
	    "</A>",
	    "<A attr=\"unterminated></A>",
	    "< A></A>",
	    "<A><SessionToken>t</Other></A>",
	};
	struct ddb_creds c;
	struct ddb_error err;
	size_t i;
	char *v;

	CHECK(ddb_sts_parse(fault, strlen(fault), &c, &err) == -1);
	CHECK(err.kind == DDB_ERR_SERVICE);
	CHECK_STR(err.type, "AccessDenied");
	CHECK_STR(err.message, "AccessDenied: not <allowed>");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(ddb_sts_parse(bad[i], strlen(bad[i]), &c, &err) == -1);
		CHECK(c.access_key == NULL);
	}
	/* missing fields */
	CHECK(ddb_sts_parse("<R><AccessKeyId>a</AccessKeyId></R>", 36, &c, &err) == -1);
	CHECK(strstr(err.message, "SecretAccessKey") != NULL);
	/* the element found is the one that holds text, not a parent of the same name */
	CHECK(ddb_xml_text("<a:X><a:X>in</a:X></a:X>", 24, "X", &v, &err) == 1);
	CHECK_STR(v, "in");
	free(v);
	CHECK(ddb_xml_text("<X/><Y>1</Y>", 12, "X", &v, &err) == 0);
	CHECK(ddb_xml_text("<Y q='>'>1</Y>", 14, "Y", &v, &err) == 1);
	CHECK_STR(v, "1");
	free(v);
}

int main(void)
{
	RUN(test_shell_split);
	RUN(test_python_oracle_split);
	RUN(test_sts_parse);
	RUN(test_sts_errors);
	UNIT_EXIT();
}
