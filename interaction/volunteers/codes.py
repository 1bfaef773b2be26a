"""Self-cancellation codes: the same scheme as the case query codes (interaction/cases/codes.py:
8 symbols, 40 bits, only an HMAC under the server's key is stored), under a salt of its own so a
registration's stored value can never be tested as a case code or the other way round."""

from django.utils.crypto import constant_time_compare, salted_hmac

from interaction.cases.codes import PREFIX, keys, new_code, normalise

_SALT = "interaction.volunteers.cancel_code"

__all__ = ["make_hash", "new_code", "verify"]


def _digest(code, secret):
    return salted_hmac(_SALT, normalise(code), secret=secret, algorithm="sha256").hexdigest()


def make_hash(code):
    return PREFIX + _digest(code, keys()[0])


def verify(code, stored):
    """Whether `code` matches the stored value (under the current key or a fallback)."""
    code = normalise(code)
    if not code or not stored or not stored.startswith(PREFIX):
        return False
    digest = stored[len(PREFIX):]
    return any(constant_time_compare(_digest(code, secret), digest) for secret in keys())


DUMMY_HASH = PREFIX + "0" * 64
