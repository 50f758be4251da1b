"""Demo readers for trying MyBookConnect out: five accounts with profiles and a few follows.

They are made through the same services as real readers (:func:`~.services.register_user`,
:func:`~.services.update_profile`, :func:`~.services.follow`), so every invariant holds. They all
share one password, which makes them unfit for anything but a local demo: the management command
``load_demo_readers`` refuses to run unless ``DEBUG`` is on or it is forced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from mybookconnect.core.visibility import Audience
from mybookconnect.users import services
from mybookconnect.users.models import FollowRequest

DEFAULT_DEMO_PASSWORD = "demo-reader-password"
DEMO_PASSWORD_ENV = "MYBOOKCONNECT_DEMO_PASSWORD"
# RFC 2606 reserves example.com: mail to a demo reader never reaches anybody.
DEMO_EMAIL_DOMAIN = "example.com"


@dataclass(frozen=True)
class DemoReader:
    username: str
    display_name: str
    bio: str
    location: str = ""
    favourite_genres: tuple[str, ...] = ()
    profile_visibility: str = Audience.PUBLIC.value
    approve_followers: bool = False
    show_follow_lists: bool = True

    @property
    def email(self) -> str:
        return f"{self.username}@{DEMO_EMAIL_DOMAIN}"

    def profile_changes(self) -> dict[str, Any]:
        return {
            "display_name": self.display_name,
            "bio": self.bio,
            "location": self.location,
            "favourite_genres": list(self.favourite_genres),
            "profile_visibility": self.profile_visibility,
            "approve_followers": self.approve_followers,
            "show_follow_lists": self.show_follow_lists,
        }


DEMO_READERS: tuple[DemoReader, ...] = (
    DemoReader(
        "ana",
        "Ana García",
        "Novela negra y fantasía juvenil. Releo Memorias de Idhún cada verano.",
        location="Madrid",
        favourite_genres=("Fantasía", "Misterio", "Novela negra"),
    ),
    DemoReader(
        "bruno",
        "Bruno Silva",
        "Science fiction, mostly. Working through Discworld in publication order.",
        location="Barcelona",
        favourite_genres=("Science fiction", "Humor", "Fantasy"),
    ),
    DemoReader(
        "carmen",
        "Carmen López",
        "Clásicos españoles y poesía. Mi perfil es privado: leo para mí.",
        location="Sevilla",
        favourite_genres=("Clásicos", "Poesía"),
        profile_visibility=Audience.PRIVATE.value,
    ),
    DemoReader(
        "david",
        "David Moreno",
        "Historical fiction and long series. I approve my followers one by one.",
        location="Valencia",
        favourite_genres=("Historical fiction", "Thriller"),
        approve_followers=True,
    ),
    DemoReader(
        "elena",
        "Elena Ruiz",
        "Realismo mágico y cuentos. Solo quien me sigue ve mi perfil.",
        location="Bogotá",
        favourite_genres=("Realismo mágico", "Cuentos"),
        profile_visibility=Audience.FOLLOWERS.value,
        show_follow_lists=False,
    ),
)

# (follower, followee). David approves his followers: Ana's request was accepted, Bruno's waits.
DEMO_FOLLOWS: tuple[tuple[str, str], ...] = (
    ("ana", "bruno"),
    ("bruno", "ana"),
    ("ana", "elena"),
    ("elena", "ana"),
    ("carmen", "ana"),
    ("elena", "carmen"),
    ("ana", "david"),
    ("bruno", "david"),
)
DEMO_ACCEPTED_REQUESTS: frozenset[tuple[str, str]] = frozenset({("ana", "david")})


@dataclass
class DemoReadersResult:
    """What :func:`load_demo_readers` did, by username."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    # Usernames or emails taken by accounts that are not the demo's: left alone.
    skipped: list[str] = field(default_factory=list)
    follows: int = 0
    follow_requests: int = 0


def validate_demo_password(password: str) -> None:
    """Run the site's ``AUTH_PASSWORD_VALIDATORS`` on ``password`` for every demo reader.

    Raises ``ValidationError`` with the validators' messages.
    """
    for reader in DEMO_READERS:
        user = services.build_user(username=reader.username, email=reader.email)
        password_validation.validate_password(password, user=user)


def _find_account(reader: DemoReader) -> Any:
    user_model = get_user_model()
    return (
        user_model._default_manager.filter(**{f"{user_model.USERNAME_FIELD}__iexact": reader.username})
        .order_by("pk")
        .first()
    )


def _is_demo_account(user: Any, reader: DemoReader) -> bool:
    return (getattr(user, user.get_email_field_name()) or "").lower() == reader.email


@transaction.atomic
def load_demo_readers(password: str = DEFAULT_DEMO_PASSWORD) -> DemoReadersResult:
    """Create the demo readers that are missing, with their profiles, and the demo follows.

    The caller validates ``password`` first (:func:`validate_demo_password`). A reader already
    there keeps its profile as it is (someone may be trying the settings out), and a follow or
    request already there is not repeated, so a second run creates nothing. An account that holds
    a demo username or email without being the demo's is left alone, and so are its follows.
    """
    result = DemoReadersResult()
    accounts: dict[str, Any] = {}
    for reader in DEMO_READERS:
        user = _find_account(reader)
        if user is not None:
            if _is_demo_account(user, reader):
                accounts[reader.username] = user
                result.existing.append(reader.username)
            else:
                result.skipped.append(reader.username)
            continue
        try:
            user = services.register_user(username=reader.username, email=reader.email, password=password)
        except ValidationError:
            result.skipped.append(reader.username)
            continue
        services.update_profile(user, reader.profile_changes())
        accounts[reader.username] = user
        result.created.append(reader.username)

    for follower, followee in DEMO_FOLLOWS:
        if follower not in accounts or followee not in accounts:
            continue
        try:
            status, created = services.follow(accounts[follower], accounts[followee])
        except services.ActionRefused:
            continue  # one blocked the other while trying the demo out: respect it
        if status == "requested" and (follower, followee) in DEMO_ACCEPTED_REQUESTS:
            request = FollowRequest.objects.get(requester=accounts[follower], target=accounts[followee])
            services.accept_follow_request(request)
            status, created = "following", True
        if created:
            if status == "following":
                result.follows += 1
            else:
                result.follow_requests += 1
    return result
