"""Membership changes made in the Django admin name the admin user in the audit log (issue 7
item 4), with the membership before and after; a change outside the admin stays "systeem"."""

import factory
import pytest
from django.urls import reverse

from sectorplan.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from sectorplan.audit.models import AuditEvent
from sectorplan.audit.services import SYSTEM_ACTOR

pytestmark = pytest.mark.django_db


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.ASSESSOR


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"gebruiker-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


@pytest.fixture
def admin_user():
    office = OrganisationFactory(name="Cedris", kind=OrganisationKind.PROGRAMME_OFFICE)
    return MembershipFactory(
        user=UserFactory(username="beheerder", is_staff=True, is_superuser=True),
        organisation=office,
        role=Role.ADMINISTRATOR,
    ).user


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _events(action, membership):
    return AuditEvent.objects.filter(action=action, object_id=str(membership.pk))


def test_changing_a_membership_names_the_admin_with_before_and_after(admin_client, admin_user):
    membership = MembershipFactory(user__username="anna", organisation__name="VNG")
    other = OrganisationFactory(name="Sociale partners")

    response = admin_client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"user": membership.user.pk, "organisation": other.pk, "role": Role.READER},
    )

    assert response.status_code == 302, response.content.decode()
    event = _events("membership.changed", membership).get()
    assert event.actor == admin_user and event.actor_label == "beheerder"
    assert event.before == {"user": "anna", "organisation": "VNG", "role": Role.MEMBER}
    assert event.after == {"user": "anna", "organisation": "Sociale partners", "role": Role.READER}


def test_adding_a_membership_in_the_admin_names_the_admin(admin_client, admin_user):
    user, organisation = UserFactory(username="bert"), OrganisationFactory(name="VNG")

    admin_client.post(
        reverse("admin:accounts_membership_add"),
        {"user": user.pk, "organisation": organisation.pk, "role": Role.MEMBER},
    )

    event = _events("membership.created", Membership.objects.get(user=user)).get()
    assert event.actor == admin_user
    assert event.before is None and event.after["organisation"] == "VNG"


def test_deleting_a_membership_names_the_admin(admin_client, admin_user):
    membership = MembershipFactory(user__username="carla", organisation__name="VNG")

    response = admin_client.post(
        reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    event = _events("membership.deleted", membership).get()
    assert event.actor == admin_user
    assert event.before == {"user": "carla", "organisation": "VNG", "role": Role.MEMBER}


def test_the_bulk_delete_action_names_the_admin(admin_client, admin_user):
    memberships = MembershipFactory.create_batch(2)

    admin_client.post(
        reverse("admin:accounts_membership_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [m.pk for m in memberships],
            "post": "yes",
        },
    )

    for membership in memberships:
        assert _events("membership.deleted", membership).get().actor == admin_user


def test_the_membership_inline_on_the_user_page_names_the_admin(admin_client, admin_user):
    membership = MembershipFactory(user__username="daan", organisation__name="VNG")
    url = reverse("admin:accounts_user_change", args=[membership.user.pk])
    data = _change_form_data(admin_client.get(url))
    data["membership-0-role"] = Role.READER

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content.decode()
    event = _events("membership.changed", membership).get()
    assert event.actor == admin_user
    assert (event.before["role"], event.after["role"]) == (Role.MEMBER, Role.READER)


def test_a_change_outside_the_admin_is_still_recorded_as_the_system():
    membership = MembershipFactory(organisation__name="VNG")
    membership.role = Role.READER
    membership.save()

    event = _events("membership.changed", membership).get()
    assert event.actor is None and event.actor_label == SYSTEM_ACTOR


def _change_form_data(response) -> dict:
    """What the browser would post back unchanged: the admin form's and its inlines' values."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or getattr(field, "disabled", False):
                continue
            if hasattr(field.widget, "widgets"):  # a split field: one value per part
                for index, part in enumerate(field.widget.decompress(value)):
                    data[f"{form.add_prefix(name)}_{index}"] = part or ""
            elif isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = value
    return data
