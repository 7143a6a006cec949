import factory

from sectorplan.registry.models import Municipality, Region, Scheme, SwCompany


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    name = factory.Sequence(lambda n: f"Regeling {n}")
    slug = factory.Sequence(lambda n: f"regeling-{n}")
    national_contribution_cents = 1_000_000


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"XX{n:02d}")
    name = factory.Sequence(lambda n: f"Regio {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)


class SwCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SwCompany

    name = factory.Sequence(lambda n: f"SW-bedrijf {n}")
