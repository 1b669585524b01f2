/*
 * Each segment is opened with openat(O_NOFOLLOW) under the one before,
 * starting at the capsule's descriptor: the canonical path has no "..",
 * and no link is followed, so the walk cannot leave the capsule whatever
 * the directory holds.  Refusing every symbolic link is the simplest rule
 * that is safe; a capsule that wants two names for a page copies it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "capsule.h"
#include "log.h"
#include "request.h"
#include "util.h"

#define GEMTEXT		"text/gemini; charset=utf-8; lang=en-GB"

static const struct {
	const char	*ext;
	const char	*mime;
} mimes[] = {
	{ "gmi",	GEMTEXT },
	{ "gemini",	GEMTEXT },
	{ "txt",	"text/plain; charset=utf-8" },
	{ "md",		"text/markdown; charset=utf-8" },
	{ "csv",	"text/csv; charset=utf-8" },
	{ "html",	"text/html; charset=utf-8" },
	{ "css",	"text/css" },
	{ "json",	"application/json" },
	{ "xml",	"application/xml" },
	{ "atom",	"application/atom+xml" },
	{ "pdf",	"application/pdf" },
	{ "png",	"image/png" },
	{ "jpg",	"image/jpeg" },
	{ "jpeg",	"image/jpeg" },
	{ "gif",	"image/gif" },
	{ "webp",	"image/webp" },
	{ "svg",	"image/svg+xml" },
	{ "mp3",	"audio/mpeg" },
	{ "ogg",	"audio/ogg" },
	{ "opus",	"audio/opus" },
	{ "wav",	"audio/wav" },
	{ "zip",	"application/zip" },
	{ "gz",		"application/gzip" },
	{ NULL,		NULL }
};

const char *
capsule_mime(const char *name)
{
	const char	*dot, *slash;
	size_t		 i;

	slash = strrchr(name, '/');
	dot = strrchr(slash != NULL ? slash : name, '.');
	if (dot != NULL)
		for (i = 0; mimes[i].ext != NULL; i++)
			if (strcasecmp(dot + 1, mimes[i].ext) == 0)
				return mimes[i].mime;
	return "application/octet-stream";
}

int
capsule_open(const char *path)
{
	return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* Which errors mean "no such page" and which mean "try again later". */
static enum capsule_found
open_failed(const char *what)
{
	switch (errno) {
	case EMFILE:
	case ENFILE:
	case ENOMEM:
	case EIO:
		log_warn("capsule: cannot open %s", what);
		return CAPSULE_ERROR;
	default:
		return CAPSULE_NOTFOUND;
	}
}

static enum capsule_found
lookup(int dirfd, const char *path, int *fdp, const char **mime,
    struct stat *stp)
{
	char			 copy[GEMINI_URL_MAX + 2];
	char			*seg, *slash;
	const char		*name;
	struct stat		 st;
	enum capsule_found	 ret = CAPSULE_NOTFOUND;
	int			 cur = dirfd, fd, isindex = 0;

	*fdp = -1;
	*mime = NULL;
	if (path[0] != '/' || strlen(path) >= sizeof(copy))
		return CAPSULE_NOTFOUND;
	strcpy(copy, path + 1);

	/* Every directory on the way, refusing links and hidden names. */
	for (seg = copy; (slash = strchr(seg, '/')) != NULL; seg = slash + 1) {
		*slash = '\0';
		if (seg[0] == '.' || seg[0] == '\0')
			goto out;
		fd = openat(cur, seg, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd == -1) {
			ret = open_failed("directory");
			goto out;
		}
		if (cur != dirfd)
			close(cur);
		cur = fd;
	}

	if (*seg == '\0') {
		name = "index.gmi";	/* the path ended in '/' */
		isindex = 1;
	} else if (seg[0] == '.')
		goto out;
	else
		name = seg;
	fd = openat(cur, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC);
	if (fd == -1) {
		ret = open_failed("file");
		goto out;
	}
	if (fstat(fd, &st) == -1) {
		log_warn("capsule: fstat");
		close(fd);
		ret = CAPSULE_ERROR;
		goto out;
	}
	if (S_ISDIR(st.st_mode) && !isindex) {
		ret = CAPSULE_DIR;
		close(fd);
	} else if (!S_ISREG(st.st_mode)) {
		close(fd);		/* fifo, device, socket: never */
	} else {
		*fdp = fd;
		*mime = capsule_mime(name);
		*stp = st;
		ret = CAPSULE_FILE;
	}
 out:
	if (cur != dirfd)
		close(cur);
	return ret;
}

enum capsule_found
capsule_lookup(int dirfd, const char *path, int *fdp, const char **mime)
{
	struct stat	 st;

	return lookup(dirfd, path, fdp, mime, &st);
}

/* ---- files kept in memory ------------------------------------------ */

/*
 * Each worker keeps the small files it has served, so that a static page
 * costs no open, fstat, read or close: once a second at most, a file is
 * looked up again (the same walk, O_NOFOLLOW and all), and read again
 * if its inode, size or modification time changed.  A reload starts new
 * workers, with nothing kept.
 */
struct capsule_cache {
	size_t		 bytes;		/* sum of the bodies kept */
	size_t		 next;		/* the slot to replace */
	struct {
		char		*path;		/* owned; NULL: empty slot */
		const char	*mime;		/* static */
		char		*body;		/* owned */
		size_t		 len;
		dev_t		 dev;
		ino_t		 ino;
		off_t		 size;
		struct timespec	 mtime;
		long long	 checked;	/* monotonic second */
	}		 e[CAPSULE_CACHE_FILES];
};

static void
cache_drop(struct capsule_cache *cc, size_t i)
{
	if (cc->e[i].path == NULL)
		return;
	cc->bytes -= cc->e[i].len;
	free(cc->e[i].path);
	free(cc->e[i].body);
	cc->e[i].path = NULL;
	cc->e[i].body = NULL;
	cc->e[i].len = 0;
}

void
capsule_cache_free(struct capsule_cache *cc)
{
	size_t	 i;

	if (cc == NULL)
		return;
	for (i = 0; i < CAPSULE_CACHE_FILES; i++)
		cache_drop(cc, i);
	free(cc);
}

static int
same_file(const struct stat *a, dev_t dev, ino_t ino, off_t size,
    const struct timespec *mtime)
{
	return a->st_dev == dev && a->st_ino == ino && a->st_size == size &&
	    a->st_mtim.tv_sec == mtime->tv_sec &&
	    a->st_mtim.tv_nsec == mtime->tv_nsec;
}

/* All of `fd' if it holds exactly `size' bytes, else NULL. */
static char *
read_exact(int fd, size_t size)
{
	char	*body, extra;
	size_t	 got = 0;
	ssize_t	 n;

	body = xmalloc(size + 1);
	while (got < size) {
		n = read(fd, body + got, size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	/* Grown since fstat(), or shrunk: serve it from the file this time. */
	if (got != size || read(fd, &extra, 1) != 0) {
		free(body);
		return NULL;
	}
	return body;
}

enum capsule_found
capsule_get(struct capsule_cache **ccp, int dirfd, const char *path,
    long long now, int *fdp, const char **mime, const char **body,
    size_t *len)
{
	struct capsule_cache	*cc;
	enum capsule_found	 ret;
	struct stat		 st;
	size_t			 i, slot;
	char			*data;

	*body = NULL;
	*len = 0;
	if ((cc = *ccp) == NULL)
		cc = *ccp = xcalloc(1, sizeof(*cc));
	for (i = 0; i < CAPSULE_CACHE_FILES; i++)
		if (cc->e[i].path != NULL && strcmp(cc->e[i].path, path) == 0)
			break;
	if (i < CAPSULE_CACHE_FILES && cc->e[i].checked == now)
		goto hit;

	if ((ret = lookup(dirfd, path, fdp, mime, &st)) != CAPSULE_FILE) {
		if (i < CAPSULE_CACHE_FILES)
			cache_drop(cc, i);
		return ret;
	}
	if (i < CAPSULE_CACHE_FILES) {
		if (same_file(&st, cc->e[i].dev, cc->e[i].ino, cc->e[i].size,
		    &cc->e[i].mtime)) {
			close(*fdp);
			cc->e[i].checked = now;
			goto hit;
		}
		cache_drop(cc, i);
	}
	if (st.st_size > CAPSULE_CACHE_FILE_MAX ||
	    (data = read_exact(*fdp, (size_t)st.st_size)) == NULL) {
		if (lseek(*fdp, 0, SEEK_SET) == -1) {
			log_warn("capsule: lseek");
			close(*fdp);
			*fdp = -1;
			return CAPSULE_ERROR;
		}
		return CAPSULE_FILE;	/* from the file, as it is */
	}
	close(*fdp);

	/* A free slot, or the next in turn; then room under the cap. */
	for (slot = 0; slot < CAPSULE_CACHE_FILES; slot++)
		if (cc->e[slot].path == NULL)
			break;
	if (slot == CAPSULE_CACHE_FILES)
		slot = cc->next++ % CAPSULE_CACHE_FILES;
	cache_drop(cc, slot);
	for (i = 0; cc->bytes + (size_t)st.st_size > CAPSULE_CACHE_MAX &&
	    i < CAPSULE_CACHE_FILES; i++)
		cache_drop(cc, i);
	i = slot;
	cc->e[i].path = xstrdup(path);
	cc->e[i].mime = *mime;
	cc->e[i].body = data;
	cc->e[i].len = (size_t)st.st_size;
	cc->e[i].dev = st.st_dev;
	cc->e[i].ino = st.st_ino;
	cc->e[i].size = st.st_size;
	cc->e[i].mtime = st.st_mtim;
	cc->e[i].checked = now;
	cc->bytes += cc->e[i].len;
 hit:
	*fdp = -1;
	*mime = cc->e[i].mime;
	*body = cc->e[i].body;
	*len = cc->e[i].len;
	return CAPSULE_FILE;
}
