#!/usr/bin/env python3
"""Tries a notebook as a person would, in headless Chromium, by the remote debugging protocol:
opens a page, takes a screenshot, clicks the first animation's play button and takes two
screenshots of the player while it plays (with the frame it shows).

usage: browse.py URL OUT_DIR   (a classic `jupyter notebook` serving URL must be running)
Writes OUT_DIR/page.png, OUT_DIR/frame-a.png, OUT_DIR/frame-b.png; prints what it saw.
Uses tornado's websocket client (tornado comes with the notebook), nothing else.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

URL, OUT = sys.argv[1], sys.argv[2]
PORT = 9333


async def main():
    profile = tempfile.mkdtemp()
    chrome = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                               "--window-size=1200,1800", "--remote-debugging-port=%d" % PORT, "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                pages = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % PORT))
                if pages:
                    break
            except OSError:
                time.sleep(0.1)
        ws = await websocket_connect(next(p for p in pages if p["type"] == "page")["webSocketDebuggerUrl"],
                                     max_message_size=100 << 20)
        ids = iter(range(1, 10 ** 6))

        async def call(method, **params):
            i = next(ids)
            await ws.write_message(json.dumps({"id": i, "method": method, "params": params}))
            while True:
                m = json.loads(await ws.read_message())
                if m.get("id") == i:
                    return m.get("result", m)

        async def js(expr):
            r = await call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
            return r.get("result", {}).get("value")

        async def shot(name, clip=None):
            params = {"format": "png", "captureBeyondViewport": True}
            if clip:
                params["clip"] = dict(clip, scale=1)
            data = (await call("Page.captureScreenshot", **params))["data"]
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(base64.b64decode(data))

        await call("Page.enable")
        await call("Page.navigate", url=URL)
        for _ in range(60):  # the notebook's outputs are drawn by its JavaScript after load
            time.sleep(0.5)
            if await js("document.querySelectorAll('.mlp-player canvas').length") or 0:
                break
        time.sleep(2)
        print("players on the page:", await js("document.querySelectorAll('.mlp-player').length"))
        print("trusted:", await js("document.querySelector('#notification_trusted') ? document.querySelector('#notification_trusted').textContent : '?'"))
        await shot("page.png")
        rect = await js("""(function () { var p = document.querySelector('.mlp-player'); p.scrollIntoView();
            var r = p.getBoundingClientRect(); return {x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height}; })()""")
        print("first player at", rect)
        b = await js("""(function () { var b = document.querySelector('.mlp-player .mlp-play').getBoundingClientRect();
            return {x: b.x + b.width / 2, y: b.y + b.height / 2}; })()""")
        for kind in ("mousePressed", "mouseReleased"):  # a real click on the button, where it is on screen
            await call("Input.dispatchMouseEvent", type=kind, x=b["x"], y=b["y"], button="left", clickCount=1)
        for name, wait in (("frame-a.png", 0.25), ("frame-b.png", 0.6)):
            time.sleep(wait)
            state = await js("""(function () { var p = document.querySelector('.mlp-player');
                return [p.querySelector('.mlp-play').textContent, p.querySelector('.mlp-frame').textContent,
                        p.querySelector('.mlp-caption').textContent]; })()""")
            await shot(name, rect)
            print(name, state)
        # then a new cell, run from the page: live training redraws its picture in place
        await js("""(function () { var c = Jupyter.notebook.insert_cell_at_bottom('code');
            c.set_text('seed(1)\\nP = randn(300, 2)\\nrl = train(mlp(2, 32, 2), P, P * 3 + 1, epochs=40000, live=true)');
            c.element[0].scrollIntoView(); c.execute(); return 1; })()""")
        for name, wait in (("live-a.png", 2.0), ("live-b.png", 1.5)):
            time.sleep(wait)
            box = await js("""(function () { var c = Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1);
                c.element[0].scrollIntoView(); var r = c.element[0].getBoundingClientRect();
                return {x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: Math.max(r.height, 50)}; })()""")
            outputs = await js("Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1).output_area.outputs.map(o => o.output_type + ':' + Object.keys(o.data || {}).join(','))")
            await shot(name, box)
            print(name, outputs)
        for _ in range(120):
            if "*" not in (await js("Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1).element[0].querySelector('.input_prompt').innerText") or ""):
                break
            time.sleep(0.5)
        outputs = await js("Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1).output_area.outputs.map(o => o.output_type + ':' + Object.keys(o.data || {}).join(','))")
        bar = await js("Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1).output_area.element[0].innerText.split('\\n').filter(l => l.indexOf('it/s') >= 0)")
        print("after training:", outputs, bar)
        box = await js("""(function () { var c = Jupyter.notebook.get_cell(Jupyter.notebook.ncells() - 1);
            c.element[0].scrollIntoView(); var r = c.element[0].getBoundingClientRect();
            return {x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height}; })()""")
        await shot("live-end.png", box)
    finally:
        chrome.terminate()
        chrome.wait()


IOLoop.current().run_sync(main)
