"""Issue 14.12: /favicon.ico answered 404 on every page view."""

from django.urls import reverse


def test_favicon_ico_is_served_to_anyone(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert "max-age=86400" in response["Cache-Control"]


def test_every_page_links_its_icon(client, db):
    page = client.get(reverse("web:home")).content.decode()
    assert 'rel="icon" href="/favicon.ico"' in page
    assert "sectorplan/favicon.svg" in page
