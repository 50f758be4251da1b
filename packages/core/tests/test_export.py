"""The export hook: apps register one function per section; collect_user_data gathers them."""

import json

import pytest
from django.contrib.auth import get_user_model

from mybookconnect.core import export


@pytest.fixture(autouse=True)
def no_exporters(monkeypatch):
    # Each test starts from an empty registry (and the real one is restored afterwards).
    monkeypatch.setattr(export, "_exporters", {})


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user("ann", "ann@example.com", "pw")


def test_collects_every_registered_section_in_name_order(reader):
    export.register_exporter("shelves", lambda user: [{"title": "Dune"}])
    export.register_exporter("account", lambda user: {"username": user.get_username()})

    data = export.collect_user_data(reader)

    assert list(data) == ["account", "shelves"]
    assert data == {"account": {"username": "ann"}, "shelves": [{"title": "Dune"}]}
    json.dumps(data)


def test_no_exporters_means_an_empty_export(reader):
    assert export.collect_user_data(reader) == {}
    assert export.registered_sections() == []


def test_each_exporter_gets_the_user(reader):
    seen = []
    export.register_exporter("account", seen.append)

    export.collect_user_data(reader)

    assert seen == [reader]


def test_registering_the_same_function_twice_is_harmless():
    def exporter(user):
        return {}

    export.register_exporter("account", exporter)
    export.register_exporter("account", exporter)

    assert export.registered_sections() == ["account"]


def test_a_section_has_one_exporter():
    export.register_exporter("account", lambda user: 1)

    with pytest.raises(ValueError, match="already has an exporter"):
        export.register_exporter("account", lambda user: 2)


@pytest.mark.parametrize(
    ("section", "exporter", "error"), [("", len, ValueError), (3, len, ValueError), ("a", "len", TypeError)]
)
def test_bad_registrations_are_refused(section, exporter, error):
    with pytest.raises(error):
        export.register_exporter(section, exporter)


def test_unregister_removes_a_section(reader):
    export.register_exporter("account", lambda user: 1)

    export.unregister_exporter("account")
    export.unregister_exporter("never-registered")

    assert export.collect_user_data(reader) == {}
