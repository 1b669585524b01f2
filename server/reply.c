/*
 * Routing: paths under /w/ are pages built from the record (view.h), all
 * others are files from the capsule.  Every reply is a Gemini header
 * (specification, section 3.1) and, for status 20, a body.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capsule.h"
#include "log.h"
#include "page.h"
#include "ratelimit.h"
#include "server.h"
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

/* A page from the record; participant input is decoded and limited here. */
static int
reply_view(struct server *srv, const struct request *req, uint64_t src,
    struct buf *out)
{
	struct view	 v;
	char		 input[VIEW_INPUT_MAX + 1], wait[16];
	const char	*in = NULL, *errstr;
	size_t		 inlen;
	int		 status, secs;

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
		/* Section 3.2.4: 44 SLOW DOWN, meta = seconds to wait. */
		if ((secs = ratelimit_take(srv->rl, src, mono_seconds())) > 0) {
			log_warnx("input refused: rate limit");
			(void)snprintf(wait, sizeof(wait), "%d", secs);
			reply_header(out, 44, wait);
			return 44;
		}
		in = input;
	}

	memset(&v, 0, sizeof(v));
	if (view_route(srv->store, req->path, in, VIEW_GEMINI, &v) == -1)
		v.status = 40;	/* and v.meta says so */
	switch (v.status) {
	case 10:
		reply_header(out, 10, v.meta != NULL ? v.meta : "Your words");
		break;
	case 20:
		buf_addf(out, "20 text/gemini; charset=utf-8; lang=%s\r\n",
		    safe_lang(v.page.lang));
		page_render_gemtext(&v.page, out);
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
}

int
reply_request(struct server *srv, const struct request *req, uint64_t src,
    struct buf *out, int *fdp)
{
	const char	*mime;

	*fdp = -1;
	if (strcmp(req->path, "/w") == 0)
		return redirect(out, req->path, "/", req);
	if (strncmp(req->path, "/w/", 3) == 0)
		return reply_view(srv, req, src, out);

	switch (capsule_lookup(srv->capsule_fd, req->path, fdp, &mime)) {
	case CAPSULE_FILE:
		buf_addf(out, "20 %s\r\n", mime);
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
