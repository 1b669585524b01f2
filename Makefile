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
DEP_CFLAGS !=	${PKG_CONFIG} --cflags libevent_openssl libevent openssl sqlite3 libedit
SERVER_LIBS !=	${PKG_CONFIG} --libs libevent_openssl libevent openssl sqlite3
CLI_LIBS !=	${PKG_CONFIG} --libs libedit sqlite3
CMOCKA_LIBS !=	${PKG_CONFIG} --libs cmocka sqlite3 openssl
ALL_CFLAGS =	-std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon \
		${WARNINGS} ${DEP_CFLAGS} ${CFLAGS}
SAN =		-fsanitize=address,undefined -fno-sanitize-recover=all

COMMON_OBJS =	common/log.o common/util.o common/page.o common/store.o \
		common/record.o common/schema.o common/view.o
SERVER_OBJS =
CLI_OBJS =	cli/main.o cli/commands.o cli/complete.o
UNIT_TESTS =

PROGS =		${CLI_PROGS} ${SERVER_PROGS}
CLI_PROGS =	bin/blanksheet
SERVER_PROGS =

.SUFFIXES: .c .o
.c.o:
	${CC} ${ALL_CFLAGS} -c -o $@ $<

all: ${PROGS}

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

check: all unit regress

unit: ${UNIT_TESTS}

regress: all

asan:
	${MAKE} clean
	${MAKE} CFLAGS='-O1 -g -fno-omit-frame-pointer ${SAN}' LDFLAGS='${SAN}' check

clean:
	rm -f common/*.o common/libcommon.a server/*.o cli/*.o bench/*.o \
	    tests/unit/*.o tests/fuzz/*.o ${UNIT_TESTS} ${PROGS}
	rm -rf bin

.PHONY: all check unit regress asan clean install run bench fuzz
