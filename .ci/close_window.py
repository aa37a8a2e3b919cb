#!/usr/bin/env python3
"""Close a window politely, as a window manager does: send WM_DELETE_WINDOW to the top-level
window whose title is the first argument. Exit 0 when sent, 1 when no such window, 2 when
python-xlib is missing. Used by the CI smoke test (no window manager runs under Xvfb)."""
import sys

try:
    from Xlib import X, display, protocol
except ImportError:
    sys.exit(2)


def find(win, title):
    try:
        if win.get_wm_name() == title:
            return win
        children = win.query_tree().children
    except Exception:
        return None
    for child in children:
        found = find(child, title)
        if found is not None:
            return found
    return None


d = display.Display()
target = find(d.screen().root, sys.argv[1])
if target is None:
    sys.exit(1)
protocols = d.intern_atom("WM_PROTOCOLS")
delete = d.intern_atom("WM_DELETE_WINDOW")
event = protocol.event.ClientMessage(
    window=target, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
)
target.send_event(event, event_mask=X.NoEventMask)
d.flush()
