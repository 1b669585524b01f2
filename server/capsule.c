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
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "capsule.h"
#include "log.h"
#include "request.h"

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

enum capsule_found
capsule_lookup(int dirfd, const char *path, int *fdp, const char **mime)
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
		ret = CAPSULE_FILE;
	}
 out:
	if (cur != dirfd)
		close(cur);
	return ret;
}
