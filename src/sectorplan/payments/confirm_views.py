"""The confirmation before BZK marks a batch paid (issue 14, item 6): a page of its own that
says what will happen, with the button that does it; works without JavaScript (strict CSP).
The payment itself stays views.batch_paid (POST)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sectorplan.accounts import policy

from . import selectors
from .views import _batch


@login_required
def confirm_paid(request, pk):
    item = _batch(request, pk)
    if not policy.can_pay(request.user):
        raise PermissionDenied(_("Alleen BZK markeert een betaalbatch als betaald."))
    if item.state != "draft":
        return redirect("payments:batch", pk=item.pk)
    report = selectors.reconcile(item)
    plans = sum(len(row.line.items) for row in report.lines)
    return render(
        request,
        "payments/confirm_paid.html",
        {"batch": item, "report": report, "plan_count": plans},
    )
