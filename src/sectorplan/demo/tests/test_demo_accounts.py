import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from sectorplan.accounts.models import Membership, OrganisationKind, User
from sectorplan.demo.accounts import DEMO_PASSWORD
from sectorplan.registry.models import Region, SwCompany


@override_settings(DEBUG=True)
def test_demo_accounts_for_every_role(scheme, capsys):
    call_command("load-demo", "sw2015")
    call_command("load-demo", "sw2015")  # idempotent
    kinds = set(Membership.objects.values_list("organisation__kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    assert (
        Membership.objects.filter(organisation__kind="municipality").count()
        == Region.objects.count()
    )
    assert (
        Membership.objects.filter(organisation__kind="company").count() == SwCompany.objects.count()
    )
    cedris = User.objects.get(username="cedris")
    assert cedris.check_password(DEMO_PASSWORD) and cedris.is_staff
    assert not User.objects.get(username="szw").is_staff
    assert (
        User.objects.get(username="gemeente-leiden").membership.organisation.municipality.name
        == "Leiden"
    )
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "cedris" in out
    # Every demo account is printed, the README's sociale-partners and cedris-medewerker too.
    printed = {line.split()[0] for line in out.splitlines() if line.startswith("  ")}
    assert {"sociale-partners", "cedris-medewerker"} <= printed
    assert printed >= set(User.objects.values_list("username", flat=True))


@override_settings(DEBUG=False)
def test_demo_accounts_are_refused_in_production(scheme):
    with pytest.raises(CommandError, match="allow-production"):
        call_command("load-demo", "sw2015")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_demo_needs_a_loaded_scheme(db):
    with pytest.raises(CommandError, match="load-scheme"):
        call_command("load-demo", "sw2015")


@override_settings(DEBUG=True)
def test_admin_pages_open_for_the_programme_administrator(client, scheme):
    call_command("load-demo", "sw2015")
    client.force_login(User.objects.get(username="cedris"))
    from django.contrib import admin
    from django.urls import reverse

    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url
    region = Region.objects.get(code="AM05")
    html = client.get(reverse("admin:registry_region_change", args=[region.pk])).content.decode()
    assert "demogegevens" in html.lower()
