"""The CSRF failure page (an expired or cookieless form) in the house style, saying what to
do next; Django renders it without a request, so base.html must cope with that."""

from django.test import Client, override_settings


@override_settings(DEBUG=False)
def test_a_form_without_its_csrf_token_gets_the_house_style_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Het formulier is verlopen" in page
    assert "laad de pagina opnieuw" in page and "cookies" in page
    assert 'lang="nl"' in page and 'href="#main"' in page
    assert 'href="/accounts/login/"' in page
