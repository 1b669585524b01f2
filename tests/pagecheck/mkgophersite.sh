#!/bin/sh
# mkgophersite: write tests/data/pagecheck/gopher-site/ again from the
# real renderer (common/gopher.c): every capsule page, and the demo
# workshop's pages, standard and Easy Read (tests/data/demo.bs, input open
# over Gopher) as
# blanksheetd would serve them, for host localhost and port 7070.  Run it
# from the top of the tree after `make` when the renderer changes, then
# check the result with pagecheck and commit it.  Hand-written menus in
# that folder (kinds.gophermap) are left alone.  Not run by the tests.

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=tests/data/pagecheck/gopher-site
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkgophersite.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/gen.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gopher.h"
#include "page.h"
#include "store.h"
#include "util.h"
#include "view.h"

static char data[1 << 20];

static int
emit(struct page *p, const char *sel, const char *path)
{
	struct buf	 b;
	FILE		*f;

	buf_init(&b);
	gopher_render_menu(p, sel, "localhost", "7070", &b);
	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		return 1;
	}
	fwrite(b.data, 1, b.len, f);
	fclose(f);
	buf_release(&b);
	return 0;
}

/* gen gmi FILE SELECTOR OUT, or gen view DB SELECTOR OUT */
int
main(int argc, char *argv[])
{
	struct page	 p;
	struct view	 v;
	struct store	*st;
	const char	*err;
	FILE		*f;
	size_t		 n;
	int		 rc;

	if (argc == 5 && strcmp(argv[1], "gmi") == 0) {
		if ((f = fopen(argv[2], "rb")) == NULL) {
			perror(argv[2]);
			return 1;
		}
		n = fread(data, 1, sizeof(data), f);
		fclose(f);
		page_init(&p, "en-GB");
		page_parse_gemtext(&p, data, n);
		rc = emit(&p, argv[3], argv[4]);
		page_release(&p);
		return rc;
	}
	if (argc == 5 && strcmp(argv[1], "view") == 0) {
		if ((st = store_open(argv[2], 0, &err)) == NULL) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		if (view_route(st, argv[3], NULL, VIEW_GOPHER, &v) != 0 ||
		    v.status != 20) {
			fprintf(stderr, "%s: status %d\n", argv[3], v.status);
			return 1;
		}
		rc = emit(&v.page, argv[3], argv[4]);
		view_release(&v);
		store_close(st);
		return rc;
	}
	fprintf(stderr, "usage: gen gmi|view ...\n");
	return 2;
}
EOF
${CC:-cc} -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon \
    $(pkg-config --cflags sqlite3) -o "$tmp/gen" "$tmp/gen.c" common/*.c \
    $(pkg-config --libs sqlite3 openssl)

# The file that serves a selector (as gophserve.py finds it).
file_of() {
	case $1 in
	*/) echo "$out$1index.gophermap" ;;
	*) echo "$out$1.gophermap" ;;
	esac
}

find "$out" -name '*.gophermap' ! -name kinds.gophermap -exec rm -f {} + \
    2>/dev/null || true
(cd capsule && find . -name '*.gmi') | sed 's|^\./||' | sort |
while read -r rel; do
	case $rel in
	index.gmi) sel=/ ;;
	*/index.gmi) sel=/${rel%index.gmi} ;;
	*) sel=/$rel ;;
	esac
	f=$(file_of "$sel")
	mkdir -p "$(dirname "$f")"
	"$tmp/gen" gmi "capsule/$rel" "$sel" "$f"
done

bin/blanksheet -d "$tmp/demo.db" <tests/data/demo.bs >/dev/null
printf 'use demo\ninput open\ninput gopher on\n' |
    bin/blanksheet -d "$tmp/demo.db" >/dev/null
areas="home accommodation day hospital community"
sels=
for e in "" /easy; do
	sels="$sels $e/w/ $e/w/demo/ $e/w/demo/decisions"
	for a in $areas; do
		sels="$sels $e/w/demo/$a/ $e/w/demo/$a/questions"
	done
done
for sel in $sels; do
	f=$(file_of "$sel")
	mkdir -p "$(dirname "$f")"
	"$tmp/gen" view "$tmp/demo.db" "$sel" "$f"
done
echo "mkgophersite: wrote $(find "$out" -name '*.gophermap' | wc -l) menus" \
    "in $out"
