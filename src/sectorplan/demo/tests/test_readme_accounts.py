"""Issue 14 item 12 / issue 16: the README names only demo accounts that load-demo makes."""

import re
from pathlib import Path

from sectorplan.accounts.models import User
from sectorplan.demo.accounts import load_demo_accounts

README = Path(__file__).resolve().parents[4] / "README.md"
ACCOUNT = re.compile(
    r"`((?:bedrijf|gemeente)-[a-z0-9-]+|cedris(?:-medewerker)?|szw|bzk|vng|sociale-partners)`"
)


def test_the_readme_names_only_demo_accounts_that_exist(scheme):
    load_demo_accounts()
    named = set(ACCOUNT.findall(README.read_text(encoding="utf-8")))
    assert {"cedris-medewerker", "sociale-partners", "bedrijf-dzb-leiden"} <= named
    assert named <= set(User.objects.values_list("username", flat=True))
