/*
 * Static files from the capsule directory, opened once (a directory
 * descriptor) and walked one path segment at a time with O_NOFOLLOW, so
 * that no name, "..", or symbolic link can lead outside it.
 */
#ifndef CAPSULE_H
#define CAPSULE_H

#include <stddef.h>

enum capsule_found {
	CAPSULE_FILE,		/* a regular file: *fdp is open */
	CAPSULE_DIR,		/* a directory asked for without its '/' */
	CAPSULE_NOTFOUND,	/* missing, hidden, a link, not a regular file */
	CAPSULE_ERROR		/* out of descriptors or similar: logged */
};

/* Open directory `path' for capsule_lookup().  The descriptor or -1. */
int	capsule_open(const char *path);

/*
 * Look up `path' (canonical as url_path_canon() makes it) under the
 * capsule descriptor `dirfd'.  A path ending in '/' means that
 * directory's index.gmi.  Segments beginning with '.' are hidden, and
 * symbolic links are never followed.  On CAPSULE_FILE the caller owns
 * *fdp and *mime is the file's type (static).
 */
enum capsule_found capsule_lookup(int dirfd, const char *path, int *fdp,
	    const char **mime);

/*
 * Each worker's files kept in memory: at most CAPSULE_CACHE_FILES of them,
 * each at most CAPSULE_CACHE_FILE_MAX bytes, CAPSULE_CACHE_MAX in all.
 */
#define CAPSULE_CACHE_FILES	64
#define CAPSULE_CACHE_FILE_MAX	(64 * 1024)
#define CAPSULE_CACHE_MAX	(2 * 1024 * 1024)

struct capsule_cache;

/*
 * capsule_lookup() through the cache *ccp (made on first use), at
 * monotonic second `now': a file kept, and looked at again no more than
 * once a second, comes as *body and *len (borrowed until the next call)
 * with *fdp -1; a larger one as *fdp, as from capsule_lookup().
 */
enum capsule_found capsule_get(struct capsule_cache **ccp, int dirfd,
	    const char *path, long long now, int *fdp, const char **mime,
	    const char **body, size_t *len);
void	capsule_cache_free(struct capsule_cache *);

/* The media type for file name `name', by extension (static). */
const char *capsule_mime(const char *name);

#endif
