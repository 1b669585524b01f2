# Small TAP helpers for the regress tests; source it, then call plan N.
#
#	plan N			print the plan
#	ok COND NAME		pass when the command COND succeeds
#	is GOT WANT NAME	pass when two strings are equal
#	like GOT PATTERN NAME	pass when grep -E PATTERN matches GOT
#	unlike GOT PATTERN NAME	pass when it does not
#	tmpdir			make $TMP, removed at exit
#	bs ...			run bin/blanksheet on $DB

TOP=$(cd "$(dirname "$0")/../.." && pwd)
BLANKSHEET=$TOP/bin/blanksheet
tap_n=0
tap_failed=0

plan() { echo "1..$1"; }

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# A test that cannot run here, with the reason: TAP's SKIP directive.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

ok() {
	if eval "$1" >/dev/null 2>&1; then tap_result 0 "$2"; else tap_result 1 "$2"; fi
}

is() {
	if [ "$1" = "$2" ]; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		printf '# got:  %s\n# want: %s\n' "$1" "$2" | sed 's/^/# /'
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		printf '%s\n' "$1" | sed 's/^/# got: /'
		echo "# want match: $2"
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 1 "$3"
		printf '%s\n' "$1" | sed 's/^/# got: /'
	else
		tap_result 0 "$3"
	fi
}

tmpdir() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/bs-test.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
	DB=$TMP/record.db
}

bs() { "$BLANKSHEET" -d "$DB" "$@"; }

# The value of one SQL query on the test record.
sql() { sqlite3 -batch -noheader "$DB" "$1"; }
