from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data on the top floor: accounts, plans, the story of 2015 and the generated plans
    for scale tests. It uses the domain apps; no domain app imports it."""

    name = "sectorplan.demo"
    verbose_name = "Demo"
