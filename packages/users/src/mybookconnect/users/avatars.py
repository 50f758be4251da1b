"""Avatar uploads: decode with Pillow, refuse anything doubtful, re-encode small squares.

The upload is judged by what Pillow decodes, never by its name or content type: only JPEG, PNG and
WebP pictures pass, at most ``USERS_AVATAR_MAX_BYTES`` bytes and ``USERS_AVATAR_MAX_DIMENSION``
pixels a side. The dimensions are read from the header before any pixel is decoded, so a
decompression bomb (a small file that expands to gigabytes) is refused without being expanded.
The output is re-encoded from pixels only, so EXIF and every other metadata block is dropped.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError, features

from .conf import users_settings

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Pixels a side of the squares the SPA shows: a list avatar and the profile page's.
SIZES = {"small": 64, "large": 256}


@dataclass(frozen=True)
class CropBox:
    """A square in source pixels (after EXIF orientation), as chosen in the SPA's crop tool."""

    x: int
    y: int
    size: int


@dataclass(frozen=True)
class ProcessedAvatar:
    """The re-encoded squares, ready to store: ``{"small": ContentFile, "large": ContentFile}``."""

    files: dict[str, ContentFile]
    extension: str


def _output_format() -> tuple[str, str]:
    # WebP is smaller; a Pillow built without libwebp still gets PNG.
    return ("WEBP", "webp") if features.check("webp") else ("PNG", "png")


def _open(upload: IO[bytes]) -> Image.Image:
    max_bytes = users_settings.USERS_AVATAR_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s bytes; the largest allowed is %(max)s bytes (%(mb)s MB).")
            % {"size": size, "max": max_bytes, "mb": round(max_bytes / 1024 / 1024, 1)},
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its pixel limit; treat the warning as the error it is.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(ACCEPTED_FORMATS) + ["GIF", "BMP", "TIFF", "ICO"])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("The image has too many pixels to be decoded safely."), code="bomb") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            _("The file is not a picture Pillow can read; upload a JPEG, PNG or WebP image."),
            code="invalid_image",
        ) from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted; upload a JPEG, PNG or WebP image.")
            % {"format": image.format},
            code="unsupported_format",
        )
    limit = users_settings.USERS_AVATAR_MAX_DIMENSION
    width, height = image.size
    if width > limit or height > limit:
        raise ValidationError(
            _("The image is %(width)sx%(height)s pixels; the largest allowed is %(limit)sx%(limit)s.")
            % {"width": width, "height": height, "limit": limit},
            code="too_many_pixels",
        )
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("The image file is damaged or incomplete; upload it again."), code="truncated"
        ) from exc
    return image


def _square(image: Image.Image, crop: CropBox | None) -> Image.Image:
    width, height = image.size
    if crop is None:
        side = min(width, height)
        crop = CropBox(x=(width - side) // 2, y=(height - side) // 2, size=side)
    elif crop.x + crop.size > width or crop.y + crop.size > height:
        raise ValidationError(
            _("The crop square (%(x)s, %(y)s, size %(size)s) does not fit in the %(width)sx%(height)s image.")
            % {"x": crop.x, "y": crop.y, "size": crop.size, "width": width, "height": height},
            code="crop_outside",
        )
    return image.crop((crop.x, crop.y, crop.x + crop.size, crop.y + crop.size))


def process_avatar(upload: IO[bytes], crop: CropBox | None = None) -> ProcessedAvatar:
    """Decode ``upload`` and return the square avatars; raise ``ValidationError`` saying why not.

    Nothing is stored here: a failure leaves the reader's current avatar untouched.
    """
    image = _open(upload)
    # Browsers show photos turned by their EXIF orientation, and the crop box was chosen on that view.
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    square = _square(image, crop)
    pillow_format, extension = _output_format()
    files = {}
    for name, side in SIZES.items():
        resized = square.resize((side, side), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, format=pillow_format, **({"quality": 85} if pillow_format == "WEBP" else {}))
        files[name] = ContentFile(buffer.getvalue(), name=f"{name}.{extension}")
    return ProcessedAvatar(files=files, extension=extension)
