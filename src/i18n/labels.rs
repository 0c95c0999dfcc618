//! One way to name a domain value on screen: [`Label`], implemented here for every
//! enum shown to people.

use super::T;

/// The catalogue key that names a value (男, 有效顾客, 头顶百会穴 …).
pub trait Label: Copy {
    fn label(self) -> T;
}
