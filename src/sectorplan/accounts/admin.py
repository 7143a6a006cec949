from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, Organisation, User
from .signals import acting_as


class ActorAuditedMixin:
    """Every write the admin makes (the form, its inlines, delete, the bulk delete action) runs
    as the logged-in admin user, so the membership receivers in signals.py record who did it."""

    def save_model(self, request, obj, form, change):
        with acting_as(request.user):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with acting_as(request.user):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with acting_as(request.user):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with acting_as(request.user):
            super().delete_queryset(request, queryset)


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(ActorAuditedMixin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(ActorAuditedMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name"]
    autocomplete_fields = []


@admin.register(Membership)
class MembershipAdmin(ActorAuditedMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
