"""Lets other apps load their part of a scheme definition without registry knowing them."""

from django.dispatch import Signal

# Sent inside load_scheme's transaction with scheme= and definition= (the parsed scheme.json).
scheme_loaded = Signal()
