#!/bin/sh
# Static pages from the capsule: types, index pages, redirects, not found.
. "$(dirname "$0")/lib.sh"

# path|expected file|description
CASES='/|home|home page
|home|empty path served as / without a redirect
/index.gmi|home|index.gmi by name
/?x=1|home|a query on a static page is ignored
/dir|dir-redirect|directory without its slash: 31
/dir?x=1|dir-redirect-query|the redirect keeps the query
/dir/|dir-index|directory index.gmi
/dir/page.gmi|dir-page|page in a directory
/dir/./page.gmi|dir-page|"." segment resolved
/dir//page.gmi|dir-page|empty segment folded
/nope/../dir/page.gmi|dir-page|".." inside the capsule resolved
/%64ir/page%2Egmi|dir-page|percent-encoded letters decoded
/notes.txt|notes|text/plain by extension
/data.json|json|application/json by extension
/blob.xyz|blob|unknown extension: application/octet-stream
/with%20space.gmi|space|encoded space in a name
/caf%C3%A9.gmi|cafe|encoded UTF-8 name
/café.gmi|cafe|raw UTF-8 name (IRI)
/nested/deeper|deeper-redirect|nested directory without its slash
/nested/deeper/page.gmi|deeper|nested page
/nested/|notfound|directory without index.gmi: 51
/nope.gmi|notfound|missing file: 51
/.hidden.gmi|notfound|hidden file: 51
/index.gmi/|notfound|a file asked for as a directory: 51
/dir/page.gmi/x|notfound|a path below a file: 51'

bs_plan 28
bs_tmpdir
bs_cert
bs_capsule
bs_start_server

while IFS='|' read -r path expect desc; do
	bs_fetch "$(bs_url "$path")" > "$BS_TMP/out"
	bs_is "$BS_DATA/t0001/$expect.out" "$BS_TMP/out" "$desc"
done <<EOF
$CASES
EOF

# Gemini, section 3.2: an upper-case scheme and host are the same URL.
bs_fetch "GEMINI://LOCALHOST:$BS_PORT/" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "scheme and host ignore case"
bs_ok "server still runs" bs_alive
bs_ok "server stops cleanly on SIGTERM" bs_stop
