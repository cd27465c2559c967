"""A paper's JSON-LD in a real browser: a data block, which the site's Content Security
Policy (script-src 'self') neither blocks nor reports."""

import json

PAPER = "/en/studies/asia-pacific/chapters/1/nids/"


def test_the_json_ld_block_raises_no_csp_violation_or_console_message(browser, live_server, demo):
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    # Listening before the page's own scripts run, so no violation goes unseen.
    page.add_init_script(
        """window.violations = [];
        document.addEventListener("securitypolicyviolation",
            event => window.violations.push(event.violatedDirective + " " + event.blockedURI));"""
    )
    response = page.goto(live_server.url + PAPER)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    # The demo is a demonstration: a CreativeWork that says so, no ScholarlyArticle.
    assert data["@type"] == "CreativeWork"
    assert data["creativeWorkStatus"] == "Demonstration"
    assert data["headline"] == page.locator("h1").inner_text()
    assert page.evaluate("window.violations") == []
    assert messages == []
    context.close()
