/*
 * Everything that can be done once is done here, at start or reload: the
 * context, the certificate and key, the ticket key (one per context, so
 * every worker forked from it resumes every other's sessions).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "tls.h"
#include "util.h"

/* TLS 1.2 suites: forward secret and AEAD only.  1.3's are all fine. */
#define CERT_DAYS	3650

void
tls_errors(char *buf, size_t len)
{
	unsigned long	 e;
	size_t		 off = 0;
	char		 one[256];

	if (len == 0)
		return;
	buf[0] = '\0';
	while ((e = ERR_get_error()) != 0) {
		ERR_error_string_n(e, one, sizeof(one));
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    off > 0 ? "; " : "", one);
	}
}

static void
seterr(char *err, size_t errlen, const char *what)
{
	char	 ssl[512];

	tls_errors(ssl, sizeof(ssl));
	if (ssl[0] != '\0')
		snprintf(err, errlen, "%s: %s", what, ssl);
	else if (errno != 0)
		snprintf(err, errlen, "%s: %s", what, strerror(errno));
	else
		snprintf(err, errlen, "%s", what);
}

SSL_CTX *
tls_ctx_new(const char *cert, const char *key, char *err, size_t errlen)
{
	SSL_CTX		*ctx;
	const char	*what = "cannot create TLS context";

	ERR_clear_error();
	errno = 0;
	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL)
		goto fail;
	if (!SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS) ||
	    !SSL_CTX_set_ciphersuites(ctx, TLS13_SUITES))
		goto fail;
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION |
	    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION |
	    SSL_OP_IGNORE_UNEXPECTED_EOF);
	/*
	 * Idle connections hold no read or write buffers; writes may be
	 * partial and retried from a moved buffer (the response is written
	 * in chunks as a file is read).
	 */
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS |
	    SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	/*
	 * Read what has arrived in one read(2), not a record's header and
	 * then its body: on a non-blocking socket that saves a system call
	 * per record.  The worker reads until SSL_ERROR_WANT_READ, so
	 * nothing is left unseen in OpenSSL's buffer.
	 */
	SSL_CTX_set_read_ahead(ctx, 1);
	/* Stateless tickets, one per connection; no server-side cache. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	if (!SSL_CTX_set_num_tickets(ctx, 1))
		goto fail;

	what = "cannot load certificate";
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
		goto fail;
	what = "cannot load key";
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
		goto fail;
	what = "key does not match certificate";
	if (SSL_CTX_check_private_key(ctx) != 1)
		goto fail;
	return ctx;
 fail:
	seterr(err, errlen, what);
	SSL_CTX_free(ctx);
	return NULL;
}

static int
add_ext(X509 *x, int nid, const char *value)
{
	X509V3_CTX	 v3;
	X509_EXTENSION	*ext;
	int		 ok;

	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	if ((ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value)) == NULL)
		return 0;
	ok = X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	return ok;
}

/* Write `pkey' or else `x' as PEM to a temporary file, then rename it. */
static int
write_pem(const char *path, mode_t mode, EVP_PKEY *pkey, X509 *x)
{
	char	*tmp;
	FILE	*fp;
	int	 fd, ok;

	tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	(void)unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode)) == -1) {
		free(tmp);
		return 0;
	}
	/* The mode asked for, whatever the umask. */
	if (fchmod(fd, mode) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		free(tmp);
		return 0;
	}
	ok = pkey != NULL ?
	    PEM_write_PrivateKey(fp, pkey, NULL, NULL, 0, NULL, NULL) :
	    PEM_write_X509(fp, x);
	if (fflush(fp) != 0 || fsync(fd) == -1)
		ok = 0;
	if (fclose(fp) != 0)
		ok = 0;
	if (ok && rename(tmp, path) == -1)
		ok = 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

static int
is_ip(const char *host)
{
	return strspn(host, "0123456789.") == strlen(host) ||
	    strchr(host, ':') != NULL;
}

int
tls_cert_ensure(const char *host, const char *cert, const char *key,
    char *err, size_t errlen)
{
	EVP_PKEY	*pkey = NULL;
	X509		*x = NULL;
	X509_NAME	*name;
	BIGNUM		*bn = NULL;
	char		*san = NULL;
	const char	*what;
	int		 havecert, havekey, ret = -1;

	havecert = access(cert, F_OK) == 0;
	havekey = access(key, F_OK) == 0;
	if (havecert && havekey)
		return 0;
	if (havecert || havekey) {
		snprintf(err, errlen, "found '%s' without '%s'",
		    havecert ? cert : key, havecert ? key : cert);
		return -1;
	}

	ERR_clear_error();
	errno = 0;
	what = "cannot make a P-256 key";
	if ((pkey = EVP_EC_gen("P-256")) == NULL)
		goto out;
	what = "cannot make a certificate";
	if ((x = X509_new()) == NULL || (bn = BN_new()) == NULL ||
	    !X509_set_version(x, 2) ||
	    !BN_rand(bn, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL ||
	    X509_gmtime_adj(X509_getm_notBefore(x), -3600) == NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), CERT_DAYS, 0, NULL) ==
	    NULL || !X509_set_pubkey(x, pkey))
		goto out;
	name = X509_get_subject_name(x);
	if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
	    (const unsigned char *)host, -1, -1, 0) ||
	    !X509_set_issuer_name(x, name))
		goto out;
	san = xasprintf("%s:%s", is_ip(host) ? "IP" : "DNS", host);
	if (!add_ext(x, NID_subject_alt_name, san) ||
	    !add_ext(x, NID_basic_constraints, "critical,CA:FALSE") ||
	    !add_ext(x, NID_key_usage, "critical,digitalSignature") ||
	    !add_ext(x, NID_ext_key_usage, "serverAuth") ||
	    !X509_sign(x, pkey, EVP_sha256()))
		goto out;
	what = "cannot write key";
	if (!write_pem(key, 0600, pkey, NULL))
		goto out;
	what = "cannot write certificate";
	if (!write_pem(cert, 0644, NULL, x)) {
		unlink(key);
		goto out;
	}
	ret = 0;
 out:
	if (ret == -1)
		seterr(err, errlen, what);
	free(san);
	BN_free(bn);
	X509_free(x);
	EVP_PKEY_free(pkey);
	return ret;
}
