"""Demo organisations and accounts for every role, so the quick start can be walked through."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from sectorplan.accounts.models import (
    Membership,
    Ministry,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from sectorplan.registry.models import DEFAULT_REGION_SET, Region, SwCompany

DEMO_PASSWORD = "demo-sectorplan-2015"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation: str
    kind: str
    role: str = Role.MEMBER
    ministry: str = ""


NATIONAL_ACCOUNTS = [
    DemoAccount("cedris", "Cedris (demo)", OrganisationKind.PROGRAMME_OFFICE, Role.ADMINISTRATOR),
    DemoAccount("cedris-medewerker", "Cedris (demo)", OrganisationKind.PROGRAMME_OFFICE),
    DemoAccount(
        "szw", "Ministerie van SZW (demo)", OrganisationKind.MINISTRY, ministry=Ministry.SZW
    ),
    DemoAccount(
        "bzk", "Ministerie van BZK (demo)", OrganisationKind.MINISTRY, ministry=Ministry.BZK
    ),
    DemoAccount("vng", "VNG (demo)", OrganisationKind.ASSESSOR),
    DemoAccount("sociale-partners", "Sociale partners (demo)", OrganisationKind.ASSESSOR),
]


def _account(username: str, organisation: Organisation, role: str) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created:
        user.set_password(DEMO_PASSWORD)
        # .invalid never resolves (RFC 2606): demo notifications can reach no real person.
        user.email = f"{username}@demo.invalid"
        # The programme office's administrator manages the registry in the Django admin.
        is_admin = (
            organisation.kind == OrganisationKind.PROGRAMME_OFFICE and role == Role.ADMINISTRATOR
        )
        user.is_staff = user.is_superuser = is_admin
        user.save()
    Membership.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "role": role}
    )
    return user


@transaction.atomic
def load_demo_accounts() -> list[tuple[str, str]]:
    """Returns (username, organisation) of every demo account."""
    accounts = []
    for spec in NATIONAL_ACCOUNTS:
        organisation, _ = Organisation.objects.update_or_create(
            name=spec.organisation,
            defaults={"kind": spec.kind, "ministry": spec.ministry, "is_demo": True},
        )
        _account(spec.username, organisation, spec.role)
        accounts.append((spec.username, organisation.name))
    # One organisation per municipality: it is the same centrumgemeente in a later set.
    regions = Region.objects.filter(region_set__slug=DEFAULT_REGION_SET)
    for region in regions.select_related("central_municipality").order_by("code"):
        municipality = region.central_municipality
        organisation, _ = Organisation.objects.update_or_create(
            municipality=municipality,
            defaults={
                "name": f"Gemeente {municipality.name}",
                "kind": OrganisationKind.MUNICIPALITY,
                "is_demo": True,
            },
        )
        username = f"gemeente-{slugify(municipality.name)}"
        _account(username, organisation, Role.MEMBER)
        accounts.append((username, organisation.name))
    for company in SwCompany.objects.order_by("name"):
        organisation, _ = Organisation.objects.update_or_create(
            sw_company=company,
            defaults={"name": company.name, "kind": OrganisationKind.COMPANY, "is_demo": True},
        )
        username = f"bedrijf-{slugify(company.name)}"[:150]
        _account(username, organisation, Role.MEMBER)
        accounts.append((username, organisation.name))
    return accounts
