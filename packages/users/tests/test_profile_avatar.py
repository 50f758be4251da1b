"""PUT and DELETE auth/me/avatar/: only real JPEG, PNG and WebP pictures within limits get in."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mybookconnect.users.models import Profile

from .readers import client_for, make_reader

AVATAR = "/api/v1/auth/me/avatar/"
ME = "/api/v1/auth/me/"

pytestmark = pytest.mark.django_db


def picture(fmt="PNG", size=(300, 200), mode="RGB", colour="teal", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def noisy_png(size=(200, 200)) -> bytes:
    # Random pixels do not compress, so half of the file really lacks half of the image data.
    image = Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels in a few bytes: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (400, 300), "orange")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(client, content: bytes, name="avatar.png", **fields):
    file = SimpleUploadedFile(name, content, content_type="image/png")
    return client.put(AVATAR, {"avatar": file, **fields}, format="multipart")


@pytest.fixture
def ann(db):
    return make_reader("ann")


@pytest.fixture
def client(ann):
    return client_for(ann)


def stored(url: str) -> Image.Image:
    name = url.removeprefix("/media/")
    with default_storage.open(name) as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
        return image


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (picture("PNG"), "a.png"),
        (picture("PNG", mode="RGBA", colour=(0, 0, 0, 0)), "transparent.png"),
        (picture("JPEG"), "a.jpg"),
        (picture("WEBP"), "a.webp"),
        (picture("PNG"), "misnamed.gif"),  # the content decides, not the name
        (picture("PNG", size=(4096, 4096), mode="L"), "largest.png"),
    ],
)
def test_accepted_pictures(client, ann, content, name):
    response = upload(client, content, name)
    assert response.status_code == 200, response.json()
    avatar = response.json()["profile"]["avatar"]
    assert set(avatar) == {"small", "large"}
    small, large = stored(avatar["small"]), stored(avatar["large"])
    assert (small.size, large.size) == ((64, 64), (256, 256))
    assert small.format == large.format == "WEBP"


def test_exif_is_stripped_and_orientation_applied(client):
    response = upload(client, jpeg_with_exif(), "photo.jpg", crop_x=0, crop_y=0, crop_size=300)
    assert response.status_code == 200, response.json()
    large = stored(response.json()["profile"]["avatar"]["large"])
    assert "exif" not in large.info
    assert len(large.getexif()) == 0


def test_crop_box_is_in_source_pixels(client):
    image = Image.new("RGB", (200, 100), "white")
    image.paste((255, 0, 0), (100, 0, 200, 100))  # right half red
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    response = upload(client, buffer.getvalue(), crop_x=100, crop_y=0, crop_size=100)
    red, green, blue = stored(response.json()["profile"]["avatar"]["small"]).convert("RGB").getpixel((32, 32))
    assert red > 240 and green < 15 and blue < 15


BAD_FILES = [
    pytest.param(
        b"just some text, not a picture",
        "notes.png",
        "The file is not a picture Pillow can read; upload a JPEG, PNG or WebP image.",
        id="text-named-png",
    ),
    pytest.param(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>',
        "vector.svg",
        "The file is not a picture Pillow can read; upload a JPEG, PNG or WebP image.",
        id="svg",
    ),
    pytest.param(
        picture("GIF"), "a.gif", "GIF images are not accepted; upload a JPEG, PNG or WebP image.", id="gif"
    ),
    pytest.param(
        picture("BMP"), "a.png", "BMP images are not accepted; upload a JPEG, PNG or WebP image.", id="bmp"
    ),
    pytest.param(
        noisy_png()[: len(noisy_png()) // 2],
        "cut.png",
        "The image file is damaged or incomplete; upload it again.",
        id="truncated-png",
    ),
    pytest.param(
        picture("PNG", size=(5000, 5000), mode="1", colour=1),
        "huge.png",
        "The image is 5000x5000 pixels; the largest allowed is 4096x4096.",
        id="5000x5000",
    ),
    pytest.param(
        picture("PNG", size=(4097, 10), mode="1"),
        "wide.png",
        "The image is 4097x10 pixels; the largest allowed is 4096x4096.",
        id="4097-wide",
    ),
    pytest.param(
        png_header_only(10_000, 10_000),
        "bomb.png",
        "The image has too many pixels to be decoded safely.",
        id="bomb-warning-size",
    ),
    pytest.param(
        png_header_only(100_000, 100_000),
        "bomb.png",
        "The image has too many pixels to be decoded safely.",
        id="bomb-error-size",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n" + b"\0" * (5 * 1024 * 1024),
        "big.png",
        "The file is 5242888 bytes; the largest allowed is 5242880 bytes (5.0 MB).",
        id="over-5MB",
    ),
]


@pytest.mark.parametrize(("content", "name", "message"), BAD_FILES)
def test_refused_files_keep_the_old_avatar(client, ann, content, name, message):
    before = upload(client, picture()).json()["profile"]["avatar"]
    files_before = set(default_storage.listdir(f"mybookconnect/avatars/{ann.pk}")[1])

    response = upload(client, content, name)

    assert response.status_code == 400
    assert response.json() == {"avatar": [message]}
    assert client.get(ME).json()["profile"]["avatar"] == before
    assert set(default_storage.listdir(f"mybookconnect/avatars/{ann.pk}")[1]) == files_before


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, {"avatar": ["No file was submitted."]}),
        (
            {"avatar": "not-a-file"},
            {"avatar": ["The submitted data was not a file. Check the encoding type on the form."]},
        ),
        ({"avatar": SimpleUploadedFile("empty.png", b"")}, {"avatar": ["The submitted file is empty."]}),
        (
            {"avatar": SimpleUploadedFile("a.png", picture()), "crop_x": "0"},
            {
                "crop_y": ["Send crop_x, crop_y and crop_size together."],
                "crop_size": ["Send crop_x, crop_y and crop_size together."],
            },
        ),
        (
            {
                "avatar": SimpleUploadedFile("a.png", picture()),
                "crop_x": "ten",
                "crop_y": "0",
                "crop_size": "10",
            },
            {"crop_x": ["A valid integer is required."]},
        ),
        (
            {
                "avatar": SimpleUploadedFile("a.png", picture()),
                "crop_x": "-1",
                "crop_y": "0",
                "crop_size": "10",
            },
            {"crop_x": ["Ensure this value is greater than or equal to 0."]},
        ),
        (
            {
                "avatar": SimpleUploadedFile("a.png", picture()),
                "crop_x": "250",
                "crop_y": "0",
                "crop_size": "100",
            },
            {"crop_size": ["The crop square (250, 0, size 100) does not fit in the 300x200 image."]},
        ),
        (
            {"avatar": SimpleUploadedFile("a.png", picture()), "caption": "me"},
            {"caption": ["This field is not allowed."]},
        ),
    ],
)
def test_bad_form_fields(client, ann, data, error):
    response = client.put(AVATAR, data, format="multipart")
    assert response.status_code == 400
    assert response.json() == error
    assert not Profile.objects.get(user=ann).avatar_small


def test_json_body_is_refused(client):
    response = client.put(AVATAR, {"avatar": "x"}, format="json")
    assert response.status_code == 415


def test_replacing_deletes_the_old_files(client, ann, django_capture_on_commit_callbacks):
    first = upload(client, picture(colour="red")).json()["profile"]["avatar"]
    with django_capture_on_commit_callbacks(execute=True):
        second = upload(client, picture(colour="blue")).json()["profile"]["avatar"]
    assert first != second
    assert not default_storage.exists(first["small"].removeprefix("/media/"))
    assert default_storage.exists(second["small"].removeprefix("/media/"))


def test_delete_avatar(client, ann, django_capture_on_commit_callbacks):
    avatar = upload(client, picture()).json()["profile"]["avatar"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(AVATAR).status_code == 204
    assert client.get(ME).json()["profile"]["avatar"] is None
    assert not default_storage.exists(avatar["large"].removeprefix("/media/"))
    assert client.delete(AVATAR).status_code == 204  # idempotent


def test_deleting_the_account_removes_the_files(client, ann, django_capture_on_commit_callbacks):
    avatar = upload(client, picture()).json()["profile"]["avatar"]
    with django_capture_on_commit_callbacks(execute=True):
        ann.delete()
    assert not default_storage.exists(avatar["large"].removeprefix("/media/"))


def test_anonymous(db):
    assert client_for(None).put(AVATAR, {}, format="multipart").status_code == 401
    assert client_for(None).delete(AVATAR).status_code == 401
