"""A new user finds every task of their role from the start page: each page the menu offers
the role is also linked from the start page's content, with words that say what it is for."""

import re

import pytest

# Menu entries that are not tasks of a role: the start page itself, the public activity
# overview and the API documentation (both linked from the scheme's card), the user's own
# two-factor settings.
NOT_TASKS = {"/", "/api/docs/", "/accounts/tweestapsverificatie/"}
ROLES = ["bedrijf-dzb-leiden", "gemeente-leiden", "cedris", "szw", "bzk", "vng"]


def _links(html: str) -> set[str]:
    return set(re.findall(r'<a href="([^"#?]+)"', html))


@pytest.mark.parametrize("username", ROLES)
def test_every_menu_entry_is_a_task_on_the_start_page(client, accounts, username):
    client.force_login(accounts[username])
    html = client.get("/").content.decode()
    menu = html[html.index('<nav class="page-nav"') : html.index("</nav>")]
    main = html[html.index("<main") : html.index("</main>")]
    tasks = {h for h in _links(menu) - NOT_TASKS if not h.startswith("/monitoring/activiteiten/")}
    missing = tasks - _links(main)
    assert not missing, f"{username}: menu pages not linked from the start page: {sorted(missing)}"
