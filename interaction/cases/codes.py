"""Query codes: the secret a visitor gets with the reference number to look a case up.

A code is 8 symbols drawn with `secrets` from a 32-symbol alphabet (no 0/O, 1/I, easy to read
over the phone): 32**8 = 2**40 equally likely values. Online guessing is bounded by the lookup
form (captcha, 30 lookups per address and hour, and the reference must be right too).

What the database keeps is not the code but HMAC-SHA256(key, code), compared in constant time.
The key never lives in the database: a copy of the database alone does not let anyone test
guesses offline, so there is no need to stretch the hash (Django's password hasher costs about
250 ms of CPU per call, which made every submission and lookup slow). Keys, newest first:

- settings.CASE_CODE_KEY, then CASE_CODE_KEY_FALLBACKS, when CASE_CODE_KEY is set (recommended
  in production: rotating SECRET_KEY then leaves the codes alone);
- otherwise SECRET_KEY, then SECRET_KEY_FALLBACKS.

Rotation: put the new key first and the old one in the fallbacks. Codes stored under a
fallback key still verify, and a successful lookup rewrites them under the current key (the
code is known at that moment). Keep a fallback until no case stored under it can still be
looked up: at the latest until the retention purge, which clears the stored code.

Codes stored before this scheme (Django password hashes, e.g. "pbkdf2_sha256$...") still
verify through Django's hasher and are rewritten as HMAC on their first successful lookup; no
migration can convert them, since the codes themselves were never stored."""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8
BITS = 40  # LENGTH * log2(len(ALPHABET))

PREFIX = "hmac_sha256$"
_SALT = "interaction.cases.query_code"


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code):
    """As a visitor may type it: surrounding spaces and lower case do not matter."""
    return (code or "").strip().upper()


def keys():
    """The secrets that may have produced a stored code, the current one first."""
    key = getattr(settings, "CASE_CODE_KEY", "")
    if key:
        return [key, *getattr(settings, "CASE_CODE_KEY_FALLBACKS", [])]
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _digest(code, secret):
    return salted_hmac(_SALT, normalise(code), secret=secret, algorithm="sha256").hexdigest()


def make_hash(code):
    """What the database stores for `code`."""
    return PREFIX + _digest(code, keys()[0])


def verify(code, stored):
    """(matches, stale): whether `code` matches the stored value, and if so whether the stored
    value should be rewritten with make_hash (an older key or the old password-hasher format)."""
    code = normalise(code)
    if not code or not stored:
        return False, False
    if stored.startswith(PREFIX):
        digest = stored[len(PREFIX):]
        for index, secret in enumerate(keys()):
            if constant_time_compare(_digest(code, secret), digest):
                return True, index > 0
        return False, False
    # The former format: a Django password hash (slow by design, once per case at most).
    if check_password(code, stored):
        return True, True
    return False, False


# Checked when no case has the reference, so that a wrong reference costs what a wrong code does.
DUMMY_HASH = PREFIX + "0" * 64
