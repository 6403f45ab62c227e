"""Two users chatting, photographed side by side: docs/images/chat.png comes from here.

`scripts/screenshot-chat.sh` runs this test with CHAT_SCREENSHOT=docs/images/chat.png; without
it the picture goes to a temporary file, so ordinary runs leave the repository clean.
"""

import base64
import os

PHONE = (420, 720)
CONVERSATION = [
    (0, "Oi! Is this the chat from the Flask tutorial?"),
    (1, "Yes: same page and events, served by app.py or by the Swift ChatDemo."),
    (0, "And <b>HTML</b> stays text, good."),
    (1, "Typing indicator, history, acks ✓ and it reconnects by itself."),
]


def test_screenshot_of_two_pages_chatting(chat, server, tmp_path):
    ana = chat(server, 0)
    bruno = chat(server, 1)
    for page in (ana, bruno):
        page.driver.set_window_size(*PHONE)
    ana.open("Ana")
    bruno.open("Bruno")
    pages = (ana, bruno)
    for who, text in CONVERSATION:
        pages[who].send(text)
        pages[1 - who].wait_for_text(text)
        pages[who].wait_for("document.querySelector('#messages li.own:last-of-type').dataset.status === 'delivered'")
    ana.find("#text").send_keys("See you")  # Bruno sees Ana typing
    bruno.wait_for("document.getElementById('typing').textContent === 'Ana is typing…'")
    shots = [base64.b64encode(page.driver.get_screenshot_as_png()).decode("ascii") for page in pages]

    # Lays the two shots side by side in a blank page of the first browser and photographs that.
    viewer = ana.driver
    viewer.get("about:blank")
    viewer.execute_script("""
        document.body.style.cssText = 'margin:0;padding:16px;display:flex;gap:16px;background:#c9cfdb';
        arguments[0].forEach(function (data) {
            var image = document.createElement('img');
            image.src = 'data:image/png;base64,' + data;
            image.style.cssText = 'border-radius:10px;box-shadow:0 2px 12px rgba(0,0,0,.25)';
            document.body.appendChild(image);
        });""", shots)
    size = viewer.execute_async_script("""
        var done = arguments[0];
        Promise.all(Array.from(document.images, function (i) { return i.decode(); })).then(function () {
            done([document.body.scrollWidth, document.body.scrollHeight]);
        });""")
    viewer.set_window_size(size[0] + 40, size[1] + 160)
    width, height = viewer.execute_script("return [window.innerWidth, window.innerHeight];")
    viewer.set_window_size(size[0] + 40 + (size[0] - width), size[1] + 160 + (size[1] - height))
    target = os.environ.get("CHAT_SCREENSHOT") or str(tmp_path / "chat.png")
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    assert viewer.save_screenshot(target)
    assert os.path.getsize(target) > 10_000
