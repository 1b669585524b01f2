# export_lib.sh: shared by the export tests (t21xx).  Source it after
# tap.sh and tmpdir.
#
#	CHECK ...		tests/regress/export_check.py (see its header)
#	PAGECHECK FILE		the page checker on a report: no espeak-ng,
#				and no navigation block (a report is a file
#				people keep, not a page of the capsule)
#	demo			the demo workshop (tests/data/demo.bs) in $DB
#	awkward			the awkward workshop in $DB, plus a consented
#				name, a participant's typed words, and an
#				erased participant; every receipt code ever
#				given is left in $TMP/codes
#
# SOURCE_DATE_EPOCH is set, so exports made twice are the same bytes.

SOURCE_DATE_EPOCH=1796000000
export SOURCE_DATE_EPOCH
PY=${PYTHON:-python3}

CHECK() { "$PY" "$TOP/tests/regress/export_check.py" "$@"; }
# A report's title carries the workshop's whole title, as the organiser
# wrote it, so it may be longer than a page's.
PAGECHECK() {
	"$PY" "$TOP/tests/pagecheck/pagecheck.py" --no-listen --nav '' \
	    --max-title-words 20 "$@"
}

demo() { bs < "$TOP/tests/data/demo.bs" > /dev/null; }

awkward() {
	bs < "$TOP/tests/data/export-awkward.bs" > /dev/null || return 1
	first=$(sql "SELECT code FROM participant ORDER BY id LIMIT 1")
	bs consent "$first" Alys ap Rhys > /dev/null || return 1
	out=$(bs participant add carer) || return 1
	gone=${out##* }
	gone=${gone%.}
	sql "SELECT code FROM participant" > "$TMP/codes"
	bs consent "$gone" Erin ERASEDNAME > /dev/null &&
	bs say home note --by "$gone" ERASEDSECRET words she asked us to \
	    take away > /dev/null &&
	bs say home like --by "$first" Typed by a participant, with a comma \
	    > /dev/null &&
	bs erase "$gone" --yes > /dev/null || return 1
	sql "UPDATE contribution SET source = 'participant' WHERE text LIKE
	    'Typed by a participant%'"
}
# The same, with the listen test: each page heard within 420 seconds.
PAGECHECK_LISTEN() {
	"$PY" "$TOP/tests/pagecheck/pagecheck.py" --listen --nav '' \
	    --max-title-words 20 "$@"
}
