"""What readers write becomes safe HTML: plain text escaped, a small Markdown subset, nothing else."""

from html.parser import HTMLParser

import pytest

from mybookconnect.books.markup import (
    ALLOWED_TAGS,
    render,
    render_markdown,
    render_plain,
    sanitize,
)

# Plain text


def test_plain_text_keeps_paragraphs_and_line_breaks():
    assert render_plain("First line\nsecond line\n\n\nNew paragraph\r\n") == (
        "<p>First line<br>\nsecond line</p>\n<p>New paragraph</p>"
    )


def test_plain_text_is_escaped_not_interpreted():
    html = render_plain('<script>alert(1)</script> & <b onclick="x()">*not bold*</b>')
    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
        "&lt;b onclick=&quot;x()&quot;&gt;*not bold*&lt;/b&gt;</p>"
    )


def test_blank_text_renders_nothing():
    assert render_plain("  \n\n ") == ""
    assert render_markdown(" \n ") == ""


# The Markdown subset


def test_markdown_emphasis_strong_code_and_paragraphs():
    html = render_markdown("Some *emphasis*, **strong** and `code`.\n\nSecond paragraph.")
    assert html == (
        "<p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code</code>.</p>\n"
        "<p>Second paragraph.</p>"
    )


def test_markdown_lists_blockquotes_and_code_blocks():
    html = render_markdown("- one\n- two\n\n3. three\n4. four\n\n> quoted\n\n```\nx < y\n```")
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert '<ol start="3">\n<li>three</li>' in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<pre><code>x &lt; y\n</code></pre>" in html


def test_markdown_links_are_marked_as_readers_links():
    html = render_markdown("See [the author](https://example.com/a?b=1&c=2).")
    assert html == (
        '<p>See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc noopener">the author</a>.</p>'
    )


def test_markdown_headings_rules_and_images_are_left_out():
    html = render_markdown("# Title\n\n---\n\n![cover](https://example.com/x.png)")
    assert "<h1" not in html and "<hr" not in html and "<img" not in html
    assert "# Title" in html
    # An image is only a link to it: nothing is loaded from elsewhere when the review is shown.
    assert '<a href="https://example.com/x.png" rel="nofollow ugc noopener">cover</a>' in html


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element of ``html`` as a browser's parser sees it: (tag, attributes)."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_safe(html: str) -> None:
    for tag, attributes in elements(html):
        assert tag in ALLOWED_TAGS, html
        assert set(attributes) <= {"href", "rel", "start"}, html
        href = (attributes.get("href") or "").strip().lower()
        assert not href or href.startswith(("http://", "https://", "mailto:", "/", "#")), html


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        '<a href="https://ok.example" onclick="alert(1)">x</a>',
        '<p onmouseover="alert(1)">hover</p>',
        "<iframe src=//evil.example></iframe>",
        "<style>body{display:none}</style>",
        '<svg onload="alert(1)"></svg>',
        "<!-- a comment --><b>bold</b>",
        "<div>\n\n*raw block*\n\n</div>",
        '<a href="javascript:alert(1)">x</a>',
        "**bold <script>alert(1)</script>**",
        "`<script>` in code is text",
    ],
)
def test_raw_html_is_shown_as_text_never_as_markup(attack):
    html = render_markdown(attack)
    assert_safe(html)
    assert {tag for tag, _attributes in elements(html)} <= {"p", "strong", "code", "em"}


@pytest.mark.parametrize(
    "link",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        '[click](https://ok.example "title" onclick="alert(1)")',
        "![x](javascript:alert(1))",
    ],
)
def test_dangerous_link_targets_never_become_links(link):
    assert_safe(render_markdown(link))


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[x](javascript:alert(1))"],
)
def test_plain_text_never_makes_an_element_beyond_paragraphs(text):
    assert [tag for tag, _attributes in elements(render_plain(text))] == ["p"]


def test_event_handlers_never_survive_sanitising():
    assert sanitize('<a href="https://x.example" onclick="alert(1)" style="x">y</a>') == (
        '<a href="https://x.example" rel="nofollow ugc noopener">y</a>'
    )
    assert sanitize('<p onmouseover="alert(1)">x</p><img src="x" onerror="alert(1)">') == "<p>x</p>"
    assert sanitize('<a href="javascript:alert(1)">x</a>') == '<a rel="nofollow ugc noopener">x</a>'


def test_render_picks_the_format():
    assert render("**x**", "markdown") == "<p><strong>x</strong></p>"
    assert render("**x**", "plain") == "<p>**x**</p>"
