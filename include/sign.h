/*
 * sign — SSH signatures of event commits, in git's own format: a gpgsig
 * header holding an armored SSHSIG ("-----BEGIN SSH SIGNATURE-----",
 * namespace "git", SHA-512, ed25519), made and checked in-process with
 * libsodium, so that plain `git verify-commit` (gpg.format=ssh and an
 * allowed-signers file) checks what zdh wrote (zdh-repository(5)).
 */
#ifndef ZDH_SIGN_H
#define ZDH_SIGN_H

#include <stddef.h>
#include "buf.h"

#define ZDH_PUBKEY_LEN 32

struct zdh_signer;

/*
 * Read the private key of an unencrypted OpenSSH ed25519 key file (as
 * ssh-keygen -t ed25519 -N '' writes it).  ZDH_EINVALID with the reason.
 */
int zdh_signer_load(struct zdh_signer **out, const char *path);
void zdh_signer_free(struct zdh_signer *s);
/* 0 when path is a usable signing key, else the error of zdh_signer_load(). */
int zdh_signing_key_check(const char *path);
const unsigned char *zdh_signer_pubkey(const struct zdh_signer *s);

/*
 * Sign a commit's content (no gpgsig header yet): the header is inserted
 * where git puts it, after the committer line.  *shift is how many bytes
 * were inserted before the message.
 */
int zdh_sign_commit(struct zdh_buf *commit, const struct zdh_signer *s, size_t *shift);

/*
 * Split a raw commit into what was signed (the commit without its gpgsig
 * header) and the signature text (the armored SSHSIG, with newlines).
 * Returns 1 when there is a signature, 0 when there is none (payload and
 * sig are left empty then).
 */
int zdh_sign_split(const char *raw, size_t len, struct zdh_buf *payload, struct zdh_buf *sig);

/*
 * Check an armored signature over payload: 0 with pub set to the signing
 * key, or ZDH_EINVALID ("bad signature", "not an ssh signature", ...).
 */
int zdh_sign_verify(unsigned char pub[ZDH_PUBKEY_LEN], const char *sig, size_t siglen,
		    const char *payload, size_t plen);

enum zdh_sig_status {
	ZDH_SIG_UNSIGNED,	/* no gpgsig header */
	ZDH_SIG_BAD,		/* a signature that does not verify */
	ZDH_SIG_UNKNOWN,	/* verifies, by a key no person has */
	ZDH_SIG_REVOKED,	/* by a person's key after its dates (revoked) at that time */
	ZDH_SIG_GOOD,
	/* by a person's key before its dates began (after GOOD: the index keeps the values above) */
	ZDH_SIG_NOT_YET,
	/* within its dates, by a key revoked as compromised, after what its revoking office held */
	ZDH_SIG_COMPROMISED
};
/* "unsigned", "bad signature", "unknown key", "revoked key", "good", "key not yet valid", ... */
const char *zdh_sig_status_text(enum zdh_sig_status s);

/* A raw commit's signature: UNSIGNED, BAD, or GOOD with pub set to its key. */
enum zdh_sig_status zdh_sig_read(const char *raw, size_t len, unsigned char pub[ZDH_PUBKEY_LEN]);

/* "ssh-ed25519 AAAAC3Nza... [comment]" <-> the 32 key bytes. */
int zdh_pubkey_parse(unsigned char pub[ZDH_PUBKEY_LEN], const char *text);
void zdh_pubkey_format(struct zdh_buf *out, const unsigned char pub[ZDH_PUBKEY_LEN]);
/* "SHA256:..." as ssh-keygen -l prints it. */
void zdh_pubkey_fingerprint(struct zdh_buf *out, const unsigned char pub[ZDH_PUBKEY_LEN]);
/* The public key of a private or public key file (ssh-ed25519 only). */
int zdh_pubkey_read_file(unsigned char pub[ZDH_PUBKEY_LEN], const char *path);

#endif
