"""Error pages in the house style that say what to do next (DEBUG off, as in production)."""

from django.test import override_settings


@override_settings(DEBUG=False)
def test_404_says_where_to_go(client, accounts):
    client.force_login(accounts["bedrijf-dzb-leiden"])
    response = client.get("/plannen/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in page and "Dit plan bestaat niet of u mag het niet zien" in page
    assert 'href="/plannen/"' in page and 'lang="nl"' in page


@override_settings(DEBUG=False)
def test_403_names_the_reason_and_the_way_on(client, accounts):
    client.force_login(accounts["vng"])
    response = client.get("/plannen/regios/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in page and "Deze pagina is voor het programmabureau." in page
    assert "Naar de startpagina" in page


def test_500_page_renders_without_a_request_context():
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Er ging iets mis" in html and "niets half opgeslagen" in html
