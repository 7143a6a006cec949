from django.contrib import admin

from .models import AllocationRun, Reservation


class ReservationInline(admin.TabularInline):
    model = Reservation
    extra = 0
    can_delete = False
    readonly_fields = ["region", "standard_units", "amount_cents"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AllocationRun)
class AllocationRunAdmin(admin.ModelAdmin):
    """Runs are history: they are made by the allocation service, never edited by hand."""

    list_display = ["scheme", "number", "created_at", "created_by", "uses_demo_units"]
    list_filter = ["scheme"]
    inlines = [ReservationInline]
    readonly_fields = [f.name for f in AllocationRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
