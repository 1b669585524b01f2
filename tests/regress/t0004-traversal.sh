#!/bin/sh
# Nothing outside the capsule, however the path is spelled: "..", encoded
# or double-encoded, encoded slashes and NULs, and symbolic links.
. "$(dirname "$0")/lib.sh"

bs_plan 35
bs_tmpdir
bs_cert
bs_capsule
mkdir "$BS_TMP/outside"
printf 'secret\n' > "$BS_TMP/outside/secret.gmi"
ln -s ../outside/secret.gmi "$BS_CAPSULE/link-out.gmi"
ln -s /etc/passwd "$BS_CAPSULE/passwd.gmi"
ln -s ../outside "$BS_CAPSULE/dir-out"
ln -s index.gmi "$BS_CAPSULE/link-in.gmi"
ln -s dir "$BS_CAPSULE/dir-in"
bs_start_server

CASES='/../outside/secret.gmi|climb|plain ..
/dir/../../outside/secret.gmi|climb|.. past the root from a directory
/..|climb|.. alone
/%2e%2e/outside/secret.gmi|climb|percent-encoded ..
/%2E%2E/outside/secret.gmi|climb|percent-encoded .. in capitals
/.%2e/outside/secret.gmi|climb|half-encoded ..
/%252e%252e/outside/secret.gmi|notfound|double-encoded .. is a name
/..%2foutside/secret.gmi|slash|encoded slash
/dir%2Fpage.gmi|slash|encoded slash in a name
/index.gmi%00.txt|nul|encoded NUL
/%ff.gmi|utf8|encoded byte that is not UTF-8
/link-out.gmi|notfound|symbolic link out of the capsule
/passwd.gmi|notfound|symbolic link to /etc/passwd
/dir-out/secret.gmi|notfound|directory link out of the capsule
/dir-out/|notfound|directory link out, index
/link-in.gmi|notfound|symbolic links are refused even inside
/dir-in/page.gmi|notfound|directory links are refused even inside'

while IFS='|' read -r path expect desc; do
	case $expect in
	notfound)	exp=$BS_DATA/t0001/notfound.out ;;
	*)		exp=$BS_DATA/t0004/$expect.out ;;
	esac
	bs_fetch "$(bs_url "$path")" > "$BS_TMP/out"
	bs_is "$exp" "$BS_TMP/out" "$desc"
	bs_ok "$desc: then a normal request succeeds" bs_still_serves
done <<EOT
$CASES
EOT

bs_ok "server stops cleanly on SIGTERM" bs_stop
