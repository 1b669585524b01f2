/*
 * Routing: paths under /w/ are pages built from the record (view.h), all
 * others are files from the capsule.  Every Gemini reply is a header
 * (specification, section 3.1) and, for status 20, a body.  Gopher
 * replies (RFC 1436) render the same page documents as menus.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capsule.h"
#include "gopher.h"
#include "log.h"
#include "page.h"
#include "ratelimit.h"
#include "server.h"
#include "store.h"
#include "url.h"
#include "view.h"

#define META_MAX	1024

void
reply_header(struct buf *out, int status, const char *meta)
{
	size_t		 len, i, start;
	unsigned int	 cp;
	int		 n;

	buf_addf(out, "%02d ", status);
	start = out->len;
	len = strlen(meta);
	for (i = 0; i < len && out->len - start < META_MAX; i += (size_t)n) {
		if ((n = utf8_decode(meta + i, len - i, &cp)) < 0) {
			n = 1;		/* a stray byte: dropped */
			continue;
		}
		if (out->len - start + (size_t)n > META_MAX)
			break;
		if (cp < 0x20 || cp == 0x7f)
			buf_addc(out, ' ');
		else
			buf_add(out, meta + i, (size_t)n);
	}
	buf_adds(out, "\r\n");
}

/* A language tag from the record goes into a header: letters, digits, '-'. */
static const char *
safe_lang(const char *lang)
{
	size_t	 n;

	if (lang == NULL || *lang == '\0')
		return SERVER_LANG;
	n = strspn(lang, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	return n == strlen(lang) && n <= 35 ? lang : SERVER_LANG;
}

/* 31 to decoded path `path' plus `suffix', with the query kept. */
static int
redirect(struct buf *out, const char *path, const char *suffix,
    const struct request *req)
{
	struct buf	 target;
	int		 status = 31;

	buf_init(&target);
	url_path_encode(&target, path);
	buf_adds(&target, suffix);
	if (req->query != NULL) {
		buf_addc(&target, '?');
		buf_add(&target, req->query, req->querylen);
	}
	if (target.len > META_MAX) {
		status = 59;
		reply_header(out, status, "path too long");
	} else
		reply_header(out, status, target.data);
	buf_release(&target);
	return status;
}

static long long
mono_seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

static uint64_t
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/*
 * Workshop pages as sent, kept by each worker until the record changes
 * (store_stamp()), so that a room of readers costs one page build, not
 * one each.  Only pages asked for without input are kept.
 */
#define VIEWCACHE_MAX	64
#define VIEWCACHE_ENTRY_MAX (256 * 1024)	/* bigger pages are built anew */

struct viewcache {
	unsigned long long	 stamp;		/* of the record when filled */
	size_t			 next;		/* the entry to replace */
	struct {
		char		*path;		/* owned; NULL when empty */
		enum view_proto	 proto;
		int		 status;
		struct kept	*page;		/* the reply as sent, held */
	}			 e[VIEWCACHE_MAX];
};

void
kept_drop(struct kept *k)
{
	if (k != NULL && --k->refs == 0)
		free(k);
}

static void
cache_clear(struct viewcache *vc)
{
	size_t	 i;

	for (i = 0; i < VIEWCACHE_MAX; i++) {
		free(vc->e[i].path);
		vc->e[i].path = NULL;
		kept_drop(vc->e[i].page);
		vc->e[i].page = NULL;
	}
}

/*
 * The kept reply for `path': appended to `out', or with `held' not NULL
 * held there instead, uncopied.  Its status, or 0 if none.
 */
static int
cache_get(struct server *srv, const char *path, enum view_proto proto,
    struct buf *out, struct kept **held)
{
	struct viewcache	*vc;
	struct kept		*k;
	unsigned long long	 stamp;
	size_t			 i;

	if ((vc = srv->views) == NULL)
		vc = srv->views = xcalloc(1, sizeof(*vc));
	stamp = store_stamp(srv->store);
	if (stamp != vc->stamp) {
		cache_clear(vc);
		vc->stamp = stamp;
		return 0;
	}
	for (i = 0; i < VIEWCACHE_MAX; i++)
		if (vc->e[i].path != NULL && vc->e[i].proto == proto &&
		    strcmp(vc->e[i].path, path) == 0) {
			k = vc->e[i].page;
			if (held != NULL) {
				k->refs++;
				*held = k;
			} else
				buf_add(out, k->data, k->len);
			return vc->e[i].status;
		}
	return 0;
}

static void
cache_put(struct server *srv, const char *path, enum view_proto proto,
    int status, const char *bytes, size_t len)
{
	struct viewcache	*vc = srv->views;
	struct kept		*k;
	size_t			 i;

	if (vc == NULL || len > VIEWCACHE_ENTRY_MAX)
		return;
	k = xmalloc(sizeof(*k) + len);
	k->refs = 1;
	k->len = len;
	memcpy(k->data, bytes, len);
	i = vc->next++ % VIEWCACHE_MAX;
	free(vc->e[i].path);
	kept_drop(vc->e[i].page);
	vc->e[i].path = xstrdup(path);
	vc->e[i].proto = proto;
	vc->e[i].status = status;
	vc->e[i].page = k;
}

void
reply_release(struct server *srv)
{
	if (srv->views != NULL) {
		cache_clear(srv->views);
		free(srv->views);
		srv->views = NULL;
	}
}

/* ---- the record at its path ---------------------------------------- */

/*
 * A reply never waits for the record: the worker's connection has no busy
 * timeout, so a write that finds another process holding the lock fails
 * at once and the worker tries again from a timer (REPLY_RETRY).  Words
 * are acknowledged only once they are in the file at the record's path:
 * a record deleted and made again, or replaced by a backup, is reopened.
 */

void
reply_store_close(struct server *srv)
{
	if (srv->store == NULL)
		return;
	/*
	 * The last connection to close checkpoints, then deletes the WAL and
	 * shared-memory files by name: if the file at the path is another
	 * record now, those names are its own, and must stay.
	 */
	if (!reply_store_current(srv))
		sqlite3_db_config(srv->store->db,
		    SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	store_close(srv->store);
	srv->store = NULL;
}

int
reply_store_open(struct server *srv, const char **errstr)
{
	struct store	*st;
	struct stat	 sb;

	if ((st = store_open(srv->conf->db, STORE_NOWAIT, errstr)) == NULL)
		return -1;
	/* Sorts and temporary tables in memory: a confined worker has no /tmp. */
	(void)sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL,
	    NULL);
	if (stat(srv->conf->db, &sb) == -1) {
		*errstr = "the record went as it was opened";
		store_close(st);
		return -1;
	}
	reply_store_close(srv);
	srv->store = st;
	srv->store_dev = sb.st_dev;
	srv->store_ino = sb.st_ino;
	reply_release(srv);	/* those pages came from the other file */
	return 0;
}

int
reply_store_current(struct server *srv)
{
	struct stat	 sb;
	int		 moved = 1;

	if (srv->store == NULL)
		return 0;
	/* SQLite compares the file it holds with the path (by inode)... */
	if (sqlite3_file_control(srv->store->db, "main",
	    SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
		moved = 1;
	/* ...and we with the file we opened, device too. */
	return !moved && stat(srv->conf->db, &sb) == 0 &&
	    sb.st_dev == srv->store_dev && sb.st_ino == srv->store_ino &&
	    sb.st_nlink > 0;
}

static int	 store_lost;	/* the record could not be reopened */

/* Make sure the open record is the file at the path.  0, or -1. */
static int
store_ready(struct server *srv)
{
	const char	*errstr;

	if (reply_store_current(srv))
		return 0;
	if (reply_store_open(srv, &errstr) == -1) {
		if (!store_lost)
			log_warnx("the record '%s' is not the file this worker "
			    "opened, and cannot be opened again: %s",
			    srv->conf->db, errstr != NULL ? errstr : "unknown");
		store_lost = 1;
		return -1;
	}
	log_info("the record '%s' was replaced or came back: opened it again",
	    srv->conf->db);
	store_lost = 0;
	return 0;
}

/* Look again at most once a second, for readers; writers every time. */
static void
store_watch(struct server *srv)
{
	static long long	 checked;
	long long		 now = mono_seconds();

	if (now != checked) {
		checked = now;
		(void)store_ready(srv);
	}
}

static int
store_failed_busy(struct server *srv)
{
	return store_busy(srv->store) ||
	    sqlite3_errcode(srv->store->db) == SQLITE_BUSY ||
	    sqlite3_errcode(srv->store->db) == SQLITE_LOCKED;
}

/*
 * A page from the record is read in one read transaction: one snapshot
 * for all its statements, and a record too busy to read shows at the
 * start (and the reply waits on a timer), never as a page cut short.
 * 0, or -1: try again later.
 */
static int
read_begin(struct server *srv)
{
	if (sqlite3_exec(srv->store->db, "BEGIN", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return -1;
	if (store_int(srv->store, "SELECT count(*) FROM sqlite_schema", -1,
	    "") == -1) {
		sqlite3_exec(srv->store->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

static void
read_end(struct server *srv)
{
	if (!sqlite3_get_autocommit(srv->store->db))
		sqlite3_exec(srv->store->db, "COMMIT", NULL, NULL, NULL);
}


static void
buf_cut(struct buf *b, size_t len)
{
	if (b->data != NULL && len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

/*
 * The page for words that could not be saved (the record busy or gone):
 * nothing was saved, here are the words, and a way to send them again.
 */
static void
unsaved_page(struct page *p, const char *path, const char *words,
    enum view_proto proto)
{
	int		 easy = strncmp(path, "/easy/", 6) == 0;

	/* Easy Read says the same in its own words (docs/pages.md). */
	page_init(p, SERVER_LANG);
	page_heading(p, 1, easy ? "We did not save your words yet" :
	    "Your words are not saved yet");
	page_text(p, "%s", easy ? "The computer was too busy to save them." :
	    "The workshop record could not take your words just now, so "
	    "nothing was saved.");
	page_text(p, "%s", easy ? "These are your words:" : "These are your "
	    "words, so that you can send them again in a minute:");
	page_quote(p, "%s", words);
	if (easy)
		page_text(p, "Please wait a minute. Then send them again.");
	/* The same say address with the words in it: nothing to retype. */
	view_resend(p, path, words, proto, easy ? "Send my words again" :
	    "Send these words again");
	view_nav(p);
}

/* A page from the record; participant input is decoded and limited here. */
/*
 * The record's part of a reply, the same at every door: count words sent
 * to a say route against the limit, once a request; build the view from
 * the record, waiting for no one.  0 with `v' made (status 40 when the
 * view failed), or -1 when the record was busy, or was replaced while
 * words were saved: then the reply is tried again later.  Rather than
 * Gemini's 44 SLOW DOWN (section 3.2.4), which has no page and would lose
 * them, words over the limit are shown back with a way to send them again.
 */
static int
view_fetch(struct server *srv, const char *path, const char *in,
    int saying, enum view_proto proto, struct reply_src *src,
    struct view *v)
{
	int	 secs, rc;

	if (!saying && read_begin(srv) == -1)
		return -1;
	memset(v, 0, sizeof(*v));
	if (saying && !src->charged) {
		src->charged = 1;
		if ((src->wait = ratelimit_take(srv->rl, src->key,
		    mono_us())) > 0)
			log_warnx("input refused: rate limit");
	}
	secs = saying ? src->wait : 0;
	rc = secs > 0 ? view_refuse(srv->store, path, in, proto, secs, v) :
	    view_route(srv->store, path, in, proto, v);
	if (!saying)
		read_end(srv);
	if (rc == -1) {
		if (store_failed_busy(srv)) {
			view_release(v);
			return -1;
		}
		v->status = 40;	/* and v->meta says so */
	}
	if (saying && !reply_store_current(srv)) {
		/* Saved, perhaps, but into a file no longer at the path. */
		log_warnx("the record was replaced while words were saved");
		view_release(v);
		return -1;
	}
	return 0;
}

static int
reply_view(struct server *srv, const struct request *req,
    struct reply_src *src, enum reply_try try, struct buf *out)
{
	struct page	 p;
	struct view	 v;
	char		 input[VIEW_INPUT_MAX + 1];
	const char	*in = NULL, *errstr;
	size_t		 inlen, start;
	int		 status, saying;

	if (req->query != NULL) {
		if (url_input_decode(req->query, req->querylen, input,
		    VIEW_INPUT_MAX, &inlen, &errstr) == -1) {
			log_warnx("input refused: %s", errstr);
			reply_header(out, 59, strcmp(errstr, "input too long")
			    == 0 ? "Your words are too long: please send at "
			    "most 1000 letters" : "Your words could not be "
			    "read: please type them again");
			return 59;
		}
		in = input;
	}

	start = out->len;
	saying = in != NULL && view_is_say(req->path);
	if (!saying)
		store_watch(srv);
	else if (store_ready(srv) == -1)
		goto again;
	if (in == NULL && (status = cache_get(srv, req->path, VIEW_GEMINI,
	    out, NULL)) != 0)
		return status;
	if (view_fetch(srv, req->path, in, saying, VIEW_GEMINI, src, &v) ==
	    -1)
		goto again;
	switch (v.status) {
	case 10:
		reply_header(out, 10, v.meta != NULL ? v.meta : "Your words");
		break;
	case 20:
		buf_addf(out, "20 text/gemini; charset=utf-8; lang=%s\r\n",
		    safe_lang(v.page.lang));
		page_render_gemtext(&v.page, out);
		if (in == NULL)
			cache_put(srv, req->path, VIEW_GEMINI, 20,
			    out->data + start, out->len - start);
		break;
	case 31:
		if (v.meta == NULL || v.meta[0] != '/') {
			log_warnx("view: redirect without a target");
			v.status = 40;
			reply_header(out, 40, "Temporary failure");
		} else
			v.status = redirect(out, v.meta, "", req);
		break;
	case 51:
		reply_header(out, 51, v.meta != NULL ? v.meta : "Not found");
		break;
	case 40:
		reply_header(out, 40, v.meta != NULL ? v.meta :
		    "Temporary failure");
		break;
	default:
		log_warnx("view: unexpected status %d", v.status);
		v.status = 40;
		reply_header(out, 40, "Temporary failure");
		break;
	}
	status = v.status;
	view_release(&v);
	return status;
 again:
	buf_cut(out, start);
	if (try != REPLY_LAST)
		return REPLY_RETRY;
	if (!saying) {
		reply_header(out, 40, "The workshop record is busy: please try "
		    "again in a minute");
		return 40;
	}
	log_warnx("input not saved: the record stayed busy or missing");
	unsaved_page(&p, req->path, in, VIEW_GEMINI);
	buf_addf(out, "20 text/gemini; charset=utf-8; lang=%s\r\n",
	    SERVER_LANG);
	page_render_gemtext(&p, out);
	page_release(&p);
	return 20;
}

int
reply_request(struct server *srv, const struct request *req,
    struct reply_src *src, enum reply_try try, struct buf *out, int *fdp)
{
	const char	*mime, *body;
	size_t		 len;

	*fdp = -1;
	if (view_is_route(req->path))
		return reply_view(srv, req, src, try, out);

	switch (capsule_get(&srv->files, srv->capsule_fd, req->path,
	    mono_seconds(), fdp, &mime, &body, &len)) {
	case CAPSULE_FILE:
		buf_addf(out, "20 %s\r\n", mime);
		if (body != NULL)
			buf_add(out, body, len);
		return 20;
	case CAPSULE_DIR:
		return redirect(out, req->path, "/", req);
	case CAPSULE_NOTFOUND:
		reply_header(out, 51, "Not found");
		return 51;
	case CAPSULE_ERROR:
	default:
		reply_header(out, 40, "Temporary failure");
		return 40;
	}
}

/* ---- Gopher (RFC 1436) --------------------------------------------- */

#define GOPHER_FILE_MAX	(1024 * 1024)	/* a capsule page read to convert */
#define GOPHER_HOPS	2		/* redirects followed inside */

/*
 * A selector as a path: percent-decoded where a client encoded it, then
 * canonical.  Any ".." is refused, not resolved: Gopher selectors are
 * exact, and a client that sends one is probing.
 */
static int
gopher_path(const char *selector, char *path, size_t pathsz,
    const char **errstr)
{
	char		 decoded[GOPHER_SELECTOR_MAX + 1];
	const char	*p;
	size_t		 len;

	if (url_decode(selector, strlen(selector), decoded, sizeof(decoded),
	    &len, errstr) == -1)
		return -1;
	for (p = decoded; (p = strstr(p, "..")) != NULL; p += 2)
		if ((p == decoded || p[-1] == '/') &&
		    (p[2] == '\0' || p[2] == '/')) {
			*errstr = "the selector climbs with \"..\"";
			return -1;
		}
	if (decoded[0] == '\0')
		return snprintf(path, pathsz, "/") >= (int)pathsz ? -1 : 0;
	return url_path_canon(selector, strlen(selector), path, pathsz, errstr);
}

static void
gopher_menu(struct server *srv, const struct page *p, const char *path,
    struct buf *out)
{
	gopher_render_menu(p, path, srv->conf->host, srv->gopher_port, out);
}

/*
 * The view's question (status 10) as a menu with a search item; `words'
 * sent but not taken (too long) are shown back, so nothing is lost.
 */
static void
gopher_ask(struct server *srv, const char *path, const char *prompt,
    const char *words, struct buf *out)
{
	struct page	 p;
	char		*title;
	int		 easy = strncmp(path, "/easy/", 6) == 0;

	/* Easy Read says the same in its own words (docs/pages.md). */
	page_init(&p, SERVER_LANG);
	title = view_say_title(path);
	page_heading(&p, 1, "%s", title);
	free(title);
	page_text(&p, "%s.", prompt);
	if (words != NULL && *words != '\0') {
		page_text(&p, "%s", easy ? "These are your words. You can "
		    "copy them, and send them in two parts:" : "These are the "
		    "words you sent, to copy and send again in parts:");
		page_quote(&p, "%s", words);
	}
	page_text(&p, "%s", easy ? "This link is not secret. Other people on "
	    "the network could see your words." : "Gopher is not encrypted: "
	    "words typed here cross the network where others could read "
	    "them.");
	page_input(&p, path, easy ? "Type your words, not secret" :
	    "Type your words, not encrypted");
	view_nav(&p);
	gopher_menu(srv, &p, path, out);
	page_release(&p);
}

int
reply_gopher(struct server *srv, char *line, size_t len,
    struct reply_src *src, enum reply_try try, char *path, size_t pathsz,
    struct buf *out, int *fdp)
{
	struct view	 v;
	struct page	 p;
	struct buf	 file;
	const char	*errstr, *mime;
	char		*selector, *search;
	char		 copy[GOPHER_REQUEST_MAX + 1];
	size_t		 start;
	int		 hops, fd, status, saying;

	*fdp = -1;
	path[0] = '\0';
	/* Parsed from a copy: a retry parses the line again. */
	if (len > GOPHER_REQUEST_MAX) {
		gopher_error("the request is too long", srv->conf->host,
		    srv->gopher_port, out);
		return 59;
	}
	memcpy(copy, line, len);
	copy[len] = '\0';
	line = copy;
	if (gopher_request_parse(line, len, &selector, &search, &errstr) ==
	    -1 || gopher_path(selector, path, pathsz, &errstr) == -1) {
		log_warnx("gopher request refused: %s", errstr);
		gopher_error(errstr, srv->conf->host, srv->gopher_port, out);
		return 59;
	}
	for (hops = 0; hops <= GOPHER_HOPS; hops++) {
		if (!view_is_route(path))
			break;

		start = out->len;
		saying = search != NULL && view_is_say(path);
		if (!saying)
			store_watch(srv);
		else if (store_ready(srv) == -1)
			goto again;
		if (search == NULL && (status = cache_get(srv, path,
		    VIEW_GOPHER, out, NULL)) != 0)
			return status;
		if (view_fetch(srv, path, search, saying, VIEW_GOPHER, src,
		    &v) == -1)
			goto again;
		status = v.status;
		switch (v.status) {
		case 20:
			gopher_menu(srv, &v.page, path, out);
			if (search == NULL)
				cache_put(srv, path, VIEW_GOPHER, 20,
				    out->data + start, out->len - start);
			break;
		case 10:
			/* Words shown back if too long, not if empty. */
			gopher_ask(srv, path, v.meta ? v.meta : "Your words",
			    saying && strlen(search) > VIEW_INPUT_MAX ? search :
			    NULL, out);
			status = 20;
			break;
		case 31:
			/* Gopher has no redirects: serve the target. */
			if (v.meta != NULL && v.meta[0] == '/' &&
			    strlen(v.meta) < pathsz) {
				(void)snprintf(path, pathsz, "%s", v.meta);
				view_release(&v);
				search = NULL;
				continue;
			}
			status = 40;
			gopher_error("Temporary failure", srv->conf->host,
			    srv->gopher_port, out);
			break;
		case 51:
			gopher_error("Not found: there is no page at this "
			    "address", srv->conf->host, srv->gopher_port, out);
			break;
		default:
			status = 40;
			gopher_error(v.meta ? v.meta : "Temporary failure",
			    srv->conf->host, srv->gopher_port, out);
			break;
		}
		view_release(&v);
		return status;
	again:
		buf_cut(out, start);
		if (try != REPLY_LAST)
			return REPLY_RETRY;
		if (!saying) {
			gopher_error("The workshop record is busy: please try "
			    "again in a minute", srv->conf->host,
			    srv->gopher_port, out);
			return 40;
		}
		log_warnx("input not saved: the record stayed busy or missing");
		unsaved_page(&p, path, search, VIEW_GOPHER);
		gopher_menu(srv, &p, path, out);
		page_release(&p);
		return 20;
	}
	if (hops > GOPHER_HOPS) {
		gopher_error("Temporary failure", srv->conf->host,
		    srv->gopher_port, out);
		return 40;
	}

	switch (capsule_lookup(srv->capsule_fd, path, &fd, &mime)) {
	case CAPSULE_DIR:
		/* No redirects: serve its index, whose links are relative. */
		if (strlen(path) + 2 > pathsz ||
		    capsule_lookup(srv->capsule_fd, strcat(path, "/"), &fd,
		    &mime) != CAPSULE_FILE)
			goto notfound;
		/* FALLTHROUGH */
	case CAPSULE_FILE:
		if (strncmp(mime, "text/", 5) != 0) {
			*fdp = fd;	/* a binary file, as it is */
			return 20;
		}
		buf_init(&file);
		if (buf_read_fd(&file, fd, GOPHER_FILE_MAX) == -1) {
			buf_release(&file);
			gopher_error("Temporary failure", srv->conf->host,
			    srv->gopher_port, out);
			return 40;
		}
		if (strncmp(mime, "text/gemini", 11) == 0) {
			page_init(&p, SERVER_LANG);
			page_parse_gemtext(&p, file.data ? file.data : "",
			    file.len);
			gopher_menu(srv, &p, path, out);
			page_release(&p);
		} else
			gopher_render_text(file.data ? file.data : "", file.len,
			    out);
		buf_release(&file);
		return 20;
	case CAPSULE_NOTFOUND:
	notfound:
		gopher_error("Not found: there is no page at this address",
		    srv->conf->host, srv->gopher_port, out);
		return 51;
	case CAPSULE_ERROR:
	default:
		gopher_error("Temporary failure", srv->conf->host,
		    srv->gopher_port, out);
		return 40;
	}
}

/* ---- the web door (HTML over HTTP and HTTPS) ----------------------- */

#define WEB_FILE_MAX	(1024 * 1024)	/* a capsule page read to convert */

void
web_reply_init(struct web_reply *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body);
	r->fd = -1;
}

void
web_reply_release(struct web_reply *r)
{
	free(r->location);
	r->location = NULL;
	buf_release(&r->body);
	kept_drop(r->kept);
	r->kept = NULL;
	if (r->fd != -1)
		close(r->fd);
	r->fd = -1;
}

static void
web_page(struct web_reply *r, int status, const struct page *p)
{
	r->status = status;
	/* The language is the page's own <html lang>, as it is cached. */
	r->mime = "text/html; charset=utf-8";
	page_render_html(p, &r->body);
}

/* A page that says why there is no other: `title' and one sentence. */
static void
web_error(struct web_reply *r, int status, const char *title,
    const char *why)
{
	struct page	 p;

	page_init(&p, SERVER_LANG);
	page_heading(&p, 1, "%s", title);
	page_text(&p, "%s", why);
	view_nav(&p);
	buf_reset(&r->body);
	web_page(r, status, &p);
	page_release(&p);
}

/*
 * The view's question (Gemini's 10 INPUT) as a page with a form, posted
 * to the same say route; over plain HTTP it says the words are not
 * encrypted.  `words' (or NULL) are shown in the form to send again.
 */
static void
web_ask(struct web_reply *r, int status, enum view_proto proto,
    const char *path, const char *prompt, const char *words)
{
	struct page	 p;
	char		*label;
	int		 easy = strncmp(path, "/easy/", 6) == 0;

	page_init(&p, SERVER_LANG);
	label = view_say_title(path);
	page_heading(&p, 1, "%s", label);
	free(label);
	if (proto == VIEW_HTTP)
		page_text(&p, "%s", easy ? "This page is not secret. Other "
		    "people on the network could see your words." : "This web "
		    "address is not encrypted: words typed here cross the "
		    "network where others could read them.");
	/* The box takes what the question says it takes. */
	label = xasprintf("%s.", prompt);
	/* The box takes what the label says, in Easy Read too. */
	page_form(&p, path, label, words, view_input_letters(path));
	free(label);
	view_nav(&p);
	web_page(r, status, &p);
	page_release(&p);
}

static void
web_redirect(struct web_reply *r, const char *path, const char *suffix)
{
	struct buf	 target;

	buf_init(&target);
	url_path_encode(&target, path);
	buf_adds(&target, suffix);
	r->status = 301;
	r->location = buf_take(&target);
}

/* A workshop page from the record, as reply_view() does for Gemini. */
static int
web_view(struct server *srv, enum view_proto proto, const char *path,
    const char *query, size_t querylen, const char *words,
    struct reply_src *src, enum reply_try try, struct web_reply *r)
{
	struct view	 v;
	struct page	 p;
	char		 shown[VIEW_INPUT_MAX + 1];
	const char	*errstr, *again = NULL;
	size_t		 len;
	int		 status, saying;

	saying = words != NULL && view_is_say(path);
	/* A query on a say route: the words to send again, not saved. */
	if (words == NULL && query != NULL && view_is_say(path) &&
	    url_input_decode(query, querylen, shown, VIEW_INPUT_MAX, &len,
	    &errstr) == 0)
		again = shown;
	if (!saying)
		store_watch(srv);
	else if (store_ready(srv) == -1)
		goto again;
	if (words == NULL && again == NULL && (status = cache_get(srv, path,
	    proto, &r->body, &r->kept)) != 0) {
		r->status = status;
		r->mime = "text/html; charset=utf-8";
		return status;
	}
	if (view_fetch(srv, path, saying ? words : NULL, saying, proto, src,
	    &v) == -1)
		goto again;
	switch (v.status) {
	case 10:
		/* Words sent but not taken (too long): shown back, 400. */
		web_ask(r, saying ? 400 : 200, proto, path, v.meta != NULL ?
		    v.meta : "Your words", saying ? words : again);
		break;
	case 20:
		web_page(r, 200, &v.page);
		if (words == NULL && again == NULL)
			cache_put(srv, path, proto, 200,
			    r->body.data, r->body.len);
		break;
	case 31:
		if (v.meta == NULL || v.meta[0] != '/') {
			log_warnx("view: redirect without a target");
			web_error(r, 503, "Please try again", "Something went "
			    "wrong here. Please try again in a minute.");
		} else
			web_redirect(r, v.meta, "");
		break;
	case 51:
		web_error(r, 404, "Page not found", "There is no page at this "
		    "address.");
		break;
	default:
		web_error(r, 503, "Please try again", v.meta != NULL ? v.meta :
		    "The workshop record is not available just now. Please "
		    "try again in a minute.");
		break;
	}
	view_release(&v);
	return r->status;
 again:
	buf_reset(&r->body);
	if (try != REPLY_LAST)
		return REPLY_RETRY;
	if (!saying) {
		web_error(r, 503, "Please try again", "The workshop record is "
		    "busy. Please try again in a minute.");
		return r->status;
	}
	log_warnx("input not saved: the record stayed busy or missing");
	unsaved_page(&p, path, words, proto);
	web_page(r, 503, &p);
	page_release(&p);
	return r->status;
}

int
reply_web(struct server *srv, enum view_proto proto, const char *path,
    const char *query, size_t querylen, const char *words,
    struct reply_src *src, enum reply_try try, struct web_reply *r)
{
	struct page	 p;
	const char	*mime, *body;
	size_t		 len;
	int		 fd;

	if (view_is_route(path))
		return web_view(srv, proto, path, query, querylen, words, src,
		    try, r);
	if (words != NULL) {
		web_error(r, 405, "Words cannot be sent here", "Only the pages "
		    "that ask for your words take them.");
		return r->status;
	}
	switch (capsule_get(&srv->files, srv->capsule_fd, path,
	    mono_seconds(), &fd, &mime, &body, &len)) {
	case CAPSULE_FILE:
		break;
	case CAPSULE_DIR:
		web_redirect(r, path, "/");
		return r->status;
	case CAPSULE_NOTFOUND:
		web_error(r, 404, "Page not found", "There is no page at this "
		    "address.");
		return r->status;
	case CAPSULE_ERROR:
	default:
		web_error(r, 503, "Please try again", "Something went wrong "
		    "here. Please try again in a minute.");
		return r->status;
	}
	if (strncmp(mime, "text/gemini", 11) != 0) {
		/* Any other file as it is, with its own type. */
		r->status = 200;
		r->mime = mime;
		if (body != NULL)
			buf_add(&r->body, body, len);
		else
			r->fd = fd;
		return r->status;
	}
	if (body == NULL) {
		struct buf	 file;

		buf_init(&file);
		if (buf_read_fd(&file, fd, WEB_FILE_MAX) == -1) {
			buf_release(&file);
			web_error(r, 503, "Please try again", "Something went "
			    "wrong here. Please try again in a minute.");
			return r->status;
		}
		page_init(&p, SERVER_LANG);
		page_parse_gemtext(&p, file.data != NULL ? file.data : "",
		    file.len);
		buf_release(&file);
	} else {
		page_init(&p, SERVER_LANG);
		page_parse_gemtext(&p, body, len);
	}
	web_page(r, 200, &p);
	page_release(&p);
	return r->status;
}
