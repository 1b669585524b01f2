# Blank Sheet: one non-recursive Makefile for GNU make 4+ and bmake.

PREFIX ?=	/usr/local
BINDIR ?=	${PREFIX}/bin
SBINDIR ?=	${PREFIX}/sbin
MANDIR ?=	${PREFIX}/share/man
DESTDIR ?=

CC ?=		cc
PKG_CONFIG ?=	pkg-config
CFLAGS ?=	-O2 -g
WARNINGS =	-Wall -Wextra -Wpointer-arith -Wstrict-prototypes \
		-Wmissing-prototypes -Wshadow -Wwrite-strings -Wformat=2 -Wvla
DEP_CFLAGS !=	${PKG_CONFIG} --cflags libevent_openssl libevent openssl sqlite3 libedit libseccomp
SERVER_LIBS !=	${PKG_CONFIG} --libs libevent_openssl libevent openssl sqlite3 libseccomp
CLI_LIBS !=	${PKG_CONFIG} --libs libedit sqlite3
CMOCKA_LIBS !=	${PKG_CONFIG} --libs cmocka sqlite3 openssl
BENCH_LIBS !=	${PKG_CONFIG} --libs openssl
SECCOMP_LIBS !=	${PKG_CONFIG} --libs libseccomp
ALL_CFLAGS =	-std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon \
		${WARNINGS} ${DEP_CFLAGS} ${CPPFLAGS} ${CFLAGS}
SAN =		-fsanitize=address,undefined -fno-sanitize-recover=all

COMMON_OBJS =	common/log.o common/util.o common/page.o common/store.o \
		common/record.o common/schema.o common/view.o common/vocab.o \
		common/gopher.o common/url.o \
		common/json.o common/export.o common/report.o
SERVER_OBJS =	server/main.o server/worker.o server/request.o server/reply.o \
		server/capsule.o server/tls.o server/ratelimit.o server/http.o \
		server/sandbox.o
SERVER_HEADERS = server/capsule.h server/ratelimit.h server/request.h server/sandbox.h \
		server/server.h server/tls.h
CLI_OBJS =	cli/main.o cli/commands.o cli/complete.o
UNIT_TESTS =	tests/unit/test_util tests/unit/test_page tests/unit/test_store \
		tests/unit/test_view tests/unit/test_url tests/unit/test_request \
		tests/unit/test_gopher \
		tests/unit/test_json tests/unit/test_sandbox tests/unit/test_export \
		tests/unit/test_ratelimit

PROGS =		${CLI_PROGS} ${SERVER_PROGS}
CLI_PROGS =	bin/blanksheet
SERVER_PROGS =	bin/blanksheetd
BENCH_PROGS =	bench/loadgen bench/floor bench/idle

all: ${PROGS}

.SUFFIXES: .c .o
.c.o:
	${CC} ${ALL_CFLAGS} -c -o $@ $<

# A unit test is one cmocka program against libcommon.a.
${UNIT_TESTS}: common/libcommon.a
.c:
	${CC} ${ALL_CFLAGS} ${LDFLAGS} -o $@ $< common/libcommon.a ${CMOCKA_LIBS}

all: ${PROGS} ${BENCH_PROGS}

common/libcommon.a: ${COMMON_OBJS}
	rm -f $@
	ar rcs $@ ${COMMON_OBJS}

# Every object is rebuilt when a shared header changes: simple and safe.
HEADERS =	common/*.h cli/*.h
${COMMON_OBJS} ${CLI_OBJS}: ${HEADERS}

common/schema.c: schema/embed.sh schema/*.sql
	sh schema/embed.sh schema/[0-9]*.sql > $@.tmp && mv $@.tmp $@

bin/blanksheet: ${CLI_OBJS} common/libcommon.a
	@mkdir -p bin
	${CC} ${LDFLAGS} -o $@ ${CLI_OBJS} common/libcommon.a ${CLI_LIBS}

${SERVER_OBJS}: ${HEADERS} ${SERVER_HEADERS}

bin/blanksheetd: ${SERVER_OBJS} common/libcommon.a
	@mkdir -p bin
	${CC} ${LDFLAGS} -o $@ ${SERVER_OBJS} common/libcommon.a ${SERVER_LIBS}

tests/unit/test_request: tests/unit/test_request.c server/request.o
	${CC} ${ALL_CFLAGS} -Iserver ${LDFLAGS} -o $@ tests/unit/test_request.c \
	    server/request.o common/libcommon.a ${CMOCKA_LIBS}

tests/unit/test_sandbox: tests/unit/test_sandbox.c server/sandbox.o
	${CC} ${ALL_CFLAGS} -Iserver ${LDFLAGS} -o $@ tests/unit/test_sandbox.c \
	    server/sandbox.o common/libcommon.a ${CMOCKA_LIBS} ${SECCOMP_LIBS}

tests/unit/test_ratelimit: tests/unit/test_ratelimit.c server/ratelimit.o
	${CC} ${ALL_CFLAGS} -Iserver ${LDFLAGS} -o $@ \
	    tests/unit/test_ratelimit.c server/ratelimit.o common/libcommon.a \
	    ${CMOCKA_LIBS}

# libFuzzer targets, built by clang straight from the sources they test.
FUZZ_CC =	clang
FUZZ_CFLAGS =	-std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon \
		-Iserver ${WARNINGS} -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_RUNS =	20000
FUZZ_TARGETS =	tests/fuzz/fuzz_request tests/fuzz/fuzz_url tests/fuzz/fuzz_input \
		tests/fuzz/fuzz_json tests/fuzz/fuzz_gopher tests/fuzz/fuzz_form \
		tests/fuzz/fuzz_import
FUZZ_COMMON =	common/url.c common/util.c common/log.c

fuzz: ${FUZZ_TARGETS}

tests/fuzz/fuzz_request: tests/fuzz/fuzz_request.c server/request.c \
	    ${FUZZ_COMMON} ${HEADERS} ${SERVER_HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_request.c \
	    server/request.c ${FUZZ_COMMON}

tests/fuzz/fuzz_url: tests/fuzz/fuzz_url.c ${FUZZ_COMMON} ${HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_url.c ${FUZZ_COMMON}

tests/fuzz/fuzz_input: tests/fuzz/fuzz_input.c ${FUZZ_COMMON} ${HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_input.c ${FUZZ_COMMON}

tests/fuzz/fuzz_json: tests/fuzz/fuzz_json.c common/json.c ${FUZZ_COMMON} \
	    ${HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_json.c common/json.c \
	    ${FUZZ_COMMON}

tests/fuzz/fuzz_gopher: tests/fuzz/fuzz_gopher.c common/gopher.c common/page.c \
	    ${FUZZ_COMMON} ${HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_gopher.c common/gopher.c \
	    common/page.c ${FUZZ_COMMON}

tests/fuzz/fuzz_form: tests/fuzz/fuzz_form.c common/page.c ${FUZZ_COMMON} \
	    ${HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_form.c common/page.c \
	    ${FUZZ_COMMON}

tests/fuzz/fuzz_import: tests/fuzz/fuzz_import.c ${COMMON_OBJS:.o=.c} \
	    ${HEADERS}
	${FUZZ_CC} ${FUZZ_CFLAGS} -o $@ tests/fuzz/fuzz_import.c \
	    ${COMMON_OBJS:.o=.c} ${CLI_LIBS}

# Replay the seeds in tests/data/fuzz/ and run each target briefly.
fuzz-smoke:
	FUZZ_CC='${FUZZ_CC}' MAKE='${MAKE}' sh tests/fuzz/smoke.sh ${FUZZ_RUNS}

# The benchmark's tools (issue 7); `make bench' runs bench/run.sh.
bench/loadgen: bench/loadgen.c
	${CC} ${ALL_CFLAGS} ${LDFLAGS} -o $@ bench/loadgen.c ${BENCH_LIBS}

bench/floor: bench/floor.c server/tls.h
	${CC} ${ALL_CFLAGS} -Iserver ${LDFLAGS} -o $@ bench/floor.c ${BENCH_LIBS}

bench/idle: bench/idle.c
	${CC} ${ALL_CFLAGS} ${LDFLAGS} -o $@ bench/idle.c ${BENCH_LIBS}

bench: all
	sh bench/run.sh
	sh bench/cli.sh

# On a fresh machine `make check' and `make run' first install what is
# missing (tools/deps.sh), then build in a new make that sees it.
deps:
	sh tools/deps.sh check

check: deps
	${MAKE} all unit regress

run: deps
	${MAKE} all
	sh tools/run.sh

install: all
	install -d ${DESTDIR}${BINDIR} ${DESTDIR}${SBINDIR} \
	    ${DESTDIR}${MANDIR}/man1 ${DESTDIR}${MANDIR}/man8 \
	    ${DESTDIR}${PREFIX}/share/blanksheet/capsule
	install -m 755 bin/blanksheet ${DESTDIR}${BINDIR}/blanksheet
	install -m 755 bin/blanksheetd ${DESTDIR}${SBINDIR}/blanksheetd
	install -m 644 cli/blanksheet.1 ${DESTDIR}${MANDIR}/man1/blanksheet.1
	install -m 644 server/blanksheetd.8 \
	    ${DESTDIR}${MANDIR}/man8/blanksheetd.8
	cp -R capsule/. ${DESTDIR}${PREFIX}/share/blanksheet/capsule/

# The Debian package (debian/), built from a copy of this tree in
# build/deb/, where the .deb lands: tools/deps.sh deb installs debhelper.
deb:
	sh tools/deps.sh deb
	rm -rf build/deb
	mkdir -p build/deb/blanksheet
	tar -cf - --exclude=./build --exclude=./.git . | \
	    tar -xf - -C build/deb/blanksheet
	cd build/deb/blanksheet && dpkg-buildpackage -us -uc -b
	ls build/deb/*.deb

unit: ${UNIT_TESTS}
	CMOCKA_MESSAGE_OUTPUT=TAP prove ${UNIT_TESTS}

# docs/export.schema.json is made from the table in common/export.c.
export-schema: tests/unit/test_export
	tests/unit/test_export --print > docs/export.schema.json

regress: all
	${MAKE} fuzz-smoke
	prove tests/regress/t[0-9]*.sh

asan:
	${MAKE} clean
	${MAKE} CFLAGS='-O1 -g -fno-omit-frame-pointer ${SAN}' LDFLAGS='${SAN}' check

clean:
	rm -f common/*.o common/libcommon.a server/*.o cli/*.o bench/*.o \
	    tests/unit/*.o tests/fuzz/*.o ${UNIT_TESTS} ${PROGS} \
	    ${FUZZ_TARGETS}
	rm -f ${BENCH_PROGS}
	rm -rf bin

.PHONY: all check unit regress asan clean install run bench fuzz fuzz-smoke \
		deps deb
