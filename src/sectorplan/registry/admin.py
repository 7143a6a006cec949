from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    ActivityType,
    Milestone,
    Municipality,
    Region,
    RegionSet,
    RegionWeight,
    Scheme,
    SwCompany,
    Theme,
)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class RegionWeightInline(admin.TabularInline):
    # Read-only: weights come from the definition, and a change needs a new allocation run.
    model = RegionWeight
    extra = 0
    readonly_fields = ["region", "weight"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "national_contribution_cents", "cofinancing_ratio"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ThemeInline, MilestoneInline, RegionWeightInline]


class ActivityTypeInline(admin.TabularInline):
    model = ActivityType
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "scheme"]
    list_filter = ["scheme"]
    inlines = [ActivityTypeInline]


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "theme"]
    list_filter = ["theme__scheme", "theme"]
    search_fields = ["name", "code"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["kind", "starts_on", "ends_on", "scheme"]
    list_filter = ["scheme", "kind"]


@admin.register(RegionSet)
class RegionSetAdmin(admin.ModelAdmin):
    list_display = ["slug", "name"]
    search_fields = ["slug", "name"]


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fields = ["name", "standard_units", "standard_units_is_demo", "standard_units_source"]
    extra = 0
    show_change_link = True


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "region_set",
        "central_municipality",
        "standard_units",
        "standard_units_is_demo",
    ]
    list_filter = ["region_set"]
    search_fields = ["code", "name"]
    inlines = [MunicipalityInline]
    readonly_fields = ["demo_notice"]
    fields = [
        "region_set",
        "code",
        "name",
        "name_in_regulation",
        "central_municipality",
        "demo_notice",
        "standard_units",
        "standard_units_source",
        "standard_units_is_demo",
    ]

    @admin.display(description=_("SE van de regio"))
    def demo_notice(self, region):
        return _(
            "Het SE-cijfer van de regio is de som over de gemeenten, tenzij hieronder een "
            "regiocijfer is ingevuld. Cijfers met 'demogegevens' aangevinkt zijn geen officiële "
            "cijfers."
        )


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "standard_units", "standard_units_is_demo"]
    list_filter = ["region_set", "region", "standard_units_is_demo"]
    search_fields = ["name"]
    readonly_fields = ["region_set"]  # always the region's (Municipality.save)


@admin.register(SwCompany)
class SwCompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name"]
    filter_horizontal = ["municipalities", "regions_without_known_municipalities"]
