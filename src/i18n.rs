//! The one catalogue of UI text, zh-CN first and English second. Components ask for
//! `T::Key.get(lang)`; nothing in the UI writes text of its own.

pub use crate::domain::text::{Bilingual, Lang};

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)+) => {
        /// A piece of UI text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),+ }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),+];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Zh) => $zh, (T::$key, Lang::En) => $en,)+
                }
            }
        }
    };
}

catalogue! {
    AppName => "Follicle 头发管理", "Follicle hair care";
    SwitchLanguage => "English", "中文";
    SwitchLanguageHint => "切换到英文", "Switch to Chinese";
    Home => "回到首页", "Home";
    Back => "返回", "Back";
    Save => "保存", "Save";
    Saving => "正在保存…", "Saving…";
    Saved => "已保存", "Saved";
    Loading => "正在打开…", "Opening…";

    HomeWelcome => "您好！请选择您要做的事", "Hello! What would you like to do?";
    Register => "新顾客登记", "New customer registration";
    RegisterHint => "第一次来？在这里登记", "First visit? Register here";
    SelfCheck => "我的头发变化", "My hair progress";
    SelfCheckHint => "看看您的头发照片和变化", "See your hair photos and changes";
    Staff => "员工", "Staff";
    StaffHint => "员工专用，需要密码", "Staff only, PIN required";
    Settings => "设置", "Settings";

    ComingTitle => "这一部分正在准备中", "This part is being prepared";
    ComingBody => "这项功能会在下一次更新中开放。请先找店员帮忙。", "This feature opens in the next update. Please ask a staff member for help meanwhile.";

    SetupTitle => "首次使用设置", "First-time setup";
    SetupIntro => "请店长填写门店和这台平板的名称。以后每条记录都会标明来自哪个门店、哪台平板。", "The store manager enters the store's and this tablet's names. Every record will show which store and tablet it came from.";
    StoreName => "门店名称", "Store name";
    StoreNameHint => "例如：北京朝阳店", "For example: Beijing Chaoyang";
    DeviceName => "平板名称", "Tablet name";
    DeviceNameHint => "例如：前台平板", "For example: Front desk";
    SetupDone => "完成设置", "Finish setup";
    Required => "必填", "Required";
    Optional => "选填", "Optional";

    SettingsTitle => "设置", "Settings";
    SettingsStore => "门店", "Store";
    SettingsDevice => "平板", "Tablet";
    IdleTimeout => "无人操作多久后回到首页", "Return to the home screen when idle for";
    Minutes => "分钟", "minutes";
    StorageTitle => "本机存储", "Storage on this tablet";
    StorageUsed => "已用", "Used";
    StorageAvailable => "可用", "Available";
    StorageUnknown => "浏览器没有提供存储用量", "The browser does not report storage use";
    PersistGranted => "浏览器已同意长期保存数据，不会自动清除。", "The browser keeps this data permanently; it will not clear it on its own.";
    PersistDenied => "浏览器没有同意长期保存：空间不足时可能清除数据。请定期备份。", "The browser did not grant permanent storage: it may clear data when space runs low. Back up regularly.";
    PersistUnknown => "还没有询问浏览器是否长期保存数据。", "The browser has not been asked to keep data permanently yet.";

    IdleWarningTitle => "还在使用吗？", "Still there?";
    IdleWarningBody => "没有操作，屏幕将在下面的秒数后清空并回到首页：", "Nobody is using the screen. It will clear and return home in:";
    IdleStay => "继续使用", "Keep using";
    Seconds => "秒", "seconds";

    DbBlocked => "另一个标签页正在使用旧版本的 Follicle。请关闭其他 Follicle 标签页，本页会自动继续。", "Another tab is using an older version of Follicle. Close the other Follicle tabs and this page will continue.";
    DbVersionChanged => "Follicle 已在另一个标签页更新。请刷新本页继续使用。", "Follicle was updated in another tab. Reload this page to continue.";
    DbUnavailable => "无法打开本机数据库。请确认浏览器没有处于无痕模式，然后刷新。", "The database on this tablet cannot be opened. Make sure the browser is not in private mode, then reload.";
    Reload => "刷新页面", "Reload";
}

/// Bytes as a person reads them: 1.2 MB, 38.0 GB (decimal units, as storage is sold).
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_as_people_say_them() {
        assert_eq!(human_bytes(0.0), "0 B");
        assert_eq!(human_bytes(999.0), "999 B");
        assert_eq!(human_bytes(1_234_567.0), "1.2 MB");
        assert_eq!(human_bytes(38e9), "38.0 GB");
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for t in T::ALL {
            assert!(!t.get(Lang::Zh).trim().is_empty(), "{t:?} has no Chinese");
            assert!(!t.get(Lang::En).trim().is_empty(), "{t:?} has no English");
        }
    }

    #[test]
    fn chinese_is_chinese_and_english_is_not() {
        let han = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        assert!(han(T::Register.get(Lang::Zh)));
        // The language switch names the other language, in that language.
        assert_eq!(T::SwitchLanguage.get(Lang::Zh), "English");
        for t in T::ALL.iter().filter(|t| **t != T::SwitchLanguage) {
            assert!(!han(t.get(Lang::En)), "{t:?} has Chinese in its English text");
        }
    }
}
