//! The estimation on real photos (two of the shared EXIF sample photos, MIT, read from
//! `../shared/testdata` beside the checkout and brought down in size here) and on pictures drawn here: a
//! shifted, turned and zoomed view of one scene is aligned back; unrelated pictures
//! and blur are told apart by the score.

use std::path::Path;

use align::estimate::{estimate, Estimate, SAME_SPOT};
use align::gray::Gray;
use align::Similarity;

/// A shared sample photo (`landscape_1.jpg`: Landscape_1 at 800 px wide,
/// `portrait_1.jpg`: Portrait_1 at 450), as grey.
fn photo(name: &str) -> Gray {
    let (file, width) = match name {
        "landscape_1.jpg" => ("Landscape_1.jpg", 800),
        "portrait_1.jpg" => ("Portrait_1.jpg", 450),
        other => panic!("no such sample: {other}"),
    };
    // CI has shared/ beside the checkout: the nearest `shared/testdata` above this crate
    // (a git worktree may sit deeper than the checkout).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/testdata/exif-orientation"))
        .find(|d| d.is_dir())
        .expect("../shared/testdata beside the checkout (the shared test photos)");
    let path = dir.join(file);
    let img = image::open(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let img = img.resize(width, 2000, image::imageops::FilterType::Triangle).to_luma8();
    Gray::from_luma(img.width() as usize, img.height() as usize, img.as_raw()).unwrap()
}

/// A `w` × `h` view of `scene`: its centre at the scene's centre, one normalised unit
/// `unit` scene pixels wide, seen through `t` (each view point p shows the scene at
/// t(p)), the way a camera held a little differently sees the same spot.
fn view(scene: &Gray, w: usize, h: usize, unit: f64, t: &Similarity) -> Gray {
    let mut out = Gray::new(w, h);
    let (cx, cy) = ((scene.width as f64 - 1.0) / 2.0, (scene.height as f64 - 1.0) / 2.0);
    for y in 0..h {
        for x in 0..w {
            let p = ((x as f64 - (w as f64 - 1.0) / 2.0) / w as f64, (y as f64 - (h as f64 - 1.0) / 2.0) / w as f64);
            let (u, v) = t.apply(p);
            let (sx, sy) = ((cx + u * unit).clamp(0.0, scene.width as f64 - 1.0), (cy + v * unit).clamp(0.0, scene.height as f64 - 1.0));
            out.data[y * w + x] = scene.sample(sx, sy).unwrap();
        }
    }
    out
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A drawn close-up of a scalp: skin with blotches, pores, and hairs as thick curved
/// strokes in random directions. Each seed a different spot.
fn drawn_scalp(seed: u64, w: usize, h: usize) -> Gray {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut g = Gray::new(w, h);
    for v in g.data.iter_mut() {
        *v = 185.0 + 10.0 * (rng.next() as f32 - 0.5);
    }
    let disc = |g: &mut Gray, x: f64, y: f64, r: f64, value: f32, alpha: f32| {
        let (x0, x1) = ((x - r).floor().max(0.0) as usize, ((x + r).ceil() as usize).min(w - 1));
        let (y0, y1) = ((y - r).floor().max(0.0) as usize, ((y + r).ceil() as usize).min(h - 1));
        for yy in y0..=y1 {
            for xx in x0..=x1 {
                if (xx as f64 - x).powi(2) + (yy as f64 - y).powi(2) <= r * r {
                    let p = &mut g.data[yy * w + xx];
                    *p = *p * (1.0 - alpha) + value * alpha;
                }
            }
        }
    };
    for _ in 0..40 {
        let (x, y, r) = (rng.next() * w as f64, rng.next() * h as f64, 20.0 + rng.next() * 60.0);
        disc(&mut g, x, y, r, 150.0 + 70.0 * rng.next() as f32, 0.25);
    }
    for _ in 0..600 {
        let (x, y) = (rng.next() * w as f64, rng.next() * h as f64);
        disc(&mut g, x, y, 1.5 + rng.next() * 2.0, 120.0, 0.8);
    }
    for _ in 0..260 {
        let (mut x, mut y) = (rng.next() * w as f64, rng.next() * h as f64);
        let mut dir = rng.next() * std::f64::consts::TAU;
        let bend = (rng.next() - 0.5) * 0.02;
        let (len, r) = (40.0 + rng.next() * 160.0, 1.0 + rng.next() * 1.8);
        let shade = 20.0 + 60.0 * rng.next() as f32;
        let mut walked = 0.0;
        while walked < len {
            disc(&mut g, x, y, r, shade, 0.9);
            x += dir.cos();
            y += dir.sin();
            dir += bend;
            walked += 1.0;
        }
    }
    g
}

fn moved() -> Similarity {
    Similarity { scale: 1.1, angle: 7f64.to_radians(), tx: 0.035, ty: -0.025 }
}

/// Within 1°, 2 % and 3 pixels of `want` (pixels of a picture `width` wide).
fn assert_close(got: &Estimate, want: &Similarity, width: usize) {
    let t = &got.transform;
    let px = |v: f64| v * width as f64;
    let report = format!("got {t:?} (score {:.3}, overlap {:.2}), want {want:?}", got.score, got.overlap);
    assert!((t.degrees() - want.degrees()).abs() <= 1.0, "angle: {report}");
    assert!((t.scale / want.scale - 1.0).abs() <= 0.02, "scale: {report}");
    assert!((px(t.tx) - px(want.tx)).abs() <= 3.0 && (px(t.ty) - px(want.ty)).abs() <= 3.0, "shift: {report}");
}

#[test]
fn a_photo_shifted_turned_and_zoomed_is_aligned_back() {
    let scene = photo("landscape_1.jpg");
    let unit = 0.55 * scene.width as f64;
    let earlier = view(&scene, 640, 480, unit, &Similarity::IDENTITY);
    let later = view(&scene, 640, 480, unit, &moved());
    let got = estimate(&later, &earlier);
    assert_close(&got, &moved(), 640);
    assert!(got.same_spot() && got.score > SAME_SPOT + 0.2, "{got:?}");
}

#[test]
fn the_other_way_round_and_turned_further() {
    let scene = photo("landscape_1.jpg");
    let unit = 0.5 * scene.width as f64;
    let t = Similarity { scale: 1.0 / 1.1, angle: -12f64.to_radians(), tx: -0.04, ty: 0.03 };
    let earlier = view(&scene, 800, 600, unit, &Similarity::IDENTITY);
    let later = view(&scene, 800, 600, unit, &t);
    let got = estimate(&later, &earlier);
    assert_close(&got, &t, 800);
    assert!(got.same_spot(), "{got:?}");
}

#[test]
fn a_tablet_held_upside_down_is_turned_back() {
    let scene = drawn_scalp(3, 900, 700);
    let t = Similarity { scale: 1.05, angle: 176f64.to_radians(), tx: 0.02, ty: 0.02 };
    let earlier = view(&scene, 640, 480, 700.0, &Similarity::IDENTITY);
    let later = view(&scene, 640, 480, 700.0, &t);
    let got = estimate(&later, &earlier);
    assert_close(&got, &t, 640);
    assert!(got.same_spot(), "{got:?}");
}

#[test]
fn a_drawn_scalp_shifted_turned_and_zoomed_is_aligned_back() {
    let scene = drawn_scalp(1, 1000, 800);
    let earlier = view(&scene, 640, 480, 640.0, &Similarity::IDENTITY);
    let later = view(&scene, 640, 480, 640.0, &moved());
    let got = estimate(&later, &earlier);
    assert_close(&got, &moved(), 640);
    assert!(got.same_spot() && got.score > SAME_SPOT + 0.2, "{got:?}");
}

#[test]
fn the_same_picture_is_the_identity() {
    let earlier = view(&photo("landscape_1.jpg"), 640, 480, 500.0, &Similarity::IDENTITY);
    let got = estimate(&earlier, &earlier);
    assert_close(&got, &Similarity::IDENTITY, 640);
    assert!(got.score > 0.95, "{got:?}");
}

#[test]
fn unrelated_photos_score_low_and_are_not_the_same_spot() {
    let landscape = photo("landscape_1.jpg");
    let portrait = photo("portrait_1.jpg");
    let a = view(&landscape, 640, 480, 600.0, &Similarity::IDENTITY);
    let b = view(&portrait, 640, 480, 400.0, &Similarity::IDENTITY);
    let got = estimate(&a, &b);
    assert!(!got.same_spot() && got.score < SAME_SPOT - 0.1, "{got:?}");
    let got = estimate(&b, &a);
    assert!(!got.same_spot(), "{got:?}");
}

#[test]
fn two_different_drawn_spots_are_not_the_same_spot() {
    for (one, other) in [(1, 2), (4, 5)] {
        let a = view(&drawn_scalp(one, 900, 700), 640, 480, 640.0, &Similarity::IDENTITY);
        let b = view(&drawn_scalp(other, 900, 700), 640, 480, 640.0, &moved());
        let got = estimate(&b, &a);
        assert!(!got.same_spot() && got.score < SAME_SPOT - 0.1, "seeds {one}, {other}: {got:?}");
    }
    // A photo against a drawing.
    let a = view(&photo("landscape_1.jpg"), 640, 480, 500.0, &Similarity::IDENTITY);
    let b = view(&drawn_scalp(1, 900, 700), 640, 480, 640.0, &Similarity::IDENTITY);
    assert!(!estimate(&b, &a).same_spot());
}

/// A blurred frame either still aligns right or is reported; never a confident wrong answer.
#[test]
fn a_blurred_copy_aligns_or_is_reported() {
    let scene = photo("landscape_1.jpg");
    let unit = 0.55 * scene.width as f64;
    let earlier = view(&scene, 640, 480, unit, &Similarity::IDENTITY);
    let mut aligned = 0;
    for sigma in [1.5, 4.0, 12.0] {
        let later = view(&scene, 640, 480, unit, &moved()).blurred(sigma);
        let got = estimate(&later, &earlier);
        eprintln!("blur {sigma}: {got:?}");
        if got.same_spot() {
            assert_close(&got, &moved(), 640);
            aligned += 1;
        }
    }
    // Slight blur is the everyday case: it must still align.
    assert!(aligned >= 1, "even a slightly blurred copy was not aligned");
    let drawn = drawn_scalp(7, 900, 700);
    let earlier = view(&drawn, 640, 480, 640.0, &Similarity::IDENTITY);
    let later = view(&drawn, 640, 480, 640.0, &moved()).blurred(20.0);
    let got = estimate(&later, &earlier);
    assert!(!got.same_spot() || (got.transform.degrees() - 7.0).abs() <= 1.0, "{got:?}");
}

/// The threshold sits between what the same spot and unrelated spots score, with room
/// on both sides.
#[test]
fn the_threshold_separates_same_and_different_spots() {
    let scene = drawn_scalp(9, 900, 700);
    let earlier = view(&scene, 640, 480, 640.0, &Similarity::IDENTITY);
    let same = estimate(&view(&scene, 640, 480, 640.0, &moved()), &earlier);
    let other = estimate(&view(&drawn_scalp(10, 900, 700), 640, 480, 640.0, &moved()), &earlier);
    eprintln!("same spot {:.3}, another {:.3}", same.score, other.score);
    assert!(same.score >= SAME_SPOT + 0.2, "same spot scored {}", same.score);
    assert!(other.score <= SAME_SPOT - 0.1, "another spot scored {}", other.score);
    assert!(same.same_spot() && !other.same_spot());
}

/// This thread's CPU time (Linux: /proc, in clock ticks of 10 ms); 0 elsewhere.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let tick = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) * 10.0
}

/// Figures, not assertions (run with --ignored --nocapture, in release).
#[test]
#[ignore]
fn bench_a_1600_by_1200_pair() {
    let scene = photo("landscape_1.jpg");
    let earlier = view(&scene, 1600, 1200, 0.55 * scene.width as f64, &Similarity::IDENTITY);
    let later = view(&scene, 1600, 1200, 0.55 * scene.width as f64, &moved());
    let (start, cpu) = (std::time::Instant::now(), cpu_ms());
    let got = estimate(&later, &earlier);
    let took = start.elapsed();
    // CPU time too: on a shared machine the wall clock also counts other people's work.
    println!("align: 1600x1200 pair aligned natively in {:.0} ms wall, {:.0} ms CPU (score {:.3})", took.as_secs_f64() * 1000.0, cpu_ms() - cpu, got.score);
    assert_close(&got, &moved(), 1600);
}
