"""Meetings, invitations and good practices are shown here, never changed: every change goes
through the pages or the API, which check the policy and write the audit log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sectorplan.admin_base import ReadOnlyMixin

from .models import GoodPractice, Invitation, Meeting


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


class InvitationInline(ReadOnlyMixin, admin.TabularInline):
    model = Invitation
    fields = ["name", "email", "organisation", "region", "invited_at", "response", "attended"]
    extra = 0
    verbose_name_plural = _("genodigden")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "date", "place", "created_by"]
    list_filter = ["scheme", "activity_types"]
    search_fields = ["title", "place"]
    date_hierarchy = "date"
    inlines = [InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "meeting", "region", "response", "attended", "removed_at"]
    list_filter = ["response", "source"]
    list_select_related = ["meeting", "region"]
    search_fields = ["name", "email", "organisation"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "region", "plan", "original_name", "created_at"]
    list_filter = ["activity_types"]
    list_select_related = ["region", "plan__region"]
    search_fields = ["title", "description"]
