"""Signals of the plans app that a model save does not send."""

from django.dispatch import Signal

# A queryset update changed the state of these plans (ids=[...]): derived columns must follow.
states_updated = Signal()
