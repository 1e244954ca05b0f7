"""The portal frame in Debian's Chromium: screenshots of every page type at 1280 and 360 px,
written to build-artifacts/screenshots/ (gitignored; CI may upload the folder), with the
checks a screenshot cannot show: no sideways scroll at 360 px, no failed request, the first
Tab on a visible skip link, the closed drawer out of the tab order, a visible focus in the
header search box."""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_portal import PAGE_TYPES

SCREENSHOTS = ROOT / "build-artifacts" / "screenshots"


#: what the focused element looks like: is it the skip link, on screen and opaque?
FOCUSED = """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return { skip: el.classList.contains('ck-skip'), onScreen: r.width > 20 && r.height > 10
    && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
    opaque: s.opacity === '1' && s.visibility === 'visible' }; }"""


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_screenshots_fit_a_phone_and_lead_with_the_skip_link(
    browser: object, base: str, kind: str
) -> None:
    """Writes build-artifacts/screenshots/<kind>-1280.png and -360.png; at 360 px the page
    has no sideways scroll, no request fails, and the first Tab lands on a visible skip
    link."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    for width in (1280, 360):
        page = browser.new_page(viewport={"width": width, "height": 800})  # type: ignore[attr-defined]
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        try:
            page.goto(base + PAGE_TYPES[kind], wait_until="networkidle")
            page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)
            if width == 360:
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{overflow} px sideways scroll at 360 px"
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED) == {"skip": True, "onScreen": True, "opaque": True}
        finally:
            page.close()
    assert failed == []


def test_closed_drawer_never_takes_the_focus_on_a_phone(browser: object, base: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})  # type: ignore[attr-defined]
    try:
        page.goto(base + PAGE_TYPES["document"])
        reached = []
        for _ in range(40):
            page.keyboard.press("Tab")
            reached.append(
                page.evaluate(
                    "() => { const el = document.activeElement;"
                    " return [!!el.closest('.md-sidebar--primary'), el.textContent.trim()]; }"
                )
            )
        assert [text for inside, text in reached if inside] == []
        # and the content is reached: the keyboard is not stuck in the frame
        assert len({text for _, text in reached}) > 10
    finally:
        page.close()


def test_header_search_box_shows_its_focus(browser: object, base: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    try:
        page.goto(base + PAGE_TYPES["register"])
        page.focus("#ck-searchbar-q")
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert style[0] != "none" and style[1] >= 2
    finally:
        page.close()


#: where the focus is: the drawer's toggle, inside the drawer, the drawer on screen, and how
#: the header's menu button looks (its outline shows the toggle's focus)
DRAWER_STATE = """() => { const el = document.activeElement;
  const drawer = document.querySelector('.md-sidebar--primary');
  const r = drawer.getBoundingClientRect(); const s = getComputedStyle(drawer);
  const button = getComputedStyle(document.querySelector('.md-header label[for="__drawer"]'));
  return { toggle: el.id === '__drawer', inside: !!el.closest('.md-sidebar--primary'),
    text: el.textContent.trim(), open: s.visibility === 'visible' && r.right > 0
    && r.left < innerWidth, outline: [button.outlineStyle, parseFloat(button.outlineWidth)] }; }"""


def test_drawer_opens_and_closes_from_the_keyboard_on_a_phone(browser: object, base: str) -> None:
    """Tab, Tab reaches the drawer's toggle (named, its focus shown on the menu button);
    Space opens the drawer and its links take the focus; Space on the toggle closes it."""
    page = browser.new_page(viewport={"width": 360, "height": 800})  # type: ignore[attr-defined]
    try:
        page.goto(base + PAGE_TYPES["document"], wait_until="networkidle")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('ck-skip')")
        page.keyboard.press("Tab")
        state = page.evaluate(DRAWER_STATE)
        assert state["toggle"] and not state["open"]
        assert state["outline"][0] != "none" and state["outline"][1] >= 2
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "Mở menu điều hướng"
        )
        page.keyboard.press("Space")
        page.wait_for_timeout(400)  # the drawer's slide
        assert page.evaluate(DRAWER_STATE)["open"]
        first_link = page.evaluate(
            "document.querySelector('.md-sidebar--primary .md-nav__list a').textContent.trim()"
        )
        for _ in range(15):
            page.keyboard.press("Tab")
            state = page.evaluate(DRAWER_STATE)
            if state["inside"]:
                break
        assert state["inside"] and state["text"] == first_link
        # back to the toggle, and Space again closes the drawer: its links leave the tab order
        page.focus("#__drawer")
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        assert not page.evaluate(DRAWER_STATE)["open"]
        for _ in range(10):
            page.keyboard.press("Tab")
            assert not page.evaluate(DRAWER_STATE)["inside"]
    finally:
        page.close()


def test_drawer_toggle_is_out_of_the_tab_order_on_a_wide_screen(browser: object, base: str) -> None:
    """From 76.25em the navigation is a sidebar and there is no drawer to open."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    try:
        page.goto(base + PAGE_TYPES["document"])
        assert page.evaluate("getComputedStyle(document.getElementById('__drawer')).display") == (
            "none"
        )
        for _ in range(5):
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") != "__drawer"
    finally:
        page.close()
