from django.contrib import admin

from sectorplan.admin_base import ReadOnlyMixin

from .models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("id", "kind", "started_by", "state", "progress", "created_at", "finished_at")
    list_filter = ("kind", "state")
    readonly_fields = [f.name for f in Job._meta.fields]
