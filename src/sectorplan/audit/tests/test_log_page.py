"""The audit log page: only the programme office reads it, filters and exports it; nobody can
change it; membership changes made in the admin are in it too."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sectorplan.accounts.models import Membership, Organisation, Role
from sectorplan.audit.models import AuditEvent
from sectorplan.audit.services import record

ROLES = {
    "anonymous": None,
    "company": "bedrijf-dzb-leiden",
    "municipality": "gemeente-leiden",
    "assessor": "vng",
    "office": "cedris",
    "office_member": "cedris-medewerker",
    "szw": "szw",
}
READERS = {"office", "office_member"}
AUDIT_URL_NAMES = {"audit:log", "audit:export"}


@pytest.mark.parametrize("url", ["/auditlog/", "/auditlog/auditlog.csv", "/auditlog/auditlog.xlsx"])
def test_only_the_programme_office_reads_the_log(url, client, accounts):
    wrong = []
    for role, username in ROLES.items():
        client.logout()
        if username:
            client.force_login(accounts[username])
        expected = 302 if role == "anonymous" else (200 if role in READERS else 403)
        got = client.get(url).status_code
        if got != expected:
            wrong.append((role, expected, got))
    assert not wrong, wrong


def test_filters_and_export_agree(client, accounts):
    record(action="plan.submit_to_cedris", object_label="Plan A", actor=accounts["cedris"])
    record(action="payments.batch_paid", object_label="Batch 1", actor=accounts["bzk"])
    client.force_login(accounts["cedris"])
    page = client.get("/auditlog/?handeling=plan.").content.decode()
    assert "Plan A" in page and "Batch 1" not in page
    csv = client.get("/auditlog/auditlog.csv?handeling=payments.").content.decode()
    lines = csv.splitlines()
    assert lines[0].startswith("occurred_at,actor,action")
    assert len(lines) == 2 and "payments.batch_paid" in lines[1] and "bzk" in lines[1]


def test_the_log_cannot_be_changed(accounts):
    event = record(action="x.y", object_label="z")
    event.reason = "anders"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_membership_changes_are_recorded(accounts):
    membership = Membership.objects.get(user__username="gemeente-leiden")
    membership.role = Role.READER
    membership.save()
    changed = AuditEvent.objects.filter(action="membership.changed").latest("id")
    assert changed.before["role"] == "member" and changed.after["role"] == "reader"
    other = Organisation.objects.get(name="VNG (demo)")
    membership.organisation = other
    membership.save()
    assert (
        AuditEvent.objects.filter(action="membership.changed").latest("id").after["organisation"]
        == "VNG (demo)"
    )
    membership.delete()
    assert AuditEvent.objects.filter(action="membership.deleted").exists()
    assert reverse("audit:log") == "/auditlog/"


def test_a_row_shows_its_values_escaped_with_its_moment(client, accounts):
    """The rows are written in Python (audit.views._rows), not by the template's autoescape."""
    event = record(
        action="plan.changed",
        object_label='<script>alert("plan")</script>',
        reason="Tom & Jerry <b>vet</b>",
        actor="<i>iemand</i>",
    )
    client.force_login(accounts["cedris"])
    page = client.get("/auditlog/").content.decode()

    assert "<script>alert" not in page and "<b>vet</b>" not in page and "<i>iemand" not in page
    assert "&lt;script&gt;alert(&quot;plan&quot;)&lt;/script&gt;" in page
    assert "Tom &amp; Jerry &lt;b&gt;vet&lt;/b&gt;" in page
    assert "&lt;i&gt;iemand&lt;/i&gt;" in page
    moment = timezone.localtime(event.occurred_at)
    assert f'<time datetime="{moment.isoformat()}">' in page
    assert f"{date_format(moment, 'j F Y')} {moment:%H:%M}</time>" in page
