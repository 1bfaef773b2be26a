"""Password rules for staff accounts (AUTH_PASSWORD_VALIDATORS) and password expiry.

- at least PASSWORD_MIN_LENGTH characters (Django's MinimumLengthValidator, default 10 here);
- characters from at least three of four classes: upper case, lower case, digits, symbols;
- none of the last PASSWORD_HISTORY_COUNT passwords of the same account (hashes kept in
  PasswordHistory, written whenever a password is saved);
- optionally, a password older than PASSWORD_MAX_AGE_DAYS must be changed after logging in
  (0, the default, turns expiry off).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.dispatch import Signal
from django.utils import timezone

from .models import PasswordHistory

# Sent once a new password has been saved (see PasswordHistoryValidator.password_changed).
password_saved = Signal()

def character_classes(password):
    """Which of the four classes (upper, lower, digit, symbol) the password uses."""
    found = set()
    for char in password:
        if char.isupper():
            found.add("大写字母")
        elif char.islower():
            found.add("小写字母")
        elif char.isdigit():
            found.add("数字")
        else:  # punctuation, spaces, and any other character (e.g. Chinese)
            found.add("符号")
    return found


class MinimumLengthValidator:
    """At least ``min_length`` characters (Django's own message has no Chinese translation)."""

    def __init__(self, min_length=10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"密码太短：至少需要 {self.min_length} 个字符，当前只有 {len(password)} 个。",
                code="password_too_short",
            )

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"


class CharacterClassValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"


def history_count():
    return int(getattr(settings, "PASSWORD_HISTORY_COUNT", 5))


def recent_hashes(user, count=None):
    """The hashes of the account's last ``count`` passwords, the current one included."""
    count = history_count() if count is None else count
    if user is None or user.pk is None or count <= 0:
        return []
    hashes = list(PasswordHistory.objects.filter(user=user).values_list("password_hash", flat=True)[:count])
    current = getattr(user, "password", "")
    if current and current not in hashes and user.has_usable_password():
        # An account whose password predates the history: its current password counts too.
        hashes = [current, *hashes][:count]
    return hashes


class PasswordHistoryValidator:
    """Refuses the account's last ``count`` passwords and records each new one."""

    def __init__(self, count=None):
        self.count = count

    def _count(self):
        return history_count() if self.count is None else self.count

    def validate(self, password, user=None):
        for encoded in recent_hashes(user, self._count()):
            if check_password(password, encoded):
                raise ValidationError(
                    f"不能使用最近 {self._count()} 次用过的密码，请换一个新密码。",
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        """Called by Django after a new password has been saved (User.save after set_password)."""
        if user is None or user.pk is None:
            return
        remember_password(user)
        password_saved.send(sender=type(user), user=user)

    def get_help_text(self):
        return f"不能与最近 {self._count()} 次使用过的密码相同。"


def remember_password(user):
    """Add the account's current password hash to its history and drop what is too old."""
    PasswordHistory.objects.create(user=user, password_hash=user.password)
    keep = list(PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[: max(history_count(), 1)])
    PasswordHistory.objects.filter(user=user).exclude(pk__in=keep).delete()


def max_age():
    days = int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0) or 0)
    return timedelta(days=days) if days > 0 else None


def password_changed_at(user):
    latest = PasswordHistory.objects.filter(user=user).values_list("created_at", flat=True).first()
    return latest or user.date_joined


def password_expired(user, now=None):
    """True when expiry is on and the account's password is older than PASSWORD_MAX_AGE_DAYS."""
    limit = max_age()
    if limit is None or user is None or not user.is_authenticated or not user.has_usable_password():
        return False
    changed = password_changed_at(user)
    return changed is not None and (now or timezone.now()) - changed > limit
