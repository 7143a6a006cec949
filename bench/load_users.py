"""The simulated people of bench/load.py: a logged-in session each, a mix of requests by role,
and the loop that times them."""

import random
import threading
import time
from collections import defaultdict

import requests

PASSWORD = "demo-sectorplan-2015"  # demo.accounts.DEMO_PASSWORD
SCHEME = "sw2015"
OFFICE = {"cedris", "cedris-medewerker"}
# Reads everybody does, with their weights; per role more below.
COMMON = {"tasks": 3, "budget": 2, "activity-map": 2, "plan": 4, "api-plans": 2, "api-plan": 3}
MIX = {
    "office": {**COMMON, "regions": 2, "review": 3, "export": 1, "write-review": 2},
    "company": {**COMMON, "export": 1, "write-plan": 3},
    "other": {**COMMON, "export": 1},
}


class User:
    """One person: a logged-in session, the plans it sees and what it may write."""

    def __init__(self, base: str, username: str, rng: random.Random):
        self.base, self.username, self.rng = base, username, rng
        self.session = requests.Session()
        self.role = (
            "office"
            if username in OFFICE
            else "company"
            if username.startswith("bedrijf-")
            else "other"
        )
        self.plans: list[int] = []
        self.own_plan: int | None = None  # a draft the company may save
        self.review_plans: list[int] = []
        self.questions: dict[int, list[int]] = {}

    def csrf(self) -> str:
        return self.session.cookies.get("csrftoken", "")

    def log_in(self) -> None:
        self.session.get(self.base + "/accounts/login/", timeout=30)
        answer = self.session.post(
            self.base + "/accounts/login/",
            data={"username": self.username, "password": PASSWORD},
            headers={"X-CSRFToken": self.csrf(), "Referer": self.base + "/accounts/login/"},
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302 or "sessionid" not in self.session.cookies:
            raise SystemExit(f"log-in of {self.username} failed: {answer.status_code}")

    def discover(self, claimed: set[int]) -> None:
        """What this user sees, read once before the clock starts (not measured). A company
        claims one draft nobody else saves, so versions never clash between users."""
        # The list is paged (issue 15): the first 500 are plenty to pick from.
        answer = self.session.get(self.base + "/api/v1/plans/?per_pagina=500", timeout=60)
        plans = answer.json()["results"]
        self.plans = [p["id"] for p in plans]
        if self.role == "company":
            drafts = [p for p in plans if p["state"] in ("concept", "changes_requested")]
            for plan in (p for p in drafts if p["id"] not in claimed):
                if self.save_plan(plan["id"]).status_code == 200:
                    claimed.add(plan["id"])
                    self.own_plan = plan["id"]
                    break
        if self.role == "office":
            for plan in (p["id"] for p in plans if p["state"] == "in_review"):
                review = self.session.get(f"{self.base}/api/v1/plans/{plan}/review/", timeout=60)
                self.questions[plan] = [q["question"] for q in review.json()["questions"]]
                if self.questions[plan] and self.answer(plan).status_code == 200:
                    self.review_plans.append(plan)

    def answer(self, plan: int) -> requests.Response:
        answer = {
            "question": self.rng.choice(self.questions[plan]),
            "verdict": "yes",
            "comment": "",
        }
        return self.session.post(
            f"{self.base}/api/v1/plans/{plan}/review/answers/",
            json={"answers": [answer]},
            headers={"X-CSRFToken": self.csrf()},
            timeout=60,
        )

    def save_plan(self, plan: int) -> requests.Response:
        current = self.session.get(f"{self.base}/api/v1/plans/{plan}/", timeout=60).json()
        return self.session.patch(
            f"{self.base}/api/v1/plans/{plan}/",
            json={"version": current["version"], "summary": f"Bijgewerkt {time.time():.3f}"},
            headers={"X-CSRFToken": self.csrf()},
            timeout=60,
        )

    def menu(self) -> dict[str, int]:
        mix = dict(MIX[self.role])
        if not self.own_plan:
            mix.pop("write-plan", None)
        if not self.review_plans:
            mix.pop("review", None)
            mix.pop("write-review", None)
        if not self.plans:
            for kind in ("plan", "api-plan"):
                mix.pop(kind, None)
        return mix

    def request(self, kind: str) -> requests.Response:
        get, base, rng = self.session.get, self.base, self.rng
        if kind == "tasks":
            return get(base + "/", timeout=60)
        if kind == "budget":
            return get(f"{base}/regelingen/{SCHEME}/budget/", timeout=60)
        if kind == "activity-map":
            return get(f"{base}/monitoring/activiteiten/{SCHEME}/", timeout=60)
        if kind == "regions":
            return get(base + "/plannen/regios/", timeout=60)
        if kind == "plan":
            return get(f"{base}/plannen/{rng.choice(self.plans)}/", timeout=60)
        if kind == "review":
            return get(f"{base}/beoordeling/plan/{rng.choice(self.review_plans)}/", timeout=60)
        if kind == "api-plans":
            return get(base + "/api/v1/plans/", timeout=60)
        if kind == "api-plan":
            return get(f"{base}/api/v1/plans/{rng.choice(self.plans)}/", timeout=60)
        if kind == "export":
            return get(f"{base}/regelingen/{SCHEME}/budget.xlsx", timeout=60)
        if kind == "write-plan":
            # Read the version, then save on it: what the edit form does (two requests, one kind).
            return self.save_plan(self.own_plan)
        if kind == "write-review":
            return self.answer(rng.choice(self.review_plans))
        raise ValueError(kind)


def work(user: User, until: float, results: dict, errors: list, lock: threading.Lock) -> None:
    menu = user.menu()
    kinds, weights = list(menu), list(menu.values())
    own = defaultdict(list)
    own_errors = []
    while time.monotonic() < until:
        kind = user.rng.choices(kinds, weights)[0]
        started = time.perf_counter()
        try:
            answer = user.request(kind)
            content = answer.content  # the whole body, inside the timing
            status = answer.status_code
        except requests.RequestException as error:
            content, status = b"", f"{type(error).__name__}"
        elapsed = time.perf_counter() - started
        own[kind].append(elapsed)
        if status != 200 or not content:
            own_errors.append({"user": user.username, "kind": kind, "status": status})
    with lock:
        for kind, values in own.items():
            results[kind].extend(values)
        errors.extend(own_errors)
