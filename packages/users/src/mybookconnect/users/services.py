"""What the users app does, callable from views, management commands and other projects.

Views only parse and authorise; the work happens here. A site that serves tokens differently (for
example the refresh token in an HttpOnly cookie) calls these functions rather than copying them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import update_last_login
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.models import Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Lower, StrIndex
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt import settings as simplejwt_settings
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from mybookconnect.core import signals
from mybookconnect.core.visibility import Audience

from .conf import users_settings
from .models import Block, Follow, FollowRequest, Profile

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from .avatars import ProcessedAvatar

USERNAME_TAKEN = _("A user with that username already exists.")
EMAIL_TAKEN = _("A user with that email address already exists.")
NO_ACTIVE_ACCOUNT = _("No active account found for the given token.")
TOKEN_ALREADY_USED = _("Token is blacklisted")


def _jwt_settings() -> simplejwt_settings.APISettings:
    # simplejwt replaces its settings object when SIMPLE_JWT changes: never keep a reference.
    return simplejwt_settings.api_settings


def normalize_email(email: str) -> str:
    """Return ``email`` stripped, with its domain lower-cased (the local part is case-sensitive by RFC)."""
    return BaseUserManager.normalize_email(email.strip())


def username_taken(username: str) -> bool:
    """Whether an account already uses ``username``, ignoring case."""
    user_model = get_user_model()
    lookup = {f"{user_model.USERNAME_FIELD}__iexact": username}
    return user_model._default_manager.filter(**lookup).exists()


def email_taken(email: str) -> bool:
    """Whether an account already uses ``email``, ignoring case."""
    user_model = get_user_model()
    lookup = {f"{user_model.get_email_field_name()}__iexact": email}
    return user_model._default_manager.filter(**lookup).exists()


def build_user(*, username: str, email: str) -> AbstractBaseUser:
    """An unsaved user of ``AUTH_USER_MODEL`` with its username and email fields set.

    Registration validates the password against this instance, so that Django's
    ``UserAttributeSimilarityValidator`` can compare it with the username and email.
    """
    user_model = get_user_model()
    return user_model(
        **{
            user_model.USERNAME_FIELD: user_model.normalize_username(username),
            user_model.get_email_field_name(): normalize_email(email),
        }
    )


def _serialize_registrations() -> None:
    # The case-insensitive uniqueness checks read before they write, so two registrations of
    # "Ann" and "ann" could both pass them. The host's user table is not ours to constrain, so on
    # PostgreSQL registrations take turns on an advisory lock held until the transaction ends.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["mybookconnect_users.register"])


def register_user(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """Create an account of ``AUTH_USER_MODEL`` and its :class:`Profile` in one transaction.

    The caller has validated the password (``RegistrationSerializer`` does). Raises
    ``django.core.exceptions.ValidationError`` keyed by ``"username"`` / ``"email"`` when either is
    already taken, ignoring case; nothing is written then.
    """
    user = build_user(username=username, email=email)
    user.set_password(password)
    with transaction.atomic():
        _serialize_registrations()
        errors = {}
        if username_taken(user.get_username()):
            errors["username"] = [ValidationError(USERNAME_TAKEN, code="unique")]
        if email_taken(getattr(user, user.get_email_field_name())):
            errors["email"] = [ValidationError(EMAIL_TAKEN, code="unique")]
        if errors:
            raise ValidationError(errors)
        user.save()
        Profile.objects.create(user=user)
    return user


def get_profile(user: AbstractBaseUser) -> Profile:
    """The user's profile, created on first use for accounts made outside ``register_user``."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def obtain_token_pair(user: AbstractBaseUser) -> dict[str, str]:
    """A fresh ``{"access", "refresh"}`` pair for an authenticated ``user``.

    Records the login in ``last_login`` when simplejwt's ``UPDATE_LAST_LOGIN`` is on.
    """
    refresh = RefreshToken.for_user(user)
    if _jwt_settings().UPDATE_LAST_LOGIN:
        update_last_login(None, user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _active_user_of(token: RefreshToken) -> None:
    user_model = get_user_model()
    user_id = token.payload.get(_jwt_settings().USER_ID_CLAIM)
    user = user_model._default_manager.filter(**{_jwt_settings().USER_ID_FIELD: user_id}).first()
    if not _jwt_settings().USER_AUTHENTICATION_RULE(user):
        raise TokenError(NO_ACTIVE_ACCOUNT)


def rotate_refresh_token(token: str) -> dict[str, str]:
    """Exchange a refresh token for ``{"access", "refresh"}`` (``{"access"}`` when rotation is off).

    With ``ROTATE_REFRESH_TOKENS`` and ``BLACKLIST_AFTER_ROTATION`` on (as the app expects), the
    given token is blacklisted, so using it a second time fails, even in two concurrent requests.
    Raises simplejwt's ``TokenError`` for a forged, expired, blacklisted or already rotated token,
    and for a token whose account is gone or inactive.
    """
    with transaction.atomic():
        refresh = RefreshToken(token)
        _active_user_of(refresh)
        data = {"access": str(refresh.access_token)}
        if not _jwt_settings().ROTATE_REFRESH_TOKENS:
            return data
        if _jwt_settings().BLACKLIST_AFTER_ROTATION:
            _blacklisted, created = refresh.blacklist()
            if not created:
                # Another request rotated this token between our check and our write.
                raise TokenError(TOKEN_ALREADY_USED)
        refresh.set_jti()
        refresh.set_exp()
        refresh.set_iat()
        refresh.outstand()
        data["refresh"] = str(refresh)
        return data


def blacklist_refresh_token(token: str) -> None:
    """Revoke a refresh token (logout). Access tokens already issued stay valid until they expire.

    Raises simplejwt's ``TokenError`` when the token is forged, expired or already blacklisted.
    """
    refresh = RefreshToken(token)
    refresh.blacklist()


# --- profiles ------------------------------------------------------------------------------------


class ActionRefused(Exception):
    """A follow-graph action the rules forbid; ``code`` is machine-readable (``"blocked"`` ...)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


BLOCKED = _("You blocked this reader; unblock them first.")
CANNOT_FOLLOW_SELF = _("You cannot follow yourself.")
CANNOT_BLOCK_SELF = _("You cannot block yourself.")


def profile_of(user: AbstractBaseUser) -> Profile:
    """The user's profile as loaded (``select_related``), or an unsaved default one; never a query.

    Accounts made outside ``register_user`` (``createsuperuser``) have no row until they edit it.
    """
    try:
        return user.mybookconnect_profile  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return Profile(user=user)


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def active_users() -> QuerySet:
    """Accounts of ``AUTH_USER_MODEL`` that may sign in (all of them for models without ``is_active``)."""
    user_model = get_user_model()
    manager = user_model._default_manager
    return manager.filter(is_active=True) if _has_field(user_model, "is_active") else manager.all()


def _count_of(model: type[models.Model], field: str) -> Coalesce:
    rows = (
        model._default_manager.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)


def with_counts(users: QuerySet) -> QuerySet:
    """Annotate ``followers_count``, ``following_count`` and ``follow_requests_count`` (incoming) in SQL."""
    return users.annotate(
        followers_count=_count_of(Follow, "followee"),
        following_count=_count_of(Follow, "follower"),
        follow_requests_count=_count_of(FollowRequest, "target"),
    )


def with_relationship(users: QuerySet, viewer: Any) -> QuerySet:
    """Annotate how each user relates to ``viewer``: ``rel_following`` (viewer follows them),
    ``rel_requested``, ``rel_followed_by``, ``rel_blocking`` (viewer blocked them) and
    ``rel_blocked_by`` (they blocked viewer); all false for anonymous viewers."""
    if viewer is None or not viewer.is_authenticated:
        false = Value(False, output_field=models.BooleanField())
        return users.annotate(
            rel_following=false,
            rel_requested=false,
            rel_followed_by=false,
            rel_blocking=false,
            rel_blocked_by=false,
        )
    them = OuterRef("pk")
    return users.annotate(
        rel_following=Exists(Follow.objects.filter(follower=viewer.pk, followee=them)),
        rel_requested=Exists(FollowRequest.objects.filter(requester=viewer.pk, target=them)),
        rel_followed_by=Exists(Follow.objects.filter(follower=them, followee=viewer.pk)),
        rel_blocking=Exists(Block.objects.filter(blocker=viewer.pk, blocked=them)),
        rel_blocked_by=Exists(Block.objects.filter(blocker=them, blocked=viewer.pk)),
    )


def find_reader(viewer: Any, username: str) -> Any:
    """The active account named ``username`` (ignoring case) with its profile, counts and relationship
    to ``viewer`` annotated, in one query. Raises ``Http404`` when there is none or it blocked ``viewer``,
    so that a blocked reader cannot tell a block from a missing account."""
    user_model = get_user_model()
    matches = list(
        with_relationship(with_counts(active_users()), viewer)
        .filter(**{f"{user_model.USERNAME_FIELD}__iexact": username})
        .select_related("mybookconnect_profile")[:2]
    )
    # A host's table may hold "Ann" and "ann" (registration here refuses it): the exact spelling wins.
    matches.sort(key=lambda user: user.get_username() != username)
    if not matches or matches[0].rel_blocked_by:
        raise Http404
    return matches[0]


def can_view_profile(viewer: Any, user: Any) -> bool:
    """Whether ``viewer`` may see ``user``'s full profile (annotated by :func:`find_reader`)."""
    if viewer is not None and viewer.is_authenticated and viewer.pk == user.pk:
        return True
    if user.rel_blocked_by:
        return False
    visibility = profile_of(user).profile_visibility
    return visibility == Audience.PUBLIC or (visibility == Audience.FOLLOWERS and user.rel_following)


def me_with_counts(user: AbstractBaseUser) -> Any:
    """The signed-in reader re-read with profile and counts in one query (profile created if missing)."""
    me = (
        with_counts(get_user_model()._default_manager.filter(pk=user.pk))
        .select_related("mybookconnect_profile")
        .get()
    )
    if not hasattr(me, "mybookconnect_profile") or me.mybookconnect_profile is None:
        me.mybookconnect_profile = get_profile(me)
    return me


PROFILE_FIELDS = (
    "display_name",
    "bio",
    "location",
    "birth_date",
    "website",
    "favourite_genres",
    "profile_visibility",
    "approve_followers",
    "show_follow_lists",
    "searchable",
)


def update_profile(user: AbstractBaseUser, changes: dict[str, Any]) -> Profile:
    """Apply validated ``changes`` (a subset of :data:`PROFILE_FIELDS`) to the user's profile.

    Turning ``approve_followers`` off accepts every pending request at once: a reader who no longer
    approves followers has nobody left waiting. Runs ``full_clean()``; raises ``ValidationError``.
    """
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
        was_approving = profile.approve_followers
        old_visibility = profile.profile_visibility
        for name, value in changes.items():
            setattr(profile, name, value)
        # The database enforces the constraints; the fields' own validators run here.
        profile.full_clean(exclude=["user", "avatar_small", "avatar_large"], validate_constraints=False)
        profile.save(update_fields=[*changes, "updated_at"])
        if profile.profile_visibility != old_visibility:
            announce_default_audience(user, profile.profile_visibility)
        if was_approving and not profile.approve_followers:
            accept_all_follow_requests(user)
    return profile


def _delete_files(names: list[str]) -> None:
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)


def _delete_files_on_commit(names: list[str]) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _delete_files(names))


def avatar_file_names(profile: Profile) -> list[str]:
    """Names in default storage of the profile's avatar files."""
    return [field.name for field in (profile.avatar_small, profile.avatar_large) if field]


def set_avatar(user: AbstractBaseUser, avatar: ProcessedAvatar) -> Profile:
    """Store processed avatar files and point the profile at them; the old files go after commit.

    The new files are written first: if the database update then fails they are removed and the
    profile keeps its old avatar.
    """
    get_profile(user)
    written: list[str] = []
    try:
        with transaction.atomic():
            profile = Profile.objects.select_for_update().get(user=user)
            old = avatar_file_names(profile)
            for size, field in (("small", profile.avatar_small), ("large", profile.avatar_large)):
                field.save(avatar.files[size].name, avatar.files[size], save=False)
                written.append(field.name)
            profile.save(update_fields=["avatar_small", "avatar_large", "updated_at"])
            _delete_files_on_commit(old)
    except BaseException:
        _delete_files(written)
        raise
    return profile


def remove_avatar(user: AbstractBaseUser) -> None:
    """Clear the reader's avatar; its files are deleted once the transaction commits."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(user=user).first()
        if profile is None or not avatar_file_names(profile):
            return
        old = avatar_file_names(profile)
        profile.avatar_small = profile.avatar_large = None
        profile.save(update_fields=["avatar_small", "avatar_large", "updated_at"])
        _delete_files_on_commit(old)


@receiver(post_delete, sender=Profile)
def _remove_avatar_files_of_deleted_profile(sender: Any, instance: Profile, **kwargs: Any) -> None:
    # Deleting an account cascades to its profile, wherever it is deleted from (API, admin, shell).
    _delete_files_on_commit(avatar_file_names(instance))


# --- follow graph ------------------------------------------------------------------------------

# Other apps hear of these changes through core's signals (they never import users): the profile's
# privacy is the reader's default audience, and follows feed their activity. Every write path below,
# and the admin's, announces what it changed, inside its transaction.


def announce_default_audience(user: AbstractBaseUser, audience: str) -> None:
    """Tell other apps that ``user``'s default audience (their profile privacy) is now ``audience``."""
    signals.default_audience_changed.send(sender=Profile, user=user, audience=audience)


def announce_follow(follower: AbstractBaseUser, followee: AbstractBaseUser) -> None:
    """Tell other apps that ``follower`` now follows ``followee`` (an approved follow)."""
    signals.reader_followed.send(sender=Follow, follower=follower, followee=followee)


def announce_unfollow(follower: AbstractBaseUser, followee: AbstractBaseUser) -> None:
    """Tell other apps that ``follower`` no longer follows ``followee``."""
    signals.reader_unfollowed.send(sender=Follow, follower=follower, followee=followee)


@receiver(post_save, sender=Block)
@receiver(post_delete, sender=Block)
def _announce_block_change(sender: Any, instance: Block, **kwargs: Any) -> None:
    # Wherever a block is made or lifted (services, admin, an account's deletion).
    signals.block_changed.send(sender=Block, blocker=instance.blocker_id, blocked=instance.blocked_id)


def follow(follower: AbstractBaseUser, target: AbstractBaseUser) -> tuple[str, bool]:
    """``follower`` follows ``target``, or asks to when ``target`` approves followers.

    Returns ``(status, created)`` with status ``"following"`` or ``"requested"``; repeating it changes
    nothing (``created`` false). Raises :class:`ActionRefused` for oneself or across a block (the
    caller hides accounts that blocked ``follower``).
    """
    if follower.pk == target.pk:
        raise ActionRefused(str(CANNOT_FOLLOW_SELF), "cannot_follow_self")
    with transaction.atomic():
        if Block.objects.filter(
            Q(blocker=follower, blocked=target) | Q(blocker=target, blocked=follower)
        ).exists():
            raise ActionRefused(str(BLOCKED), "blocked")
        if Follow.objects.filter(follower=follower, followee=target).exists():
            return "following", False
        if get_profile(target).approve_followers:
            _request, created = FollowRequest.objects.get_or_create(requester=follower, target=target)
            return "requested", created
        _follow, created = Follow.objects.get_or_create(follower=follower, followee=target)
        FollowRequest.objects.filter(requester=follower, target=target).delete()
        if created:
            announce_follow(follower, target)
        return "following", created


def unfollow(follower: AbstractBaseUser, target: AbstractBaseUser) -> None:
    """Stop following ``target`` or cancel the pending request; nothing happens when there is neither."""
    with transaction.atomic():
        deleted, _by_model = Follow.objects.filter(follower=follower, followee=target).delete()
        FollowRequest.objects.filter(requester=follower, target=target).delete()
        if deleted:
            announce_unfollow(follower, target)


def remove_follower(owner: AbstractBaseUser, follower: AbstractBaseUser) -> None:
    """``owner`` removes ``follower`` from their followers (idempotent)."""
    with transaction.atomic():
        deleted, _by_model = Follow.objects.filter(follower=follower, followee=owner).delete()
        if deleted:
            announce_unfollow(follower, owner)


def accept_follow_request(request: FollowRequest) -> Follow:
    """Turn a pending request into a follow."""
    with transaction.atomic():
        follow_row, created = Follow.objects.get_or_create(
            follower_id=request.requester_id, followee_id=request.target_id
        )
        request.delete()
        if created:
            announce_follow(request.requester, request.target)
    return follow_row


def reject_follow_request(request: FollowRequest) -> None:
    """Drop a pending request; the requester may ask again."""
    request.delete()


def accept_all_follow_requests(target: AbstractBaseUser) -> int:
    """Accept every request pending for ``target``; return how many."""
    with transaction.atomic():
        requester_ids = list(
            FollowRequest.objects.select_for_update()
            .filter(target=target)
            .values_list("requester_id", flat=True)
        )
        already = set(
            Follow.objects.filter(followee=target, follower_id__in=requester_ids).values_list(
                "follower_id", flat=True
            )
        )
        Follow.objects.bulk_create(
            [Follow(follower_id=pk, followee_id=target.pk) for pk in requester_ids], ignore_conflicts=True
        )
        FollowRequest.objects.filter(target=target, requester_id__in=requester_ids).delete()
        new_follower_ids = [pk for pk in requester_ids if pk not in already]
        if new_follower_ids:
            new_followers = get_user_model()._default_manager.filter(pk__in=new_follower_ids).order_by("pk")
            for new_follower in new_followers:
                announce_follow(new_follower, target)
    return len(requester_ids)


def block(blocker: AbstractBaseUser, blocked: AbstractBaseUser) -> bool:
    """``blocker`` blocks ``blocked``: follows and requests both ways are removed. Returns whether the
    block is new. Raises :class:`ActionRefused` for oneself."""
    if blocker.pk == blocked.pk:
        raise ActionRefused(str(CANNOT_BLOCK_SELF), "cannot_block_self")
    with transaction.atomic():
        _block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        # One direction at a time, so that each follow that ends is announced (and only once, even
        # when an unfollow runs at the same moment).
        for follower, followee in ((blocker, blocked), (blocked, blocker)):
            deleted, _by_model = Follow.objects.filter(follower=follower, followee=followee).delete()
            if deleted:
                announce_unfollow(follower, followee)
        FollowRequest.objects.filter(
            Q(requester=blocker, target=blocked) | Q(requester=blocked, target=blocker)
        ).delete()
    return created


def unblock(blocker: AbstractBaseUser, blocked: AbstractBaseUser) -> None:
    """Lift the block (idempotent). Follows removed by the block are not restored."""
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


# --- lists and search ---------------------------------------------------------------------------


def followers_of(user: AbstractBaseUser) -> QuerySet:
    """Follow rows of ``user``'s followers, newest first, with each follower's profile loaded."""
    return (
        Follow.objects.filter(followee=user)
        .select_related("follower__mybookconnect_profile")
        .order_by("-created_at", "-pk")
    )


def following_of(user: AbstractBaseUser) -> QuerySet:
    """Follow rows of the accounts ``user`` follows, newest first, with their profiles loaded."""
    return (
        Follow.objects.filter(follower=user)
        .select_related("followee__mybookconnect_profile")
        .order_by("-created_at", "-pk")
    )


def incoming_follow_requests(user: AbstractBaseUser) -> QuerySet:
    """Requests waiting for ``user``'s answer, oldest first."""
    return (
        FollowRequest.objects.filter(target=user)
        .select_related("requester__mybookconnect_profile", "target__mybookconnect_profile")
        .order_by("created_at", "pk")
    )


def outgoing_follow_requests(user: AbstractBaseUser) -> QuerySet:
    """Requests ``user`` sent that are still pending, newest first."""
    return (
        FollowRequest.objects.filter(requester=user)
        .select_related("requester__mybookconnect_profile", "target__mybookconnect_profile")
        .order_by("-created_at", "-pk")
    )


def blocks_of(user: AbstractBaseUser) -> QuerySet:
    """Readers ``user`` blocked, newest first."""
    return (
        Block.objects.filter(blocker=user)
        .select_related("blocked__mybookconnect_profile")
        .order_by("-created_at", "-pk")
    )


class _Unaccent(Func):
    function = "UNACCENT"
    output_field = models.TextField()


class _WordSimilarity(Func):
    function = "WORD_SIMILARITY"
    output_field = models.FloatField()


def search_readers(viewer: Any, query: str) -> QuerySet:
    """Active, searchable readers whose username or display name matches ``query``.

    On PostgreSQL the match ignores case and accents and tolerates small typos (pg_trgm word
    similarity of at least ``USERS_SEARCH_SIMILARITY``), best matches first; elsewhere it is a
    case-insensitive contains-match ordered by username. Readers who blocked ``viewer``, and those
    ``viewer`` blocked, are left out.
    """
    user_model = get_user_model()
    username = user_model.USERNAME_FIELD
    readers = (
        active_users()
        .select_related("mybookconnect_profile")
        .exclude(mybookconnect_profile__searchable=False)
    )
    if viewer is not None and viewer.is_authenticated:
        readers = readers.exclude(
            Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked=viewer.pk))
            | Exists(Block.objects.filter(blocker=viewer.pk, blocked=OuterRef("pk")))
        )
    if connection.vendor != "postgresql":
        return readers.filter(
            Q(**{f"{username}__icontains": query}) | Q(mybookconnect_profile__display_name__icontains=query)
        ).order_by(username, "pk")
    needle = _Unaccent(Lower(Value(query)))
    name = _Unaccent(Lower(F(username)))
    display = _Unaccent(Lower(Coalesce(F("mybookconnect_profile__display_name"), Value(""))))
    return (
        readers.annotate(
            search_score=Greatest(_WordSimilarity(needle, name), _WordSimilarity(needle, display)),
            search_in_name=StrIndex(name, needle),
            search_in_display=StrIndex(display, needle),
        )
        .filter(
            Q(search_score__gte=users_settings.USERS_SEARCH_SIMILARITY)
            | Q(search_in_name__gt=0)
            | Q(search_in_display__gt=0)
        )
        .order_by("-search_score", username, "pk")
    )
