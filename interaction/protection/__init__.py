"""Anti-abuse layer shared by every public form: captcha, honeypot and per-IP rate limits.

Forms mix in ``forms.ProtectedFormMixin`` and templates include
``protection/includes/protection_fields.html``; views call ``ratelimit.rate_limited``.
"""
