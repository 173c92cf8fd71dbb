"""Just enough Edwards25519 arithmetic to refuse weak Ed25519 public keys (RFC 8032 §5.1.3 decoding).

OpenSSL verifies signatures made with any key that decodes, and with a key of small order (the identity, or one
of the 8 torsion points) a fixed signature — R the identity, S = 0 — verifies for *every* message: a desk
enrolled with such a key would open every tracking page of its commune. A genuine key is a multiple of the
base point, so it lies in the subgroup of prime order L; anything else (small order, or a genuine key plus a
torsion point) is refused, and so is any encoding that is not canonical (y ≥ p, or x = 0 with the sign bit).
Only the province's enrollment and its signature checks use this; speed is not a concern (about 2 ms a key).
"""

from __future__ import annotations

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493  # the order of the base point
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

Point = tuple[int, int, int, int]  # extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, xy = T/Z
IDENTITY: Point = (0, 1, 1, 0)


def decode_point(raw: bytes) -> Point:
    """The point a 32-byte encoding stands for; ValueError when it is not a canonical encoding of one."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 point is 32 bytes")
    number = int.from_bytes(raw, "little")
    sign, y = number >> 255, number & ((1 << 255) - 1)
    if y >= P:
        raise ValueError("non-canonical encoding (y ≥ p)")
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        if sign:
            raise ValueError("non-canonical encoding (x = 0 with the sign bit set)")
        return (0, y, 1, 0)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        raise ValueError("not a point of the curve")
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


def encode_point(point: Point) -> bytes:
    x_, y_, z, _t = point
    inverse = pow(z, P - 2, P)
    x, y = x_ * inverse % P, y_ * inverse % P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def point_add(p: Point, q: Point) -> Point:
    """RFC 8032 §5.1.4: complete addition in extended coordinates (also doubles)."""
    x1, y1, z1, t1 = p
    x2, y2, z2, t2 = q
    a, b = (y1 - x1) * (y2 - x2) % P, (y1 + x1) * (y2 + x2) % P
    c, d = 2 * t1 * t2 * D % P, 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def scalar_multiply(scalar: int, point: Point) -> Point:
    result = IDENTITY
    while scalar:
        if scalar & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        scalar >>= 1
    return result


def is_identity(point: Point) -> bool:
    x, y, z, _t = point
    return x % P == 0 and (y - z) % P == 0


def is_strong_public_key(raw: bytes) -> bool:
    """A canonical encoding of a point of the prime-order subgroup other than the identity."""
    try:
        point = decode_point(raw)
    except ValueError:
        return False
    if is_identity(scalar_multiply(8, point)):  # the 8 points of small order, the identity among them
        return False
    return is_identity(scalar_multiply(L, point))  # not a genuine key plus a torsion point
