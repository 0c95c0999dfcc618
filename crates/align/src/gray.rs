//! Grey pictures as the estimation reads them: built from RGBA pixels (what
//! `getImageData` gives in the worker, what an image crate gives in tests).

/// A grey picture, row by row, values 0–255.
#[derive(Clone, Debug, PartialEq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Gray {
    pub fn new(width: usize, height: usize) -> Gray {
        Gray { width, height, data: vec![0.0; width * height] }
    }

    /// From RGBA bytes (Rec. 601 luma); `None` when the length does not match.
    pub fn from_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<Gray> {
        if width == 0 || height == 0 || rgba.len() != width * height * 4 {
            return None;
        }
        let data = rgba.chunks_exact(4).map(|p| 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32).collect();
        Some(Gray { width, height, data })
    }

    /// From grey bytes, one per pixel.
    pub fn from_luma(width: usize, height: usize, luma: &[u8]) -> Option<Gray> {
        if width == 0 || height == 0 || luma.len() != width * height {
            return None;
        }
        Some(Gray { width, height, data: luma.iter().map(|v| *v as f32).collect() })
    }

    #[inline]
    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.width + x]
    }

    /// Bilinear sample at pixel coordinates (pixel centres at integers); `None` outside.
    #[inline]
    pub fn sample(&self, x: f64, y: f64) -> Option<f32> {
        if !(x >= 0.0 && y >= 0.0 && x <= (self.width - 1) as f64 && y <= (self.height - 1) as f64) {
            return None;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = ((x - x0 as f64) as f32, (y - y0 as f64) as f32);
        let top = self.at(x0, y0) * (1.0 - fx) + self.at(x1, y0) * fx;
        let bottom = self.at(x0, y1) * (1.0 - fx) + self.at(x1, y1) * fx;
        Some(top * (1.0 - fy) + bottom * fy)
    }

    /// Resized to `width` × `height`: each new pixel the mean of the area it covers
    /// when shrinking (no aliasing), bilinear when growing.
    pub fn resized(&self, width: usize, height: usize) -> Gray {
        let (width, height) = (width.max(1), height.max(1));
        if width >= self.width && height >= self.height {
            let mut out = Gray::new(width, height);
            let (sx, sy) = (self.width as f64 / width as f64, self.height as f64 / height as f64);
            for y in 0..height {
                for x in 0..width {
                    let (u, v) = (((x as f64 + 0.5) * sx - 0.5).clamp(0.0, (self.width - 1) as f64), ((y as f64 + 0.5) * sy - 0.5).clamp(0.0, (self.height - 1) as f64));
                    out.data[y * width + x] = self.sample(u, v).unwrap_or(0.0);
                }
            }
            return out;
        }
        // Box filter, separable: rows first, then columns.
        let rows = shrink_rows(&self.data, self.width, self.height, width);
        let cols = shrink_rows(&transpose(&rows, width, self.height), self.height, width, height);
        Gray { width, height, data: transpose(&cols, height, width) }
    }

    /// Resized so that its longer side is `side` pixels, keeping its shape.
    pub fn fit(&self, side: usize) -> Gray {
        let k = side as f64 / self.width.max(self.height) as f64;
        self.resized(((self.width as f64 * k).round() as usize).max(1), ((self.height as f64 * k).round() as usize).max(1))
    }

    /// Gaussian blur with standard deviation `sigma` pixels (edges clamped); past a
    /// few pixels, three box blurs (the same to within a few per cent, at a cost that
    /// does not grow with `sigma`).
    pub fn blurred(&self, sigma: f64) -> Gray {
        if sigma <= 0.0 {
            return self.clone();
        }
        if sigma > 3.0 {
            let r = ((((12.0 * sigma * sigma / 3.0) + 1.0).sqrt() - 1.0) / 2.0).round().max(1.0) as usize;
            let mut rows = self.data.clone();
            for _ in 0..3 {
                rows = box_rows(&rows, self.width, self.height, r);
            }
            let mut cols = transpose(&rows, self.width, self.height);
            for _ in 0..3 {
                cols = box_rows(&cols, self.height, self.width, r);
            }
            return Gray { width: self.width, height: self.height, data: transpose(&cols, self.height, self.width) };
        }
        let r = (3.0 * sigma).ceil() as isize;
        let kernel: Vec<f32> = (-r..=r).map(|i| (-(i * i) as f64 / (2.0 * sigma * sigma)).exp() as f32).collect();
        let sum: f32 = kernel.iter().sum();
        let kernel: Vec<f32> = kernel.iter().map(|k| k / sum).collect();
        let pass = |data: &[f32], w: usize, h: usize| {
            let mut out = vec![0.0; data.len()];
            for y in 0..h {
                let row = &data[y * w..(y + 1) * w];
                for x in 0..w {
                    let mut acc = 0.0;
                    for (k, weight) in kernel.iter().enumerate() {
                        let xi = (x as isize + k as isize - r).clamp(0, w as isize - 1) as usize;
                        acc += row[xi] * weight;
                    }
                    out[y * w + x] = acc;
                }
            }
            out
        };
        let rows = pass(&self.data, self.width, self.height);
        let cols = pass(&transpose(&rows, self.width, self.height), self.height, self.width);
        Gray { width: self.width, height: self.height, data: transpose(&cols, self.height, self.width) }
    }
}

/// Each row's running mean over 2r + 1 values (edges clamped).
fn box_rows(data: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut out = vec![0.0; data.len()];
    let n = (2 * r + 1) as f32;
    for y in 0..h {
        let row = &data[y * w..(y + 1) * w];
        let at = |i: isize| row[i.clamp(0, w as isize - 1) as usize];
        let mut acc: f32 = (-(r as isize)..=r as isize).map(at).sum();
        for x in 0..w {
            out[y * w + x] = acc / n;
            acc += at(x as isize + r as isize + 1) - at(x as isize - r as isize);
        }
    }
    out
}

fn transpose(data: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0.0; data.len()];
    for y in 0..h {
        for x in 0..w {
            out[x * h + y] = data[y * w + x];
        }
    }
    out
}

/// Each row of `w` values averaged down to `to` values (area weights).
fn shrink_rows(data: &[f32], w: usize, h: usize, to: usize) -> Vec<f32> {
    let mut out = vec![0.0; to * h];
    let step = w as f64 / to as f64;
    for x in 0..to {
        let (start, end) = (x as f64 * step, (x + 1) as f64 * step);
        let (first, last) = (start.floor() as usize, (end.ceil() as usize).min(w));
        for y in 0..h {
            let row = &data[y * w..(y + 1) * w];
            let mut acc = 0.0f64;
            for (i, v) in row.iter().enumerate().take(last).skip(first) {
                let cover = (end.min(i as f64 + 1.0) - start.max(i as f64)).max(0.0);
                acc += cover * *v as f64;
            }
            out[y * to + x] = (acc / step) as f32;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinking_averages_and_keeps_the_mean() {
        let g = Gray { width: 4, height: 2, data: vec![0.0, 10.0, 20.0, 30.0, 0.0, 10.0, 20.0, 30.0] };
        let s = g.resized(2, 1);
        assert_eq!(s.data, vec![5.0, 25.0]);
    }

    #[test]
    fn rgba_becomes_luma() {
        let g = Gray::from_rgba(1, 1, &[255, 255, 255, 255]).unwrap();
        assert!((g.data[0] - 255.0).abs() < 0.01);
        assert_eq!(Gray::from_rgba(2, 1, &[0; 4]), None);
    }
}
