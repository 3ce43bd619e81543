# settings.sh - a table's settings beyond its keys: ttl, tag, untag and what describe-table shows
# of them, checked with boto3 as the oracle. On moto every one works; dynalite has no
# UpdateTimeToLive, and ttl --enable / --disable say so and change nothing.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
T=settings-t

# oracle PYTHON : runs PYTHON with boto3's client `d` on $ENDPOINT and the table name T.
oracle() {
	python3 - "$ENDPOINT" "$T" "$1" <<'PY'
import boto3, sys
d = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
T = sys.argv[2]
exec(sys.argv[3])
PY
}

$DDBTUI create-table $T --pk pk:S >/dev/null 2>&1

# --- ttl ---
run $DDBTUI ttl $T
expect ttl_show_disabled 0 '^DISABLED$'
run $DDBTUI ttl
expect ttl_needs_table 2 'ttl needs the table name'
run $DDBTUI ttl $T --enable expires_at --disable
expect ttl_enable_and_disable 2 'exclude each other'
run $DDBTUI ttl $T --enable ''
expect ttl_empty_attr 2 'TTL attribute name may not be empty'
run $DDBTUI ttl no-such-table
expect ttl_missing_table 1 'not found'
run $DDBTUI --read-only ttl $T --enable expires_at
expect ttl_read_only 1 'read-only'

run $DDBTUI ttl $T --enable expires_at
if [ "$TEST_ENGINE" = moto ]; then
	expect ttl_enable 0 '^ENABLED on expires_at'
	check ttl_enable_oracle oracle 'assert d.describe_time_to_live(TableName=T)["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}'
	run $DDBTUI describe-table $T
	expect describe_shows_ttl 0 '^TTL +ENABLED on expires_at$'
	# DynamoDB refuses a second --enable (ValidationException); moto takes it (docs/engines.md)
	run $DDBTUI ttl $T --disable
	expect ttl_disable 0 '^DISABLED'
	check ttl_disable_oracle oracle 'assert d.describe_time_to_live(TableName=T)["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED"'
else
	expect ttl_enable_unsupported 1 'this endpoint \(http://127\.0\.0\.1:[0-9]+\) does not support UpdateTimeToLive'
	check ttl_unsupported_no_crash_output test -z "$OUT"
	check ttl_unsupported_unchanged oracle 'assert d.describe_time_to_live(TableName=T)["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED"'
	run $DDBTUI describe-table $T
	expect describe_shows_ttl_disabled 0 '^TTL +DISABLED$'
fi
run $DDBTUI ttl $T --disable
expect ttl_disable_when_off 0 'not enabled; nothing changed'

# --- tag, untag ---
run $DDBTUI tag $T team=chat 'cost centre=42' empty=
expect tag_set 0 'set 3 tags on settings-t'
check tag_oracle oracle 'arn = d.describe_table(TableName=T)["Table"]["TableArn"]
assert sorted((t["Key"], t["Value"]) for t in d.list_tags_of_resource(ResourceArn=arn)["Tags"]) == [("cost centre", "42"), ("empty", ""), ("team", "chat")], d.list_tags_of_resource(ResourceArn=arn)'
run $DDBTUI describe-table $T
expect describe_shows_tags 0 '^Tags +.*team=chat'
run $DDBTUI tag $T team=infra
expect tag_replace 0 'set 1 tag on'
check tag_replace_oracle oracle 'arn = d.describe_table(TableName=T)["Table"]["TableArn"]
assert {t["Key"]: t["Value"] for t in d.list_tags_of_resource(ResourceArn=arn)["Tags"]}["team"] == "infra"'
run $DDBTUI untag $T team empty
expect untag 0 'removed 2 tags from settings-t'
check untag_oracle oracle 'arn = d.describe_table(TableName=T)["Table"]["TableArn"]
assert [t["Key"] for t in d.list_tags_of_resource(ResourceArn=arn)["Tags"]] == ["cost centre"]'

# bad input: nothing is sent
run $DDBTUI tag $T
expect tag_needs_tags 2 'tag needs a table and tags'
run $DDBTUI tag $T =v
expect tag_no_key 2 "a tag is KEY=VALUE with a key, not '=v'"
run $DDBTUI tag $T novalue
expect tag_no_equals 2 "a tag is KEY=VALUE with a key, not 'novalue'"
run $DDBTUI untag $T ''
expect untag_empty_key 2 'a tag key may not be empty'
run $DDBTUI tag no-such-table a=b
expect tag_missing_table 1 'not found'
run $DDBTUI --read-only tag $T a=b
expect tag_read_only 1 'read-only'
check tags_unchanged_after_bad_input oracle 'arn = d.describe_table(TableName=T)["Table"]["TableArn"]
assert [t["Key"] for t in d.list_tags_of_resource(ResourceArn=arn)["Tags"]] == ["cost centre"]'
