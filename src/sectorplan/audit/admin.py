from django.contrib import admin

from sectorplan.admin_base import ReadOnlyMixin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["occurred_at", "actor_label", "action", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_label", "actor_label", "reason"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
