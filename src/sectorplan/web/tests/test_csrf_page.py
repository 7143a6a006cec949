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


@override_settings(DEBUG=False)
def test_a_refused_invitation_answer_sends_the_invitee_back_to_the_link_not_to_the_login(db):
    """Invitees have no log-in: "log in again" would be a dead end for them. The page offers
    the personal link again (the token is in the address, so the page is not cached)."""
    client = Client(enforce_csrf_checks=True)
    address = "/bijeenkomsten/uitnodiging/some-token/"
    response = client.post(address, {"response": "accepted"}, headers={"origin": "null"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Inloggen is niet nodig" in page
    assert f'href="{address}"' in page and "Uitnodiging opnieuw openen" in page
    assert "Opnieuw inloggen" not in page
    assert "no-store" in response["Cache-Control"]


@override_settings(DEBUG=False)
def test_a_form_refused_for_its_origin_does_not_advise_a_reload(db):
    """A browser that sends no usable origin is not helped by reloading: the page says so."""
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")  # the CSRF cookie, as a browser has it
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {"username": "x", "password": "y", "csrfmiddlewaretoken": token},
        headers={"origin": "null"},
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "Het formulier is niet aangenomen" in page
    assert "laad de pagina opnieuw" not in page
    assert "CSRF_TRUSTED_ORIGINS" in page  # what the administrator checks
    assert 'href="/accounts/login/"' in page and "Terug naar het formulier" in page
