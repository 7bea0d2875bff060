"""Makes the README's pictures from the committed seed graph (exports/): ``python docs/make_pictures.py``.

* ``docs/john-wick.svg``: ``kg draw --out docs/john-wick.svg`` (the seed franchise);
* ``docs/explorer.png``: the explorer of ``kg view`` in headless Chromium (Playwright; the binary
  is ``KG_CHROMIUM`` or ``chromium``) after finding "Reddick" and clicking the Charon edge.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402

EDGE_POINT = """([a, b]) => {
  const k = window.kgExplorer, d = k.data;
  const from = d.nodes.findIndex((n) => n.label === a), to = d.nodes.findIndex((n) => n.label === b);
  const id = d.edges.findIndex((e) => e.from === from && e.to === to);
  const at = k.network.getPositions([from, to]);
  const box = document.querySelector("#graph canvas").getBoundingClientRect();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const dom = k.network.canvasToDOM({x: at[from].x + t * (at[to].x - at[from].x), y: at[from].y + t * (at[to].y - at[from].y)});
    if (k.network.getNodeAt(dom) === undefined && k.network.getEdgeAt(dom) === id) return {x: box.left + dom.x, y: box.top + dom.y};
  }
  return null;
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    graph = kg.load(ROOT / "exports")
    graph.draw(ROOT / "docs" / "john-wick.svg")
    chromium = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "explorer.html"
        graph.view(page_file)
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 720}, device_scale_factor=1)
        page.goto(page_file.as_uri())
        page.fill("#search-input", "Reddick")
        page.press("#search-input", "Enter")
        point = page.evaluate(EDGE_POINT, ["Lance Reddick", "Charon"])
        page.mouse.click(point["x"], point["y"])
        page.mouse.move(0, 0)
        page.wait_for_selector("#details blockquote")
        page.screenshot(path=str(ROOT / "docs" / "explorer.png"))
        browser.close()


if __name__ == "__main__":
    main()
