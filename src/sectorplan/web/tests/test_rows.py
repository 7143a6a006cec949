"""web/rows.py works out once per page what {% url %} and |date give for every row: the same
text, for any key, date and language."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from sectorplan.monitoring.reports import SLUGS
from sectorplan.web.rows import DateText, MomentText, RowUrl

DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2200, 12, 31))


# No deadline: the first reverse() of a process imports every view (over a second).
@settings(deadline=None)
@given(key=st.integers(min_value=0, max_value=10**12))
def test_a_row_url_is_the_reversed_url(key):
    assert RowUrl("plans:detail")(key) == reverse("plans:detail", args=[key])
    for slug in SLUGS.values():
        assert RowUrl("monitoring:report-detail", slug)(key) == reverse(
            "monitoring:report-detail", args=[key, slug]
        )


def test_a_url_whose_key_cannot_be_placed_is_refused():
    with pytest.raises(ValueError):
        RowUrl("monitoring:report-detail", "987654321")


@pytest.mark.parametrize("language", ["nl", "en"])
@given(days=st.lists(DATES, min_size=1, max_size=5))
def test_a_date_text_is_the_date_filter(language, days):
    template = Template('{{ day|date:"j F Y" }}')
    with translation.override(language):
        text = DateText("j F Y")
        for day in days + days:  # the second time from what it kept
            assert text(day) == template.render(Context({"day": day}))
        assert text(None) == template.render(Context({"day": None}))


@pytest.mark.parametrize("language", ["nl", "en"])
@given(
    moments=st.lists(
        st.datetimes(
            min_value=datetime.datetime(1990, 1, 1),
            max_value=datetime.datetime(2100, 12, 31),
            timezones=st.just(datetime.UTC),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_a_moment_text_is_the_date_filter(language, moments):
    # Across the changes to and from summer time too: the page shows Dutch local time.
    template = Template('{{ m|date:"j F Y H:i" }}|{{ m|date:"c" }}')
    with translation.override(language):
        text = MomentText()
        for moment in moments + moments:
            assert "|".join(text(moment)) == template.render(Context({"m": moment}))
