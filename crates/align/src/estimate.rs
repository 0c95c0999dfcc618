//! Registration of a later picture to an earlier one: a similarity transform and a
//! score that says whether they show the same spot at all.
//!
//! Method: Fourier–Mellin phase correlation (Reddy & Chatterji 1996). The magnitude of
//! a picture's spectrum does not move when the picture shifts, and turns and scales
//! with it; resampled on log-polar axes, turning and scaling become shifts, which phase
//! correlation finds in one step. With rotation and scale known, a second phase
//! correlation finds the shift. A pass on the pictures so aligned then corrects what is
//! left. Why this and not feature matching with RANSAC: scalp close-ups are fields of
//! near-identical hairs and pores, where keypoint descriptors match wrongly in bulk;
//! phase correlation uses the whole picture, needs no tuning per picture, copes with
//! blur (low frequencies still correlate), and costs a few FFTs at a fixed size, so its
//! time does not depend on the photo's size or content.
//!
//! The score is the normalised cross-correlation of the two pictures' detail (each
//! minus its blur) where they overlap after alignment: near 1 for the same spot, near 0
//! for unrelated pictures, whatever the transform found for them.

use rustfft::num_complex::Complex32;
use rustfft::FftPlanner;

use crate::geometry::{normal_angle, Similarity};
use crate::gray::Gray;

/// Pictures are brought to this size (longer side) and placed in a square of it.
pub const SIDE: usize = 384;
/// Angles of the log-polar spectrum, over half a turn.
const ANGLES: usize = 384;
/// Radii of the log-polar spectrum.
const RADII: usize = 256;
/// Below this score the pictures are taken as not showing the same spot. Measured on
/// the tests' pairs (tests/align.rs): one spot shifted, turned and zoomed scores
/// 0.99–1.0, against a copy blurred by 4 px (at 640 px wide) 0.81; unrelated pictures
/// score about 0 (−0.05 to 0.05), and so does a copy blurred past recognition.
pub const SAME_SPOT: f64 = 0.25;
/// Less shared area than this (of the earlier picture) is not a comparison.
pub const MIN_OVERLAP: f64 = 0.25;

/// The outcome of a registration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Maps the later picture onto the earlier one (normalised units, see `geometry`).
    pub transform: Similarity,
    /// Correlation of the aligned pictures' detail where they overlap, -1 to 1.
    pub score: f64,
    /// Share of the earlier picture that the aligned later one covers.
    pub overlap: f64,
}

impl Estimate {
    /// Do the two pictures show the same spot, aligned by `transform`?
    pub fn same_spot(&self) -> bool {
        self.score >= SAME_SPOT && self.overlap >= MIN_OVERLAP && self.transform.is_plausible()
    }
}

/// A picture made ready: brought to [`SIDE`], its pixels per normalised unit.
struct Prepared {
    img: Gray,
    /// Pixels of `img` per normalised unit (= its width).
    ppu: f64,
    mean: f32,
}

impl Prepared {
    fn new(g: &Gray) -> Prepared {
        let img = g.fit(SIDE);
        let mean = img.data.iter().sum::<f32>() / img.data.len() as f32;
        Prepared { ppu: img.width as f64, img, mean }
    }

    fn centre(&self) -> (f64, f64) {
        ((self.img.width as f64 - 1.0) / 2.0, (self.img.height as f64 - 1.0) / 2.0)
    }
}

/// Registers `later` to `earlier`: the transform that maps the later picture onto the
/// earlier one, and how well they then agree.
pub fn estimate(later: &Gray, earlier: &Gray) -> Estimate {
    let mut fft = Fft::new();
    let a = Prepared::new(later);
    let b = Prepared::new(earlier);
    let b_square = square(&b.img, b.mean, None);
    let b_spectrum = fft.forward(&b_square, SIDE, SIDE);
    let filter = high_pass();
    let b_polar = log_polar(&magnitude(&b_spectrum, &filter));
    let b_polar_spectrum = fft.forward(&b_polar, RADII, ANGLES);

    // Pixel transform (about each picture's centre) found so far.
    let mut t = Similarity::IDENTITY;
    for pass in 0..3 {
        let warped = warp(&a, &b, &t);
        let w_square = square(&warped.0, b.mean, Some(&warped.1));
        let w_spectrum = fft.forward(&w_square, SIDE, SIDE);
        let w_polar = fft.forward(&log_polar(&magnitude(&w_spectrum, &filter)), RADII, ANGLES);
        let (dr, da, _) = fft.correlate(&w_polar, &b_polar_spectrum, RADII, ANGLES);
        let angle = da * std::f64::consts::PI / ANGLES as f64;
        let scale = (-dr * log_step()).exp();
        // Half a turn looks the same to the spectrum: try both on the first pass.
        let candidates: &[f64] = if pass == 0 { &[angle, angle + std::f64::consts::PI] } else { &[angle] };
        let mut best: Option<(f64, Similarity)> = None;
        for angle in candidates {
            let turn = Similarity { scale, angle: normal_angle(*angle), tx: 0.0, ty: 0.0 };
            let step = turn.after(&t);
            let (img, valid) = warp(&a, &b, &step);
            let sq = square(&img, b.mean, Some(&valid));
            let spectrum = fft.forward(&sq, SIDE, SIDE);
            let (dx, dy, peak) = fft.correlate(&spectrum, &b_spectrum, SIDE, SIDE);
            let moved = Similarity { tx: step.tx + dx, ty: step.ty + dy, ..step };
            if best.as_ref().is_none_or(|(p, _)| peak > *p) {
                best = Some((peak, moved));
            }
        }
        let Some((_, next)) = best else { break };
        // Settled when a pass changes less than the eye could see.
        let settled = pass > 0 && (next.scale / t.scale - 1.0).abs() < 1e-3 && (next.angle - t.angle).abs() < 1e-3 && (next.tx - t.tx).abs() < 0.25 && (next.ty - t.ty).abs() < 0.25;
        t = next;
        if settled {
            break;
        }
    }
    let (score, overlap) = agreement(&a, &b, &t);
    // From pixels about each centre to normalised units.
    let transform = Similarity { scale: t.scale * a.ppu / b.ppu, angle: normal_angle(t.angle), tx: t.tx / b.ppu, ty: t.ty / b.ppu };
    Estimate { transform, score, overlap }
}

fn log_step() -> f64 {
    (max_radius() / MIN_RADIUS).ln() / RADII as f64
}

const MIN_RADIUS: f64 = 2.0;

fn max_radius() -> f64 {
    SIDE as f64 / 2.0 - 1.0
}

/// The later picture resampled into the earlier one's pixel grid through `t` (pixels
/// about each centre), and how far inside it each pixel lies: 0 outside, rising to 1
/// over [`FEATHER`] pixels from its edge, so uncovered corners fade out instead of
/// cutting off.
fn warp(a: &Prepared, b: &Prepared, t: &Similarity) -> (Gray, Vec<f32>) {
    let inv = t.inverse();
    let (bcx, bcy) = b.centre();
    let (acx, acy) = a.centre();
    let (w, h) = (b.img.width, b.img.height);
    let mut out = Gray::new(w, h);
    let mut valid = vec![0.0f32; w * h];
    let (aw, ah) = ((a.img.width - 1) as f64, (a.img.height - 1) as f64);
    let (s, c) = inv.angle.sin_cos();
    for y in 0..h {
        for x in 0..w {
            let (px, py) = (x as f64 - bcx, y as f64 - bcy);
            let qx = inv.scale * (c * px - s * py) + inv.tx + acx;
            let qy = inv.scale * (s * px + c * py) + inv.ty + acy;
            let i = y * w + x;
            match a.img.sample(qx, qy) {
                Some(v) => {
                    out.data[i] = v;
                    let inside = qx.min(aw - qx).min(qy).min(ah - qy);
                    valid[i] = (inside / FEATHER).min(1.0) as f32;
                }
                None => out.data[i] = a.mean,
            }
        }
    }
    (out, valid)
}

/// A picture centred in a SIDE × SIDE square, less its mean, under a Hann window over
/// its own rectangle (and its covered part, when a mask is given, feathered), so that
/// no edge reaches the spectrum.
fn square(img: &Gray, mean: f32, valid: Option<&[f32]>) -> Vec<f32> {
    let mut out = vec![0.0f32; SIDE * SIDE];
    let (ox, oy) = ((SIDE - img.width) / 2, (SIDE - img.height) / 2);
    let hann = |i: usize, n: usize| {
        let v = (std::f64::consts::PI * (i as f64 + 0.5) / n as f64).sin();
        (v * v) as f32
    };
    let wx: Vec<f32> = (0..img.width).map(|x| hann(x, img.width)).collect();
    let wy: Vec<f32> = (0..img.height).map(|y| hann(y, img.height)).collect();
    for y in 0..img.height {
        for x in 0..img.width {
            let i = y * img.width + x;
            let mut w = wx[x] * wy[y];
            if let Some(m) = valid {
                w *= m[i];
            }
            out[(y + oy) * SIDE + x + ox] = (img.data[i] - mean) * w;
        }
    }
    out
}

/// Pixels over which a warped picture fades in from its edge (and the blur of the
/// score's detail stays clear of the fill).
const FEATHER: f64 = SIDE as f64 / 20.0;

/// The spectrum's magnitude, its centre moved to the middle, with low frequencies
/// (the picture's overall shading, which says little about position) turned down.
fn magnitude(spectrum: &[Complex32], high_pass: &[f32]) -> Vec<f32> {
    let n = SIDE;
    let mut out = vec![0.0f32; n * n];
    for ky in 0..n {
        for kx in 0..n {
            let at = ((ky + n / 2) % n) * n + (kx + n / 2) % n;
            out[at] = spectrum[ky * n + kx].norm().ln_1p() * high_pass[at];
        }
    }
    out
}

/// Reddy and Chatterji's high-pass over the centred spectrum, computed once.
fn high_pass() -> Vec<f32> {
    let n = SIDE;
    let c: Vec<f64> = (0..n).map(|k| (std::f64::consts::PI * (k as f64 / n as f64 - 0.5)).cos()).collect();
    let mut out = vec![0.0f32; n * n];
    for y in 0..n {
        for x in 0..n {
            let v = c[x] * c[y];
            out[y * n + x] = ((1.0 - v) * (2.0 - v)) as f32;
        }
    }
    out
}

/// The (centred) magnitude on log-polar axes: rows are angles over half a turn,
/// columns log radii, under a window along the radius.
fn log_polar(m: &[f32]) -> Vec<f32> {
    let n = SIDE;
    let c = (n / 2) as f64;
    let img = Gray { width: n, height: n, data: m.to_vec() };
    let step = log_step();
    let mut out = vec![0.0f32; RADII * ANGLES];
    for i in 0..ANGLES {
        let phi = std::f64::consts::PI * i as f64 / ANGLES as f64;
        let (s, co) = phi.sin_cos();
        for j in 0..RADII {
            let r = MIN_RADIUS * (j as f64 * step).exp();
            let v = img.sample(c + r * co, c + r * s).unwrap_or(0.0);
            let w = (std::f64::consts::PI * (j as f64 + 0.5) / RADII as f64).sin();
            out[i * RADII + j] = v * w as f32;
        }
    }
    out
}

/// Correlation of the detail of the earlier picture and the aligned later one where
/// both are, and the share of the earlier picture that is.
fn agreement(a: &Prepared, b: &Prepared, t: &Similarity) -> (f64, f64) {
    let (warped, valid) = warp(a, b, t);
    let detail = |g: &Gray| {
        let fine = g.blurred(1.0);
        let coarse = g.blurred(SIDE as f64 / 64.0);
        fine.data.iter().zip(&coarse.data).map(|(f, c)| (f - c) as f64).collect::<Vec<f64>>()
    };
    let (da, db) = (detail(&warped), detail(&b.img));
    // Away from the covered area's edge, where the blur mixed in the fill.
    let inner = &valid;
    let (mut n, mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0f64, 0.0, 0.0, 0.0, 0.0, 0.0);
    for i in 0..da.len() {
        if inner[i] >= 0.99 {
            let (x, y) = (da[i], db[i]);
            n += 1.0;
            sa += x;
            sb += y;
            saa += x * x;
            sbb += y * y;
            sab += x * y;
        }
    }
    let overlap = valid.iter().filter(|v| **v > 0.0).count() as f64 / valid.len() as f64;
    if n < 100.0 {
        return (0.0, overlap);
    }
    let cov = sab / n - (sa / n) * (sb / n);
    let var = (saa / n - (sa / n).powi(2)) * (sbb / n - (sb / n).powi(2));
    let score = if var > 1e-9 { cov / var.sqrt() } else { 0.0 };
    (score, overlap)
}

struct Fft {
    planner: FftPlanner<f32>,
}

impl Fft {
    fn new() -> Fft {
        Fft { planner: FftPlanner::new() }
    }

    /// 2-D FFT of a `w` × `h` real picture (rows of `w`).
    fn forward(&mut self, data: &[f32], w: usize, h: usize) -> Vec<Complex32> {
        let mut buf: Vec<Complex32> = data.iter().map(|v| Complex32::new(*v, 0.0)).collect();
        self.run(&mut buf, w, h, false);
        buf
    }

    fn run(&mut self, buf: &mut [Complex32], w: usize, h: usize, inverse: bool) {
        let rows = if inverse { self.planner.plan_fft_inverse(w) } else { self.planner.plan_fft_forward(w) };
        rows.process(buf);
        let mut t = vec![Complex32::default(); w * h];
        for y in 0..h {
            for x in 0..w {
                t[x * h + y] = buf[y * w + x];
            }
        }
        let cols = if inverse { self.planner.plan_fft_inverse(h) } else { self.planner.plan_fft_forward(h) };
        cols.process(&mut t);
        for x in 0..w {
            for y in 0..h {
                buf[y * w + x] = t[x * h + y];
            }
        }
    }

    /// Phase correlation of two spectra of `w` × `h` pictures: the shift (x, y) by
    /// which the second picture is the first one moved, to a fraction of a pixel, and
    /// the height of the peak (1 for a pure shift).
    fn correlate(&mut self, first: &[Complex32], second: &[Complex32], w: usize, h: usize) -> (f64, f64, f64) {
        let mut cross: Vec<Complex32> = first
            .iter()
            .zip(second)
            .map(|(a, b)| {
                let c = b * a.conj();
                let m = c.norm();
                if m > 1e-12 { c / m } else { Complex32::default() }
            })
            .collect();
        self.run(&mut cross, w, h, true);
        let r: Vec<f32> = cross.iter().map(|c| c.re / (w * h) as f32).collect();
        let (mut at, mut peak) = (0, f32::MIN);
        for (i, v) in r.iter().enumerate() {
            if *v > peak {
                (at, peak) = (i, *v);
            }
        }
        let (px, py) = (at % w, at / w);
        let value = |x: isize, y: isize| r[(y.rem_euclid(h as isize) as usize) * w + x.rem_euclid(w as isize) as usize] as f64;
        let refine = |minus: f64, centre: f64, plus: f64| {
            let d = minus - 2.0 * centre + plus;
            if d.abs() < 1e-12 { 0.0 } else { (0.5 * (minus - plus) / d).clamp(-0.5, 0.5) }
        };
        let (xi, yi) = (px as isize, py as isize);
        let fx = refine(value(xi - 1, yi), peak as f64, value(xi + 1, yi));
        let fy = refine(value(xi, yi - 1), peak as f64, value(xi, yi + 1));
        let signed = |p: usize, n: usize| if p > n / 2 { p as f64 - n as f64 } else { p as f64 };
        (signed(px, w) + fx, signed(py, h) + fy, peak as f64)
    }
}
