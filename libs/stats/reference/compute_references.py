#!/usr/bin/env python3
"""Independent reference values for libs/stats tests.

Uses only the Python 3 standard library (math, fractions, statistics). Exact
rational arithmetic (fractions.Fraction + math.comb / factorials) is used
wherever the quantity is a finite sum; floating point (math.lgamma, math.erfc)
only where it is not. Run: python3 libs/stats/reference/compute_references.py
"""
import math
from fractions import Fraction
from statistics import NormalDist

N = NormalDist()


def show(label, value):
    print(f"{label}: {value!r}")


# ---- log-gamma (C library lgamma via math.lgamma) ----
for x in [0.5, 1, 1.5, 2, 3.7, 10, 100.25, 1234.5, 50001]:
    show(f"lgamma({x})", math.lgamma(x))

# ---- normal cdf (math.erfc) and quantile ----
for z in [-8, -3, -1.959963984540054, 0, 0.5, 2.5]:
    show(f"Phi({z})", 0.5 * math.erfc(-z / math.sqrt(2)))
for p in [1e-10, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999]:
    show(f"Phi^-1({p}) [statistics.NormalDist, AS241]", N.inv_cdf(p))


# ---- Wilson score interval ----
def wilson(c, n, conf=0.95):
    z = N.inv_cdf(1 - (1 - conf) / 2)
    p = c / n
    centre = (c + z * z / 2) / (n + z * z)
    half = z / (n + z * z) * math.sqrt(c * (n - c) / n + z * z / 4)
    return p, max(0.0, centre - half), min(1.0, centre + half)


for c, n in [(0, 10), (10, 10), (45, 100), (56, 70), (48, 80)]:
    show(f"wilson({c},{n})", wilson(c, n))
show("wilson(45,100,0.9)", wilson(45, 100, 0.9))


# ---- pooled two-proportion z-test ----
def ztest(c1, n1, c2, n2):
    p = (c1 + c2) / (n1 + n2)
    se = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    z = (c2 / n2 - c1 / n1) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


show("ztest(200,1000,250,1000)", ztest(200, 1000, 250, 1000))
show("ztest(480,5000,520,5000)", ztest(480, 5000, 520, 5000))


# ---- Fisher exact, exact rational hypergeometric sums ----
def fisher(a, b, c, d):
    m, n, k = a + b, c + d, a + c
    total = math.comb(m + n, k)
    prob = {x: Fraction(math.comb(m, x) * math.comb(n, k - x), total)
            for x in range(max(0, k - n), min(k, m) + 1)}
    obs = prob[a]
    return sum(p for p in prob.values() if p <= obs)


for t in [(3, 1, 1, 3), (1, 9, 11, 3), (1, 4, 4, 1), (2, 10, 15, 3), (0, 5, 5, 0),
          (2, 48, 9, 41), (4, 96, 4, 96)]:
    f = fisher(*t)
    show(f"fisher{t}", (str(f), float(f)))


# ---- P(p_B > p_A), Beta(1,1) priors: Evan Miller's closed form ----
def lbeta(a, b):
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def beta_exact(a, b):  # B(a,b) for positive integers, exact
    return Fraction(math.factorial(a - 1) * math.factorial(b - 1), math.factorial(a + b - 1))


def prob_b_beats_a_exact(ac, an, bc, bn):
    aa, ba, ab, bb = 1 + ac, 1 + an - ac, 1 + bc, 1 + bn - bc
    return sum(beta_exact(aa + i, ba + bb) / ((bb + i) * beta_exact(1 + i, bb) * beta_exact(aa, ba))
               for i in range(ab))


def prob_b_beats_a_float(ac, an, bc, bn):
    aa, ba, ab, bb = 1 + ac, 1 + an - ac, 1 + bc, 1 + bn - bc
    return sum(math.exp(lbeta(aa + i, ba + bb) - math.log(bb + i) - lbeta(1 + i, bb) - lbeta(aa, ba))
               for i in range(ab))


def prob_b_beats_a_grid(ac, an, bc, bn, steps=400000):
    """Independent check: midpoint grid on [0,1]; P = sum f_A(x) * (1 - F_B(x)) dx."""
    aa, ba, ab, bb = 1 + ac, 1 + an - ac, 1 + bc, 1 + bn - bc
    h = 1.0 / steps
    la, lb = lbeta(aa, ba), lbeta(ab, bb)
    xs = [(i + 0.5) * h for i in range(steps)]
    fa = [math.exp((aa - 1) * math.log(x) + (ba - 1) * math.log1p(-x) - la) for x in xs]
    fb = [math.exp((ab - 1) * math.log(x) + (bb - 1) * math.log1p(-x) - lb) for x in xs]
    cdf, acc = 0.0, 0.0
    for i in range(steps):
        cdf_mid = cdf + fb[i] * h / 2  # F_B at x_i (trapezoid on half-cell)
        acc += fa[i] * (1 - cdf_mid) * h
        cdf += fb[i] * h
    return acc


for args in [(3, 10, 5, 12), (0, 0, 1, 1), (10, 100, 15, 100), (0, 20, 2, 20)]:
    e = prob_b_beats_a_exact(*args)
    show(f"P(B>A){args} exact", (str(e) if e.denominator < 10**12 else 'big', float(e)))
for args in [(5000, 50000, 5150, 50000), (500, 50000, 560, 50000), (45000, 50000, 45150, 50000)]:
    show(f"P(B>A){args} lgamma-sum", prob_b_beats_a_float(*args))
    show(f"P(B>A){args} grid", prob_b_beats_a_grid(*args))


# ---- chi-square upper tail via closed forms in the incomplete gamma ----
def chisq_sf(x, df):
    """Q(df/2, x/2) via: Q(1,y)=e^-y, Q(1/2,y)=erfc(sqrt y), Q(a+1,y)=Q(a,y)+y^a e^-y/Gamma(a+1)."""
    y = x / 2
    if df % 2 == 0:
        a, q = 1.0, math.exp(-y)
    else:
        a, q = 0.5, math.erfc(math.sqrt(y))
    while a < df / 2:
        q += math.exp(a * math.log(y) - y - math.lgamma(a + 1))
        a += 1
    return q


for x, df in [(3.841458820694124, 1), (5.991464547107979, 2), (9.487729036781154, 4),
              (11.070497693516351, 5), (18.307038053275146, 10), (1.0, 3), (40.0, 3)]:
    show(f"chisq_sf({x},{df})", chisq_sf(x, df))


def srm(obs, w):
    tot, sw = sum(obs), sum(w)
    chi = sum((o - tot * wi / sw) ** 2 / (tot * wi / sw) for o, wi in zip(obs, w))
    return chi, chisq_sf(chi, len(obs) - 1)


show("srm([5000,5200],[1,1])", srm([5000, 5200], [1, 1]))
show("srm([5000,5400],[1,1])", srm([5000, 5400], [1, 1]))
show("srm([980,1010,2100],[1,1,2])", srm([980, 1010, 2100], [1, 1, 2]))


# ---- sample size per arm (pooled variance under H0, unpooled under H1) ----
def n_per_arm(p1, mde, alpha=0.05, power=0.8):
    p2 = p1 + mde
    pbar = (p1 + p2) / 2
    za, zb = N.inv_cdf(1 - alpha / 2), N.inv_cdf(power)
    num = za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return (num / mde) ** 2


for args in [(0.10, 0.02), (0.05, 0.01), (0.30, 0.05, 0.01, 0.9)]:
    v = n_per_arm(*args)
    show(f"n_per_arm{args}", (v, math.ceil(v)))


# ---- Newcombe hybrid score CI (method 10) for p_T - p_C ----
def newcombe(cc, nc, ct, nt):
    pc, lc, uc = wilson(cc, nc)
    pt, lt, ut = wilson(ct, nt)
    d = pt - pc
    return d, d - math.sqrt((pt - lt) ** 2 + (uc - pc) ** 2), d + math.sqrt((ut - pt) ** 2 + (pc - lc) ** 2)


show("newcombe(control 48/80, treatment 56/70)", newcombe(48, 80, 56, 70))
show("newcombe(control 3/10, treatment 9/10)", newcombe(3, 10, 9, 10))
show("newcombe(control 0/10, treatment 0/10)", newcombe(0, 10, 0, 10))


# ---- mSPRT, normal approximation (Johari et al.) ----
def msprt(cc, nc, ct, nt, tau, alpha=0.05):
    pc, pt = cc / nc, ct / nt
    v = pc * (1 - pc) / nc + pt * (1 - pt) / nt
    t2 = tau * tau
    d = pt - pc
    lam = math.sqrt(v / (v + t2)) * math.exp(d * d * t2 / (2 * v * (v + t2)))
    half = math.sqrt(v * (v + t2) / t2 * (math.log((v + t2) / v) - 2 * math.log(alpha)))
    return lam, min(1.0, 1 / lam), d - half, d + half


show("msprt(1000/10000, 1100/10000, tau=0.02)", msprt(1000, 10000, 1100, 10000, 0.02))
show("msprt(1000/10000, 1200/10000, tau=0.02)", msprt(1000, 10000, 1200, 10000, 0.02))
show("msprt(100/1000, 100/1000, tau=0.01)", msprt(100, 1000, 100, 1000, 0.01))


# ---- mulberry32 (port with explicit 32-bit arithmetic) ----
def mulberry32(seed):
    state = seed & 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & 0xFFFFFFFF

    def nxt():
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
    return nxt


r = mulberry32(1)
show("mulberry32(1) first 3", [r(), r(), r()])
r = mulberry32(123456789)
show("mulberry32(123456789) first 3", [r(), r(), r()])

# ---- worked example (docs/experiments.md): control 1000/10000, treatment 1100/10000 ----
show("example wilson control", wilson(1000, 10000))
show("example wilson treatment", wilson(1100, 10000))
show("example ztest", ztest(1000, 10000, 1100, 10000))
show("example newcombe", newcombe(1000, 10000, 1100, 10000))
show("example P(B>A) lgamma-sum", prob_b_beats_a_float(1000, 10000, 1100, 10000))
show("example msprt tau=0.02", msprt(1000, 10000, 1100, 10000, 0.02))
show("example required n", math.ceil(n_per_arm(0.10, 0.02)))
