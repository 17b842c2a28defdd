#!/usr/bin/env python3
"""Draws the installable app's icons (wwwroot/icons/icon-192.png, icon-512.png) without any image library.

The icon is full-bleed brand blue (so a launcher may mask it to any shape) with a white ring around a white dot:
a signal, nothing that names the app's subject. Run from the repository root: python3 tools/make-icons.py
"""
import struct
import zlib
from pathlib import Path

BRAND = (0x0B, 0x4F, 0x8A)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "src" / "CrisisHub.Server" / "wwwroot" / "icons"


def coverage(x, y):
    """How white the point (x, y) in the unit square is: 1 inside the ring or the dot, else 0."""
    d = ((x - 0.5) ** 2 + (y - 0.5) ** 2) ** 0.5
    return 1.0 if d <= 0.11 or 0.2 <= d <= 0.27 else 0.0


def pixels(size, samples=4):
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type: none
        for px in range(size):
            white = sum(coverage((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                        for sx in range(samples) for sy in range(samples)) / samples ** 2
            row += bytes(round(b + (w - b) * white) for b, w in zip(BRAND, WHITE))
        rows.append(bytes(row))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels(size), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
