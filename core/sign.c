/*
 * sign — SSH signatures of event commits (zdh-repository(5), SIGNATURES).
 *
 * The format is OpenSSH's PROTOCOL.sshsig, as `ssh-keygen -Y sign -n git`
 * writes it for git: the signed blob is
 *   "SSHSIG" string(namespace "git") string("") string("sha512") string(SHA-512(commit))
 * and the signature
 *   "SSHSIG" uint32(1) string(public key blob) string("git") string("")
 *   string("sha512") string(string("ssh-ed25519") string(64 signature bytes))
 * base64 between "-----BEGIN SSH SIGNATURE-----" and "-----END SSH
 * SIGNATURE-----", 70 characters a line.  git stores it as the commit's
 * gpgsig header (continuation lines start with a space) and checks it
 * over the commit without that header.
 *
 * libsodium does SHA-512 and ed25519: a small library (linked, not
 * loaded on demand like libgit2) whose signing takes some 50 µs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "error.h"
#include "i18n.h"
#include "sign.h"

#define ARMOR_BEGIN "-----BEGIN SSH SIGNATURE-----"
#define ARMOR_END "-----END SSH SIGNATURE-----"
#define KEY_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----"
#define KEY_END "-----END OPENSSH PRIVATE KEY-----"
#define WRAP 70

struct zdh_signer {
	unsigned char sk[crypto_sign_ed25519_SECRETKEYBYTES];	/* seed and public key */
	unsigned char pk[ZDH_PUBKEY_LEN];
};

/* SSH wire format: uint32 big-endian, string = uint32 length + bytes. */
static void put_u32(struct zdh_buf *b, uint32_t v)
{
	unsigned char c[4] = { v >> 24, v >> 16, v >> 8, v };
	zdh_buf_add(b, c, 4);
}

static void put_string(struct zdh_buf *b, const void *p, size_t n)
{
	put_u32(b, (uint32_t)n);
	zdh_buf_add(b, p, n);
}

static void put_cstring(struct zdh_buf *b, const char *s)
{
	put_string(b, s, strlen(s));
}

struct reader {
	const unsigned char *p, *end;
};

static int get_u32(struct reader *r, uint32_t *v)
{
	if (r->end - r->p < 4)
		return -1;
	*v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
	r->p += 4;
	return 0;
}

static int get_string(struct reader *r, const unsigned char **at, size_t *n)
{
	uint32_t len;

	if (get_u32(r, &len) || (size_t)(r->end - r->p) < len)
		return -1;
	*at = r->p;
	*n = len;
	r->p += len;
	return 0;
}

static int get_is(struct reader *r, const char *want)
{
	const unsigned char *at;
	size_t n;

	return !get_string(r, &at, &n) && n == strlen(want) && !memcmp(at, want, n);
}

static void key_blob(struct zdh_buf *b, const unsigned char pub[ZDH_PUBKEY_LEN])
{
	put_cstring(b, "ssh-ed25519");
	put_string(b, pub, ZDH_PUBKEY_LEN);
}

/* A public key blob of an ed25519 key: its 32 bytes. */
static int read_key_blob(unsigned char pub[ZDH_PUBKEY_LEN], const unsigned char *p, size_t n)
{
	struct reader r = { p, p + n };
	const unsigned char *k;
	size_t kn;

	if (!get_is(&r, "ssh-ed25519") || get_string(&r, &k, &kn) || kn != ZDH_PUBKEY_LEN ||
	    r.p != r.end)
		return -1;
	memcpy(pub, k, ZDH_PUBKEY_LEN);
	return 0;
}

static void base64(struct zdh_buf *out, const void *bin, size_t n, int padded)
{
	size_t size = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);

	zdh_buf_grow(out, size);
	sodium_bin2base64(out->ptr + out->len, size, bin, n,
			  padded ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	zdh_buf_setlen(out, out->len + strlen(out->ptr + out->len));
}

/* Base64 between begin and end markers (white space ignored) into out. */
static int unarmor(struct zdh_buf *out, const char *text, size_t len, const char *begin,
		   const char *end)
{
	const char *b, *e, *tend = text + len;
	size_t bl = strlen(begin), n;

	for (b = text; b + bl <= tend && memcmp(b, begin, bl); b++)
		;
	if (b + bl > tend)
		return -1;
	b += bl;
	for (e = b; e + strlen(end) <= tend && memcmp(e, end, strlen(end)); e++)
		;
	if (e + strlen(end) > tend)
		return -1;
	zdh_buf_grow(out, (size_t)(e - b));
	if (sodium_base642bin((unsigned char *)out->ptr, (size_t)(e - b), b, (size_t)(e - b),
			      " \t\r\n", &n, NULL, sodium_base64_VARIANT_ORIGINAL))
		return -1;
	zdh_buf_setlen(out, n);
	return 0;
}

int zdh_signer_load(struct zdh_signer **out, const char *name)
{
	char *full = name[0] == '~' && name[1] == '/' && getenv("HOME") ?
		zdh_asprintf("%s%s", getenv("HOME"), name + 1) : NULL;
	const char *path = full ? full : name;
	struct zdh_buf file = ZDH_BUF_INIT, bin = ZDH_BUF_INIT;
	struct zdh_signer *s = NULL;
	struct reader r, priv;
	const unsigned char *at, *pk, *sk;
	size_t n, pkn, skn;
	uint32_t nkeys, c1, c2;
	int err = 0;

	*out = NULL;
	if (zdh_buf_read_file(&file, path)) {
		err = zdh_error_errno(ZDH_EINVALID, _("cannot read the signing key %s"), path);
		goto done;
	}
	if (unarmor(&bin, file.ptr, file.len, KEY_BEGIN, KEY_END)) {
		err = zdh_error_set(ZDH_EINVALID, _("%s is not an OpenSSH private key"), path);
		goto done;
	}
	r.p = (const unsigned char *)bin.ptr;
	r.end = r.p + bin.len;
	if (bin.len < 15 || memcmp(bin.ptr, "openssh-key-v1", 15)) {
		err = zdh_error_set(ZDH_EINVALID, _("%s is not an OpenSSH private key"), path);
		goto done;
	}
	r.p += 15;
	if (!get_is(&r, "none") || !get_is(&r, "none")) {
		err = zdh_error_set(ZDH_EINVALID, _("the signing key %s is protected by a passphrase (load it into ssh-agent or use a key without one)"), path);
		goto done;
	}
	if (get_string(&r, &at, &n) || get_u32(&r, &nkeys) || nkeys != 1 ||
	    get_string(&r, &at, &n) || get_string(&r, &at, &n)) {
		err = zdh_error_set(ZDH_EINVALID, _("%s is not an OpenSSH private key"), path);
		goto done;
	}
	priv.p = at;
	priv.end = at + n;
	if (get_u32(&priv, &c1) || get_u32(&priv, &c2) || c1 != c2) {
		err = zdh_error_set(ZDH_EINVALID, _("%s is not an OpenSSH private key"), path);
		goto done;
	}
	if (!get_is(&priv, "ssh-ed25519")) {
		err = zdh_error_set(ZDH_EINVALID, _("the signing key %s is not an ed25519 key"), path);
		goto done;
	}
	if (get_string(&priv, &pk, &pkn) || pkn != ZDH_PUBKEY_LEN ||
	    get_string(&priv, &sk, &skn) || skn != crypto_sign_ed25519_SECRETKEYBYTES ||
	    memcmp(sk + 32, pk, ZDH_PUBKEY_LEN)) {
		err = zdh_error_set(ZDH_EINVALID, _("%s is not an OpenSSH private key"), path);
		goto done;
	}
	s = zdh_calloc(1, sizeof(*s));
	memcpy(s->sk, sk, sizeof(s->sk));
	memcpy(s->pk, pk, sizeof(s->pk));
	*out = s;
done:
	sodium_memzero(bin.ptr, bin.len);
	sodium_memzero(file.ptr, file.len);
	zdh_buf_release(&bin);
	zdh_buf_release(&file);
	free(full);
	return err;
}

int zdh_signing_key_check(const char *path)
{
	struct zdh_signer *s;
	int err = zdh_signer_load(&s, path);

	zdh_signer_free(s);
	return err;
}

void zdh_signer_free(struct zdh_signer *s)
{
	if (!s)
		return;
	sodium_memzero(s, sizeof(*s));
	free(s);
}

const unsigned char *zdh_signer_pubkey(const struct zdh_signer *s)
{
	return s->pk;
}

/* The blob an SSHSIG signs: magic, namespace, reserved, hash name, hash. */
static void signed_blob(struct zdh_buf *b, const char *hash_alg, const char *payload, size_t plen)
{
	unsigned char h[crypto_hash_sha512_BYTES];
	size_t hn = sizeof(h);

	if (!strcmp(hash_alg, "sha256")) {
		crypto_hash_sha256(h, (const unsigned char *)payload, plen);
		hn = crypto_hash_sha256_BYTES;
	} else {
		crypto_hash_sha512(h, (const unsigned char *)payload, plen);
	}
	zdh_buf_add(b, "SSHSIG", 6);
	put_cstring(b, "git");
	put_cstring(b, "");
	put_cstring(b, hash_alg);
	put_string(b, h, hn);
}

/* The armored signature of payload, each line ending in a newline. */
static void sign_armored(struct zdh_buf *out, const struct zdh_signer *s, const char *payload,
			 size_t plen)
{
	struct zdh_buf blob = ZDH_BUF_INIT, sig = ZDH_BUF_INIT, inner = ZDH_BUF_INIT,
		       b64 = ZDH_BUF_INIT;
	unsigned char raw[crypto_sign_ed25519_BYTES];

	signed_blob(&blob, "sha512", payload, plen);
	crypto_sign_ed25519_detached(raw, NULL, (const unsigned char *)blob.ptr, blob.len, s->sk);
	zdh_buf_add(&sig, "SSHSIG", 6);
	put_u32(&sig, 1);
	key_blob(&inner, s->pk);
	put_string(&sig, inner.ptr, inner.len);
	put_cstring(&sig, "git");
	put_cstring(&sig, "");
	put_cstring(&sig, "sha512");
	zdh_buf_reset(&inner);
	put_cstring(&inner, "ssh-ed25519");
	put_string(&inner, raw, sizeof(raw));
	put_string(&sig, inner.ptr, inner.len);
	base64(&b64, sig.ptr, sig.len, 1);
	zdh_buf_puts(out, ARMOR_BEGIN "\n");
	for (size_t i = 0; i < b64.len; i += WRAP) {
		zdh_buf_add(out, b64.ptr + i, b64.len - i < WRAP ? b64.len - i : WRAP);
		zdh_buf_addch(out, '\n');
	}
	zdh_buf_puts(out, ARMOR_END "\n");
	zdh_buf_release(&blob);
	zdh_buf_release(&sig);
	zdh_buf_release(&inner);
	zdh_buf_release(&b64);
}

/* The offset of the blank line that ends a commit's headers, or len. */
static size_t headers_end(const char *raw, size_t len)
{
	const char *p = raw, *end = raw + len, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
		if (nl + 1 == end || nl[1] == '\n')
			return (size_t)(nl - raw) + 1;
		p = nl + 1;
	}
	return len;
}

/* Whether a header line of raw (up to end) is a gpgsig: most commits have none. */
static int has_gpgsig(const char *raw, size_t end)
{
	size_t i = 0;

	while (end - i > 7) {
		const char *nl;

		if (!memcmp(raw + i, "gpgsig ", 7))
			return 1;
		if (!(nl = memchr(raw + i, '\n', end - i)))
			break;
		i = (size_t)(nl - raw) + 1;
	}
	return 0;
}

int zdh_sign_commit(struct zdh_buf *commit, const struct zdh_signer *s, size_t *shift)
{
	struct zdh_buf armor = ZDH_BUF_INIT, header = ZDH_BUF_INIT;
	size_t at = headers_end(commit->ptr, commit->len), old = commit->len;

	if (at >= commit->len)
		return zdh_error_set(ZDH_EINVALID, _("cannot sign a commit without a message"));
	sign_armored(&armor, s, commit->ptr, commit->len);
	zdh_buf_puts(&header, "gpgsig ");
	for (size_t i = 0; i < armor.len; i++) {
		zdh_buf_addch(&header, armor.ptr[i]);
		if (armor.ptr[i] == '\n' && i + 1 < armor.len)
			zdh_buf_addch(&header, ' ');
	}
	zdh_buf_grow(commit, header.len);
	memmove(commit->ptr + at + header.len, commit->ptr + at, old - at);
	memcpy(commit->ptr + at, header.ptr, header.len);
	zdh_buf_setlen(commit, old + header.len);
	*shift = header.len;
	zdh_buf_release(&armor);
	zdh_buf_release(&header);
	return 0;
}

int zdh_sign_split(const char *raw, size_t len, struct zdh_buf *payload, struct zdh_buf *sig)
{
	size_t end = headers_end(raw, len), i = 0, eol;
	int found = 0;

	zdh_buf_reset(payload);
	zdh_buf_reset(sig);
	/* an unsigned commit (most of them): nothing to copy */
	if (!has_gpgsig(raw, end))
		return 0;
	while (i < end) {
		const char *nl = memchr(raw + i, '\n', end - i);
		eol = nl ? (size_t)(nl - raw) + 1 : end;
		if (!found && eol - i > 7 && !memcmp(raw + i, "gpgsig ", 7)) {
			found = 1;
			zdh_buf_add(sig, raw + i + 7, eol - i - 7);
			i = eol;
			while (i < end && raw[i] == ' ') {
				nl = memchr(raw + i, '\n', end - i);
				eol = nl ? (size_t)(nl - raw) + 1 : end;
				zdh_buf_add(sig, raw + i + 1, eol - i - 1);
				i = eol;
			}
			continue;
		}
		zdh_buf_add(payload, raw + i, eol - i);
		i = eol;
	}
	if (!found) {
		zdh_buf_reset(payload);
		return 0;
	}
	zdh_buf_add(payload, raw + end, len - end);
	return 1;
}

/* Decode an armored SSHSIG: its key, hash name and raw signature. */
static int parse_sig(const char *text, size_t len, struct zdh_buf *bin, unsigned char pub[32],
		     char alg[8], const unsigned char **raw)
{
	struct reader r, in;
	const unsigned char *at;
	size_t n;
	uint32_t version;

	if (unarmor(bin, text, len, ARMOR_BEGIN, ARMOR_END) || bin->len < 6 ||
	    memcmp(bin->ptr, "SSHSIG", 6))
		return zdh_error_set(ZDH_EINVALID, _("not an ssh signature"));
	r.p = (const unsigned char *)bin->ptr + 6;
	r.end = (const unsigned char *)bin->ptr + bin->len;
	if (get_u32(&r, &version) || version != 1 || get_string(&r, &at, &n))
		return zdh_error_set(ZDH_EINVALID, _("not an ssh signature"));
	if (read_key_blob(pub, at, n))
		return zdh_error_set(ZDH_EINVALID, _("signed with a key that is not ed25519"));
	if (!get_is(&r, "git"))
		return zdh_error_set(ZDH_EINVALID, _("signature not made for git (namespace)"));
	if (get_string(&r, &at, &n) || get_string(&r, &at, &n) || n != 6 ||
	    (memcmp(at, "sha512", 6) && memcmp(at, "sha256", 6)))
		return zdh_error_set(ZDH_EINVALID, _("signature with an unknown hash"));
	memcpy(alg, at, n);
	alg[n] = '\0';
	if (get_string(&r, &at, &n) || r.p != r.end)
		return zdh_error_set(ZDH_EINVALID, _("not an ssh signature"));
	in.p = at;
	in.end = at + n;
	if (!get_is(&in, "ssh-ed25519") || get_string(&in, &at, &n) ||
	    n != crypto_sign_ed25519_BYTES || in.p != in.end)
		return zdh_error_set(ZDH_EINVALID, _("not an ssh signature"));
	*raw = at;
	return 0;
}

int zdh_sign_verify(unsigned char pub[ZDH_PUBKEY_LEN], const char *sig, size_t siglen,
		    const char *payload, size_t plen)
{
	struct zdh_buf bin = ZDH_BUF_INIT, blob = ZDH_BUF_INIT;
	const unsigned char *raw = NULL;
	char alg[8];
	int err;

	if ((err = parse_sig(sig, siglen, &bin, pub, alg, &raw)))
		goto done;
	signed_blob(&blob, alg, payload, plen);
	if (crypto_sign_ed25519_verify_detached(raw, (const unsigned char *)blob.ptr, blob.len, pub))
		err = zdh_error_set(ZDH_EINVALID, _("bad signature"));
done:
	zdh_buf_release(&bin);
	zdh_buf_release(&blob);
	return err;
}

int zdh_pubkey_parse(unsigned char pub[ZDH_PUBKEY_LEN], const char *text)
{
	unsigned char bin[128];
	const char *p = text, *e;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "ssh-ed25519 ", 12))
		return zdh_error_set(ZDH_EINVALID, _("not an ssh-ed25519 public key"));
	p += 12;
	while (*p == ' ')
		p++;
	for (e = p; *e && *e != ' ' && *e != '\n' && *e != '\r' && *e != '\t'; e++)
		;
	if (sodium_base642bin(bin, sizeof(bin), p, (size_t)(e - p), NULL, &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) ||
	    read_key_blob(pub, bin, n))
		return zdh_error_set(ZDH_EINVALID, _("not an ssh-ed25519 public key"));
	return 0;
}

void zdh_pubkey_format(struct zdh_buf *out, const unsigned char pub[ZDH_PUBKEY_LEN])
{
	struct zdh_buf blob = ZDH_BUF_INIT;

	key_blob(&blob, pub);
	zdh_buf_puts(out, "ssh-ed25519 ");
	base64(out, blob.ptr, blob.len, 1);
	zdh_buf_release(&blob);
}

void zdh_pubkey_fingerprint(struct zdh_buf *out, const unsigned char pub[ZDH_PUBKEY_LEN])
{
	struct zdh_buf blob = ZDH_BUF_INIT;
	unsigned char h[crypto_hash_sha256_BYTES];

	key_blob(&blob, pub);
	crypto_hash_sha256(h, (const unsigned char *)blob.ptr, blob.len);
	zdh_buf_puts(out, "SHA256:");
	base64(out, h, sizeof(h), 0);
	zdh_buf_release(&blob);
}

int zdh_pubkey_read_file(unsigned char pub[ZDH_PUBKEY_LEN], const char *path)
{
	struct zdh_buf file = ZDH_BUF_INIT;
	struct zdh_signer *s;
	int err;

	if (zdh_buf_read_file(&file, path))
		return zdh_error_errno(ZDH_EINVALID, _("cannot read %s"), path);
	if (strstr(file.ptr, KEY_BEGIN)) {
		zdh_buf_release(&file);
		if ((err = zdh_signer_load(&s, path)))
			return err;
		memcpy(pub, s->pk, ZDH_PUBKEY_LEN);
		zdh_signer_free(s);
		return 0;
	}
	/* the file named, as the refusals of a file it cannot read or an RSA private key do */
	err = zdh_error_about(path, zdh_pubkey_parse(pub, file.ptr));
	zdh_buf_release(&file);
	return err;
}

const char *zdh_sig_status_text(enum zdh_sig_status s)
{
	switch (s) {
	case ZDH_SIG_UNSIGNED: return _("unsigned");
	case ZDH_SIG_BAD: return _("bad signature");
	case ZDH_SIG_UNKNOWN: return _("signed by a key no person has");
	case ZDH_SIG_REVOKED: return _("signed by a key outside its dates (revoked)");
	case ZDH_SIG_GOOD: return _("good");
	case ZDH_SIG_NOT_YET: return _("signed by a key outside its dates (not yet valid)");
	case ZDH_SIG_COMPROMISED: return _("signed by a key revoked as compromised, not held by its revoking office");
	}
	return "";
}

enum zdh_sig_status zdh_sig_read(const char *raw, size_t len, unsigned char pub[ZDH_PUBKEY_LEN])
{
	struct zdh_buf payload = ZDH_BUF_INIT, sig = ZDH_BUF_INIT;
	enum zdh_sig_status st = ZDH_SIG_GOOD;

	if (!zdh_sign_split(raw, len, &payload, &sig))
		st = ZDH_SIG_UNSIGNED;
	else if (zdh_sign_verify(pub, sig.ptr, sig.len, payload.ptr, payload.len) < 0)
		st = ZDH_SIG_BAD;
	zdh_buf_release(&payload);
	zdh_buf_release(&sig);
	return st;
}
