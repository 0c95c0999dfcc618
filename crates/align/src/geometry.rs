//! The geometry of a comparison: where the later picture lies over the earlier one.
//!
//! Points are *normalised*: the origin at a picture's centre, one unit its width
//! (so a 4:3 landscape picture spans x in [-0.5, 0.5], y in [-0.375, 0.375]). That
//! makes a transform independent of the pixel size each picture was stored at.
//!
//! A [`Similarity`] maps a point of the later picture to the point of the earlier
//! picture that shows the same thing: `p_earlier = scale · R(angle) · p_later + (tx, ty)`.
//! The angle is in radians, clockwise on screen (y grows downwards).

/// Shift, rotation and scale of the later picture over the earlier one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Similarity {
    pub scale: f64,
    /// Radians.
    pub angle: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Default for Similarity {
    fn default() -> Self {
        Similarity::IDENTITY
    }
}

impl Similarity {
    pub const IDENTITY: Similarity = Similarity { scale: 1.0, angle: 0.0, tx: 0.0, ty: 0.0 };

    pub fn apply(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let (s, c) = self.angle.sin_cos();
        (self.scale * (c * x - s * y) + self.tx, self.scale * (s * x + c * y) + self.ty)
    }

    pub fn inverse(&self) -> Similarity {
        let scale = 1.0 / self.scale;
        let angle = -self.angle;
        let (s, c) = angle.sin_cos();
        let (tx, ty) = (-self.tx, -self.ty);
        Similarity { scale, angle, tx: scale * (c * tx - s * ty), ty: scale * (s * tx + c * ty) }
    }

    /// `self` after `first`: a point goes through `first`, then `self`.
    pub fn after(&self, first: &Similarity) -> Similarity {
        let (tx, ty) = self.apply((first.tx, first.ty));
        Similarity { scale: self.scale * first.scale, angle: normal_angle(self.angle + first.angle), tx, ty }
    }

    pub fn degrees(&self) -> f64 {
        self.angle.to_degrees()
    }

    /// Within reason for two pictures of one site: not mirrored, not absurdly
    /// zoomed, not moved off the picture.
    pub fn is_plausible(&self) -> bool {
        [self.scale, self.angle, self.tx, self.ty].iter().all(|v| v.is_finite())
            && (0.4..=2.5).contains(&self.scale)
            && self.tx.abs() < 1.0
            && self.ty.abs() < 1.0
    }
}

/// An angle brought into (-π, π].
pub fn normal_angle(a: f64) -> f64 {
    let two_pi = std::f64::consts::TAU;
    let mut a = a % two_pi;
    if a <= -std::f64::consts::PI {
        a += two_pi;
    } else if a > std::f64::consts::PI {
        a -= two_pi;
    }
    a
}

/// A picture's frame in its own normalised units: half width (always 0.5) and half height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Height over width.
    pub aspect: f64,
}

impl Frame {
    pub fn of(width: u32, height: u32) -> Frame {
        Frame { aspect: if width == 0 || height == 0 { 0.75 } else { height as f64 / width as f64 } }
    }

    fn corners(&self) -> [(f64, f64); 4] {
        let h = 0.5 * self.aspect;
        [(-0.5, -h), (0.5, -h), (0.5, h), (-0.5, h)]
    }
}

/// A rectangle in the earlier picture's normalised units: centre and half sizes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub cx: f64,
    pub cy: f64,
    pub half_w: f64,
    pub half_h: f64,
}

/// Is `p` inside the convex polygon `poly` (corners in order, either direction)?
fn inside(poly: &[(f64, f64); 4], p: (f64, f64)) -> bool {
    let mut sign = 0.0f64;
    for i in 0..4 {
        let (a, b) = (poly[i], poly[(i + 1) % 4]);
        let cross = (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
        if cross.abs() < 1e-12 {
            continue;
        }
        if sign == 0.0 {
            sign = cross.signum();
        } else if cross.signum() != sign {
            return false;
        }
    }
    true
}

/// The largest rectangle of the view's shape (`view_aspect` = height / width) that
/// both pictures cover: inside the earlier picture's frame and inside the later
/// picture's frame as `t` places it. `None` when they hardly overlap.
pub fn common_crop(t: &Similarity, earlier: Frame, later: Frame, view_aspect: f64) -> Option<Rect> {
    let b = earlier.corners();
    let a = later.corners().map(|p| t.apply(p));
    let fits = |cx: f64, cy: f64, hw: f64| {
        let hh = hw * view_aspect;
        [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)].iter().all(|(sx, sy)| {
            let p = (cx + sx * hw, cy + sy * hh);
            inside(&b, p) && inside(&a, p)
        })
    };
    let largest = |cx: f64, cy: f64| {
        if !fits(cx, cy, 1e-6) {
            return 0.0;
        }
        let (mut lo, mut hi) = (0.0, 0.5f64.min(0.5 * earlier.aspect / view_aspect));
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            if fits(cx, cy, mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    };
    // Start between the two centres, then walk the centre to where the rectangle grows.
    let (mut cx, mut cy) = (0.5 * t.tx, 0.5 * t.ty);
    let mut best = largest(cx, cy);
    if best == 0.0 {
        (cx, cy) = (0.0, 0.0);
        best = largest(cx, cy);
    }
    let mut step = 0.1;
    while step > 1e-4 {
        let mut moved = false;
        for (dx, dy) in [(step, 0.0), (-step, 0.0), (0.0, step), (0.0, -step)] {
            let size = largest(cx + dx, cy + dy);
            if size > best + 1e-9 {
                (cx, cy, best) = (cx + dx, cy + dy, size);
                moved = true;
            }
        }
        if !moved {
            step *= 0.5;
        }
    }
    (best > 0.02).then_some(Rect { cx, cy, half_w: best, half_h: best * view_aspect })
}

/// How a picture's content sits in a view box of `view_aspect` (height / width) with
/// `object-fit: contain`: the content's width as a share of the box's width.
pub fn contained_width(view_aspect: f64, picture: Frame) -> f64 {
    if picture.aspect <= view_aspect {
        1.0
    } else {
        view_aspect / picture.aspect
    }
}

/// The CSS `transform` (with `transform-origin: center`) for the two pictures of a
/// comparison, each an element filling the same view box with `object-fit: contain`:
/// the later one placed by `t` over the earlier one, and both zoomed so that `crop`
/// (when given) fills the box. Percentages only, so it holds at any box size.
pub fn css_transforms(t: Option<&Similarity>, crop: Option<&Rect>, earlier: Frame, later: Frame, view_aspect: f64) -> (String, String) {
    let fb = contained_width(view_aspect, earlier);
    let fa = contained_width(view_aspect, later);
    // A length in the earlier picture's units, as a share of the box's width / height.
    let px = |v: f64| v * fb * 100.0;
    let py = |v: f64| v * fb / view_aspect * 100.0;
    let view = match crop {
        Some(c) => format!("scale({:.5}) translate({:.4}%, {:.4}%)", 1.0 / (2.0 * c.half_w * fb), -px(c.cx), -py(c.cy)),
        None => String::new(),
    };
    let placed = match t {
        Some(t) => format!("translate({:.4}%, {:.4}%) rotate({:.5}rad) scale({:.5})", px(t.tx), py(t.ty), t.angle, t.scale * fb / fa),
        None => String::new(),
    };
    let join = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (true, true) => "none".to_string(),
        (false, true) => a.to_string(),
        (true, false) => b.to_string(),
        (false, false) => format!("{a} {b}"),
    };
    (join(&view, ""), join(&view, &placed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn inverse_and_composition_undo_each_other() {
        let t = Similarity { scale: 1.1, angle: 7f64.to_radians(), tx: 0.03, ty: -0.02 };
        let p = (0.2, -0.1);
        assert!(close(t.inverse().apply(t.apply(p)), p));
        let both = t.inverse().after(&t);
        assert!(close(both.apply(p), p));
        assert!((both.scale - 1.0).abs() < 1e-12 && both.angle.abs() < 1e-12);
    }

    #[test]
    fn the_crop_of_an_identity_is_the_whole_picture() {
        let f = Frame::of(800, 600);
        let c = common_crop(&Similarity::IDENTITY, f, f, 0.75).unwrap();
        assert!((c.half_w - 0.5).abs() < 1e-3 && c.cx.abs() < 1e-3 && c.cy.abs() < 1e-3, "{c:?}");
    }

    #[test]
    fn the_crop_lies_inside_both_pictures() {
        let f = Frame::of(800, 600);
        let t = Similarity { scale: 1.1, angle: 7f64.to_radians(), tx: 0.05, ty: 0.02 };
        let c = common_crop(&t, f, f, 0.75).unwrap();
        assert!(c.half_w > 0.3 && c.half_w < 0.5, "{c:?}");
        let inv = t.inverse();
        for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
            let p = (c.cx + sx * c.half_w, c.cy + sy * c.half_h);
            assert!(p.0.abs() <= 0.5 + 1e-9 && p.1.abs() <= 0.375 + 1e-9);
            let q = inv.apply(p);
            assert!(q.0.abs() <= 0.5 + 1e-6 && q.1.abs() <= 0.375 + 1e-6, "{q:?}");
        }
    }

    #[test]
    fn pictures_that_do_not_overlap_have_no_crop() {
        let f = Frame::of(800, 600);
        let t = Similarity { scale: 1.0, angle: 0.0, tx: 0.99, ty: 0.0 };
        assert_eq!(common_crop(&t, f, f, 0.75), None);
    }

    #[test]
    fn css_places_the_later_picture_and_zooms_to_the_crop() {
        let f = Frame::of(800, 600);
        let t = Similarity { scale: 1.1, angle: 0.1, tx: 0.05, ty: -0.03 };
        let (before, after) = css_transforms(Some(&t), None, f, f, 0.75);
        assert_eq!(before, "none");
        assert_eq!(after, "translate(5.0000%, -4.0000%) rotate(0.10000rad) scale(1.10000)");
        let crop = Rect { cx: 0.1, cy: 0.0, half_w: 0.25, half_h: 0.1875 };
        let (before, _) = css_transforms(None, Some(&crop), f, f, 0.75);
        assert_eq!(before, "scale(2.00000) translate(-10.0000%, -0.0000%)");
        // A portrait picture in a landscape box is letterboxed: its content is narrower.
        assert!((contained_width(0.75, Frame::of(600, 800)) - 0.5625).abs() < 1e-12);
    }
}
