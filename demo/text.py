"""Small text helpers shared by the demo modules."""

from django.utils.html import escape


def richtext(paragraphs):
    """Plain paragraphs as the HTML of a rich-text block (each escaped, one <p> per paragraph)."""
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
