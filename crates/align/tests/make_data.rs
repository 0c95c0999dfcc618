//! How tests/data was made (run by hand: `cargo test -p align --test make_data -- --ignored`):
//! the shared EXIF sample photos (MIT, tests/data/LICENSE) brought down to a small size.

use std::path::Path;

#[test]
#[ignore]
fn make_data() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/testdata/exif-orientation");
    let shared = if shared.exists() { shared } else { Path::new("/work/shared/testdata/exif-orientation").to_path_buf() };
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (name, width) in [("Landscape_1", 800u32), ("Portrait_1", 450)] {
        let img = image::open(shared.join(format!("{name}.jpg"))).unwrap();
        let small = img.resize(width, 2000, image::imageops::FilterType::Triangle).to_rgb8();
        let mut file = std::fs::File::create(out.join(format!("{}.jpg", name.to_lowercase()))).unwrap();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut file, 80).encode_image(&small).unwrap();
        small.save(std::env::temp_dir().join(format!("{name}.png"))).unwrap();
    }
}
