import pytest

from mybookconnect.books.isbn import (
    clean_isbn,
    is_valid_isbn10,
    is_valid_isbn13,
    isbn10_to_13,
    isbn13_to_10,
    looks_like_isbn,
    normalize_isbn,
)


@pytest.mark.parametrize(
    "value",
    [
        "0-7475-3269-9",
        "0747532699",
        "978-0-7475-3269-9",
        "9780747532699",
        "ISBN 978 0 7475 3269 9",
        " 0747532699 ",
    ],
)
def test_every_form_normalises_to_the_isbn13(value):
    assert normalize_isbn(value) == "9780747532699"


def test_x_check_digit():
    assert is_valid_isbn10("080442957X")
    assert normalize_isbn("0-8044-2957-x") == "9780804429573"
    assert isbn13_to_10("9780804429573") == "080442957X"


def test_conversions_round_trip():
    assert isbn10_to_13("0747532699") == "9780747532699"
    assert isbn13_to_10("9780747532699") == "0747532699"


def test_979_has_no_isbn10():
    assert is_valid_isbn13("9791032305690")
    assert isbn13_to_10("9791032305690") is None


@pytest.mark.parametrize("value", ["0747532698", "9780747532698", "12345", "", "abcdefghij", "0000000000000"])
def test_bad_check_digits_and_shapes_are_refused(value):
    with pytest.raises(ValueError):
        normalize_isbn(value)


def test_helpers():
    assert clean_isbn("isbn-13: 978-0-7475-3269-9") == "9780747532699"
    assert looks_like_isbn("978-0-7475-3269-7")
    assert not looks_like_isbn("pillars of the earth")
    assert not is_valid_isbn13("978074753269Y")
