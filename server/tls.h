/*
 * TLS for blanksheetd: one SSL_CTX built at start (and again on reload),
 * TLS 1.2 and 1.3 only, and a self-signed ECDSA P-256 certificate made
 * on first start when none is given (Gemini uses trust on first use).
 */
#ifndef TLS_H
#define TLS_H

#include <stddef.h>

#include <openssl/ssl.h>

/*
 * A server context from PEM files `cert' (a chain) and `key'.  NULL on
 * failure, with the reason in `err' (errlen bytes).  Caller frees with
 * SSL_CTX_free().
 */
SSL_CTX	*tls_ctx_new(const char *cert, const char *key, char *err,
	    size_t errlen);

/*
 * Make a self-signed certificate for `host' (a DNS name or an IP
 * address) with a new P-256 key, written to `cert' (mode 0644) and `key'
 * (mode 0600), unless both files exist already.  Files appear whole or
 * not at all.  0, or -1 with the reason in `err'.
 */
int	tls_cert_ensure(const char *host, const char *cert, const char *key,
	    char *err, size_t errlen);

/* Drain OpenSSL's error queue into `buf' as one line ("" when empty). */
void	tls_errors(char *buf, size_t len);

#endif
