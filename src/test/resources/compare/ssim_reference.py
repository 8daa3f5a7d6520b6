"""Reference SSIM values for ImageDifferenceCalculatorTest, computed independently of the Java code.

Run with python3 and numpy (checked with Python 3.11, numpy 2.4.6):

    python3 src/test/resources/compare/ssim_reference.py

It builds the same deterministic image pairs as the test (integer formulas only, so both sides
have the same pixels) and prints the mean SSIM of each pair in float64, defined as
tf.image.ssim does: an 11x11 Gaussian window, sigma 1.5, built in 2-D as TensorFlow builds it
(exp(-(i^2 + j^2) / (2 sigma^2)) over centred coordinates, normalised to sum 1), K1 = 0.01,
K2 = 0.03, L = 255, variances as E[x^2] - mu^2, 'VALID' filtering (windows wholly inside the
image, here a direct 2-D sliding-window sum, not the Java code's separable passes), the mean of
the SSIM map per channel, then the mean of the three channels. A side shorter than 11 pixels
takes a window as long as that side (TensorFlow refuses such images; this is the Java code's
documented choice).
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

SIGMA = 1.5
C1 = (0.01 * 255) ** 2
C2 = (0.03 * 255) ** 2


def window(height, width):
    ci = np.arange(height, dtype=np.float64) - (height - 1) / 2
    cj = np.arange(width, dtype=np.float64) - (width - 1) / 2
    g = np.exp(-(ci[:, None] ** 2 + cj[None, :] ** 2) / (2 * SIGMA**2))
    return g / g.sum()


def filter_valid(plane, w):
    views = sliding_window_view(plane, w.shape)
    return np.einsum("ijkl,kl->ij", views, w)


def ssim(a, b):
    h, w = a.shape[:2]
    win = window(min(11, h), min(11, w))
    per_channel = []
    for c in range(3):
        x = a[:, :, c].astype(np.float64)
        y = b[:, :, c].astype(np.float64)
        mx, my = filter_valid(x, win), filter_valid(y, win)
        vx = filter_valid(x * x, win) - mx * mx
        vy = filter_valid(y * y, win) - my * my
        cxy = filter_valid(x * y, win) - mx * my
        s = (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2))
        per_channel.append(s.mean())
    return float(np.mean(per_channel))


def coordinates(width, height):
    y, x = np.mgrid[0:height, 0:width]
    return x.astype(np.int64), y.astype(np.int64)


def gradient(width, height):
    x, y = coordinates(width, height)
    return np.stack(
        [x * 255 // (width - 1), y * 255 // (height - 1), (x + 2 * y) * 255 // (width + 2 * height - 3)],
        axis=-1,
    )


def with_pattern(image):
    height, width = image.shape[:2]
    x, y = coordinates(width, height)
    c = np.arange(3)[None, None, :]
    pattern = (x[:, :, None] * 7 + y[:, :, None] * 13 + c * 5) % 21 - 10
    return np.clip(image + pattern, 0, 255)


def box_blurred(image):
    """3x3 mean with edges replicated, rounded down."""
    height, width = image.shape[:2]
    padded = np.pad(image, ((1, 1), (1, 1), (0, 0)), mode="edge")
    total = sum(padded[dy : dy + height, dx : dx + width] for dy in range(3) for dx in range(3))
    return total // 9


def lcg(width, height, seed):
    """Bytes of s = s * 1103515245 + 12345 mod 2^31, taking bits 16..23, row by row, R G B."""
    out = np.empty(width * height * 3, dtype=np.int64)
    s = seed
    for i in range(out.size):
        s = (s * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = (s >> 16) & 0xFF
    return out.reshape(height, width, 3)


PAIRS = {
    "gradient 64x48 vs gradient with pattern": lambda: (gradient(64, 48), with_pattern(gradient(64, 48))),
    "gradient 64x48 vs box blurred": lambda: (gradient(64, 48), box_blurred(gradient(64, 48))),
    "noise 32x24 seed 1 vs noise seed 2": lambda: (lcg(32, 24, 1), lcg(32, 24, 2)),
    "noise 7x5 seed 3 vs box blurred": lambda: (lcg(7, 5, 3), box_blurred(lcg(7, 5, 3))),
    "noise 20x3 seed 4 vs with pattern": lambda: (lcg(20, 3, 4), with_pattern(lcg(20, 3, 4))),
    "1x1 (10, 20, 30) vs (12, 20, 25)": lambda: (
        np.array([[[10, 20, 30]]]),
        np.array([[[12, 20, 25]]]),
    ),
}

if __name__ == "__main__":
    for name, make in PAIRS.items():
        a, b = make()
        print(f"{name}: {ssim(a, b)!r}")
