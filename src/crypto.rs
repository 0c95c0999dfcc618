//! PIN hashing through the browser's WebCrypto: PBKDF2-SHA-256 with a random salt.
//! Slow on purpose; a PIN is checked only at the staff gate.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::staff::PinHash;

/// OWASP's figure for PBKDF2-SHA-256. A 4-digit PIN is still guessable offline by
/// anyone holding the database; the hash keeps it from being read, the rate limit
/// keeps it from being guessed at the screen.
pub const ITERATIONS: u32 = 310_000;

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window().ok_or("no window")?.crypto().map_err(|e| format!("{e:?}"))
}

pub fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; n];
    crypto()?.get_random_values_with_u8_array(&mut bytes).map_err(|e| format!("{e:?}"))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

async fn pbkdf2(pin: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, String> {
    let js = |e: JsValue| format!("{e:?}");
    let subtle = crypto()?.subtle();
    let key_data = Uint8Array::from(pin.as_bytes());
    let usages = Array::of1(&"deriveBits".into());
    let key = JsFuture::from(subtle.import_key_with_str("raw", &key_data, "PBKDF2", false, &usages).map_err(js)?)
        .await
        .map_err(js)?;
    let params = Object::new();
    for (k, v) in [
        ("name", JsValue::from("PBKDF2")),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ] {
        Reflect::set(&params, &k.into(), &v).map_err(js)?;
    }
    let bits = JsFuture::from(subtle.derive_bits_with_object(&params, key.unchecked_ref(), 256).map_err(js)?)
        .await
        .map_err(js)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// A new salted hash of `pin`.
pub async fn hash_pin(pin: &str) -> Result<PinHash, String> {
    let salt = random_bytes(16)?;
    let hash = pbkdf2(pin, &salt, ITERATIONS).await?;
    Ok(PinHash { salt_hex: hex(&salt), hash_hex: hex(&hash), iterations: ITERATIONS })
}

/// Whether `pin` matches; compares without stopping at the first difference.
pub async fn verify_pin(pin: &str, stored: &PinHash) -> Result<bool, String> {
    let salt = unhex(&stored.salt_hex).ok_or("bad salt")?;
    let expected = unhex(&stored.hash_hex).ok_or("bad hash")?;
    let actual = pbkdf2(pin, &salt, stored.iterations).await?;
    Ok(actual.len() == expected.len() && actual.iter().zip(&expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0)
}

// ---------------------------------------------------------------------------------
// Backups: AES-256-GCM with a key from a passphrase (PBKDF2-SHA-256), and SHA-256 of
// photo bytes. The data stays in JS buffers: a photo or a sealed chunk never needs a
// copy in wasm memory.

/// The iterations a new backup uses (the file says which it used).
pub const BACKUP_ITERATIONS: u32 = ITERATIONS;

/// The AES-GCM key a backup passphrase and salt make.
pub async fn backup_key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<web_sys::CryptoKey, String> {
    let js = |e: JsValue| format!("{e:?}");
    let mut bits = pbkdf2(passphrase, salt, iterations).await?;
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = JsFuture::from(crypto()?.subtle().import_key_with_str("raw", &Uint8Array::from(bits.as_slice()), "AES-GCM", false, &usages).map_err(js)?)
        .await
        .map_err(js)?;
    bits.fill(0);
    Ok(key.unchecked_into())
}

fn gcm_params(nonce: &[u8], aad: &[u8]) -> Result<Object, String> {
    let params = Object::new();
    for (k, v) in [
        ("name", JsValue::from("AES-GCM")),
        ("iv", Uint8Array::from(nonce).into()),
        ("additionalData", Uint8Array::from(aad).into()),
        ("tagLength", 128.into()),
    ] {
        Reflect::set(&params, &k.into(), &v).map_err(|e| format!("{e:?}"))?;
    }
    Ok(params)
}

/// Seals `data` (an ArrayBuffer or typed array): ciphertext followed by the tag.
pub async fn seal(key: &web_sys::CryptoKey, nonce: &[u8], aad: &[u8], data: &Object) -> Result<js_sys::ArrayBuffer, String> {
    let js = |e: JsValue| format!("{e:?}");
    let promise = crypto()?.subtle().encrypt_with_object_and_buffer_source(&gcm_params(nonce, aad)?, key, data).map_err(js)?;
    Ok(JsFuture::from(promise).await.map_err(js)?.unchecked_into())
}

/// Opens a sealed chunk; `None` when the tag does not match (wrong key, or damaged).
pub async fn open(key: &web_sys::CryptoKey, nonce: &[u8], aad: &[u8], data: &Object) -> Result<Option<js_sys::ArrayBuffer>, String> {
    let js = |e: JsValue| format!("{e:?}");
    let promise = crypto()?.subtle().decrypt_with_object_and_buffer_source(&gcm_params(nonce, aad)?, key, data).map_err(js)?;
    // WebCrypto says only "OperationError" for a tag that does not match.
    Ok(JsFuture::from(promise).await.ok().map(|b| b.unchecked_into()))
}

/// Lower-case hex SHA-256 of a buffer.
pub async fn sha256_hex(data: &Object) -> Result<String, String> {
    let js = |e: JsValue| format!("{e:?}");
    let digest = JsFuture::from(crypto()?.subtle().digest_with_str_and_buffer_source("SHA-256", data).map_err(js)?).await.map_err(js)?;
    Ok(hex(&Uint8Array::new(&digest).to_vec()))
}
