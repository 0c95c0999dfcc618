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

            /// Both languages, for messages made outside the UI (storage errors).
            pub fn both(self) -> Bilingual {
                Bilingual::new(self.get(Lang::Zh), self.get(Lang::En))
            }

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

    // Registration wizard
    StepWelcome => "欢迎", "Welcome";
    StepBasic => "基本信息", "About you";
    StepHair => "头发情况", "Your hair";
    StepHealth => "健康与生活", "Health and life";
    StepSource => "怎么知道我们", "How you found us";
    StepConsent => "同意", "Consent";
    StepReview => "确认", "Check";
    StepProgress => "登记进度", "Registration progress";
    Next => "下一步", "Next";
    Prev => "上一步", "Back";
    Start => "开始登记", "Start";
    WhyTitle => "为什么要填？", "Why fill this in?";
    WelcomeTitle => "欢迎登记成为我们的顾客", "Welcome! Register as our customer";
    WelcomeIntro => "登记只要几分钟。登记以后：", "It takes a few minutes. Once registered:";
    Benefit1 => "我们会跟进产品的使用，让您放心使用", "we follow up on how you use the product, so you can use it with confidence";
    Benefit2 => "可免费试用新产品", "you can try new products free";
    Benefit3 => "可通知您免费参加俱乐部的顾客活动", "we can invite you to free customer club events";
    WelcomePrivacy => "只有姓名和电话是必填的。您的信息只保存在本店的平板上，不会给别人。", "Only your name and phone are required. Your information stays on this store's tablet and is given to no one.";
    WhyBasic => "电话：方便我们回访，提醒您复查。生日：在您生日时送上祝福。姓名和性别：让我们知道怎么称呼您。", "Phone: so we can follow up and remind you of check-ups. Birthday: so we can send birthday greetings. Name and gender: so we know how to address you.";
    WhyHair => "了解脱发的类型和时间，才能给您合适的建议；这也是以后对比头发变化的起点。", "Knowing the type of hair loss and how long it has lasted lets us give advice that fits, and gives a starting point to compare your progress against.";
    WhyHealth => "身体状况和用药关系到使用产品的安全。生活习惯和爱好让我们更了解您，关心您。", "Your health and medicines matter for using our products safely. Your habits and hobbies help us know you and care for you.";
    WhySource => "让我们知道顾客从哪里来。如果是朋友介绍的，我们也会谢谢他。", "It tells us how customers find us. If a friend sent you, we would like to thank them too.";
    WhyConsent => "法律要求我们在保存您的信息之前，先告诉您怎么使用，并取得您的同意。每一项都可以单独选择。", "The law asks us to tell you how we use your information and to get your agreement before we keep it. You choose each item separately.";
    WhyReview => "请检查一遍。发现错误，点“修改”回到那一步。", "Please check everything. To correct something, tap “Edit” to go back to that step.";
    SensitiveLater => "脱发和健康情况属于敏感信息：只有您在“同意”这一步同意后才会保存。", "Hair-loss and health details are sensitive: they are kept only if you agree at the “Consent” step.";
    Name => "姓名", "Name";
    NameHint => "例如：王超", "For example: Wang Chao";
    Gender => "性别", "Gender";
    Male => "男", "Male";
    Female => "女", "Female";
    GenderUnsaid => "不想说", "Prefer not to say";
    BirthDate => "出生日期", "Birth date";
    Phone => "电话号码", "Phone number";
    PhoneHint => "11 位手机号，或带区号的座机号", "An 11-digit mobile, or a landline with area code";
    HairType => "脱发类型", "Type of hair loss";
    HairSeborrheic => "脂溢性（头油多，头顶或发际线变薄）", "Seborrheic (oily scalp, thinning crown or hairline)";
    HairStress => "神经性（压力大，睡不好）", "Stress-related (stress, poor sleep)";
    HairAreata => "斑秃（一块一块地掉）", "Alopecia areata (patches)";
    HairPostpartum => "产后脱发", "After childbirth";
    HairOther => "其他", "Other";
    HairNotSure => "不清楚", "Not sure";
    HairTypeOther => "其他类型，请说明", "Other type: please describe";
    HairDuration => "脱发多久了？", "How long has it been?";
    DurUnderSix => "半年以内", "Under 6 months";
    DurSixTwelve => "半年到一年", "6 to 12 months";
    DurOneThree => "一到三年", "1 to 3 years";
    DurThreeFive => "三到五年", "3 to 5 years";
    DurOverFive => "五年以上", "Over 5 years";
    PriorTreatment => "以前用过的药或治疗", "Medicines or treatments used before";
    PriorTreatmentHint => "例如：米诺地尔、中药、植发。没有可以不填。", "For example: minoxidil, herbal medicine, a transplant. Leave empty if none.";
    HealthNotes => "身体状况和其他疾病", "Health and other illnesses";
    HealthNotesHint => "例如：高血压、糖尿病、怀孕、过敏", "For example: high blood pressure, diabetes, pregnancy, allergies";
    LifeNotes => "生活习惯和近况", "Habits and life at the moment";
    LifeNotesHint => "例如：经常熬夜、刚退休、在照顾孙子", "For example: late nights, just retired, looking after grandchildren";
    Occupation => "职业或原工作单位", "Occupation or former employer";
    Hobbies => "兴趣爱好", "Hobbies";
    Source => "您是怎么知道我们的？", "How did you hear about us?";
    SrcReferral => "朋友介绍", "A friend";
    SrcEvent => "活动", "An event";
    SrcAdvert => "广告", "An advert";
    SrcPassingBy => "路过", "Passing by";
    SrcOnline => "网上", "Online";
    SrcOther => "其他", "Other";
    ReferralBy => "介绍人姓名", "Name of the friend";
    SourceOtherDetail => "请说明", "Please describe";
    ConsentAgree => "我同意", "I agree";
    ConsentRequired => "必须同意才能登记", "Needed to register";
    ConsentOptional => "可以不同意", "You may decline";
    GuardianTitle => "未满 14 周岁：请监护人同意", "Under 14: a guardian consents";
    GuardianIntro => "顾客未满 14 周岁，以上同意由父母或其他监护人作出，请填写监护人信息。", "The customer is under 14, so a parent or guardian gives the consents above. Please enter the guardian's details.";
    GuardianName => "监护人姓名", "Guardian's name";
    GuardianPhone => "监护人电话", "Guardian's phone";
    StaffPresent => "在场店员", "Staff member present";
    StaffPresentHint => "有店员在旁边帮忙时，请店员填写自己的名字", "If a staff member is helping, they enter their name";
    Edit => "修改", "Edit";
    NotFilled => "未填写", "Not filled in";
    Agreed => "同意", "Agreed";
    Declined => "不同意", "Declined";
    SaveRegistration => "确认并保存", "Confirm and save";
    FixBeforeSaving => "还有内容需要修改，请看红色提示。", "Something still needs correcting: see the red messages.";
    DuplicatePhoneTitle => "这个电话号码已经登记过", "This phone number is already registered";
    DuplicateNameTitle => "已经有同名、同生日的顾客", "A customer with the same name and birth date is already registered";
    DuplicateBody => "如果您以前来过，请找店员帮您打开已有的档案，不用重新登记。如果不是您，可以继续登记新档案。", "If you have been here before, ask a staff member to open your existing record: no need to register again. If it is not you, you can go on with a new record.";
    OpenExisting => "请店员打开已有档案", "Ask staff to open my record";
    ContinueNew => "继续登记新档案", "Go on with a new record";
    DoneTitle => "登记完成", "Registration complete";
    DoneBody => "您的档案已经保存好了。店员马上来为您服务。", "Your record is saved. A staff member will be with you shortly.";
    DoneAuto => "几秒钟后自动回到首页。", "The screen returns home in a few seconds.";
    WelcomeGreeting => "欢迎您", "Welcome";
    // Staff gate
    StaffLogin => "员工登录", "Staff sign-in";
    ChooseStaff => "您是哪位员工？", "Who are you?";
    Pin => "密码", "PIN";
    PinHint => "4 到 8 位数字", "4 to 8 digits";
    PinAgain => "再输一次密码", "PIN again";
    Unlock => "确认", "Sign in";
    Checking => "正在核对…", "Checking…";
    WrongPin => "密码不对。", "Wrong PIN.";
    TriesLeft => "还可以试的次数：", "Tries left:";
    TooManyTries => "错误次数太多，请稍后再试。需要等待的秒数：", "Too many wrong PINs. Please wait, in seconds:";
    SetupManagerTitle => "设置店长密码", "Set the manager's PIN";
    SetupManagerIntro => "第一次使用员工功能：请店长填写姓名并设置密码。密码只以加密形式保存在这台平板上，请记住它。", "First use of the staff side: the store manager enters a name and sets a PIN. The PIN is kept only in hashed form on this tablet; remember it.";
    ManagerName => "店长姓名", "Manager's name";
    StaffName => "员工姓名", "Staff member's name";
    StaffHello => "您好", "Hello";
    Lock => "锁定", "Lock";
    AddStaff => "添加员工", "Add a staff member";
    StaffAdded => "已添加", "Added";
    StaffList => "员工名单", "Staff";
    Manager => "店长", "Manager";
    // Staff search
    SearchLabel => "查找顾客", "Find a customer";
    SearchHint => "输入姓名、拼音、首字母或手机号（后 4 位也可以）", "Type a name, pinyin, initials or phone number (the last 4 digits work too)";
    SearchPreparing => "正在准备顾客名单…", "Preparing the customer list…";
    SearchNone => "没有找到这位顾客。请换一种写法，或核对手机号。", "No customer found. Try another spelling, or check the phone number.";
    SearchFound => "找到的顾客数：", "Customers found:";
    SearchShowingFirst => "只显示最前面的 50 位，请多输入几个字。", "Showing the first 50: type more to narrow it down.";
    CustomersOnTablet => "本机顾客总数：", "Customers on this tablet:";
    PhoneTail => "手机尾号", "Phone ending";
    LastVisit => "上次到店", "Last visit";
    NoVisitYet => "还没有到店记录", "No visit yet";
    Today => "今天", "today";
    DaysAgo => "天前", "days ago";
    YearsOld => "岁", "years old";
    // Customer card
    CardLoading => "正在打开档案…", "Opening the record…";
    CustomerGone => "找不到这位顾客（可能已被删除）。", "This customer cannot be found (they may have been deleted).";
    BackToSearch => "返回查找", "Back to search";
    AddressAs => "称呼", "Address as";
    CardAppearance => "外貌特征", "Appearance";
    CardProducts => "购买的产品", "Products bought";
    NoPurchases => "还没有购买记录", "Nothing bought yet";
    UsePlace => "使用方式", "Where they use it";
    UseHome => "在家上药", "At home";
    UseStore => "到店护理", "In the store";
    CardHairChange => "头发变化（最近一次与首次相比）", "Hair now against the first visit";
    NoComparison => "还没有两次测量，暂时无法比较。", "Not two measurements yet: nothing to compare.";
    CardLife => "生活情况（聊天时可以关心）", "Life (for a kind word)";
    CardFollowUps => "回访", "Follow-ups";
    NextFollowUp => "下次回访", "Next follow-up";
    Overdue => "已过期", "overdue";
    NoFollowUps => "还没有回访记录", "No follow-ups yet";
    CardClass => "分类", "Classification";
    ClassEffect => "效果", "Effect";
    ClassActivity => "活跃度", "Activity";
    ClassValue => "价值", "Value";
    NotRated => "未评定", "Not rated";
    Prospect => "潜在顾客（还没有购买）", "Prospect (nothing bought yet)";
    CardStaffNotes => "店内记录", "Store notes";
    Consultant => "咨询师", "Consultant";
    ConsultationAdvice => "咨询建议", "Consultation advice";
    EditDetails => "编辑资料", "Edit details";
    LogVisit => "记录回访或到店", "Log a follow-up or visit";
    CardConsents => "同意书", "Consents";
    DeleteCustomer => "删除顾客", "Delete customer";
    Cancel => "取消", "Cancel";
    DetailsSaved => "资料已保存", "Details saved";
    // Edit form
    EditTitle => "编辑顾客资料", "Edit the customer's details";
    Address => "地址", "Address";
    AppearanceNotes => "外貌特征（店员填写）", "Appearance (staff only)";
    AppearanceHint => "例如：戴眼镜、个子高、说话慢。方便下次认出顾客。", "For example: glasses, tall, speaks slowly. Helps recognise them next time.";
    HairGrade => "脱发分级", "Hair-loss grade";
    GradeNone => "未分级", "Not graded";
    FirstVisit => "首次到店日期", "First visit";
    Notes => "备注", "Notes";
    SensitiveLocked => "顾客没有同意处理敏感信息：脱发和健康相关的项目不能填写。", "The customer has not consented to sensitive information: hair-loss and health fields cannot be filled in.";
    FixProblems => "有几项需要修改，请看红色提示。", "Some fields need fixing: see the messages in red.";
    // Visit log
    VisitTitle => "记录回访或到店", "Log a follow-up or visit";
    VisitTime => "时间", "Time";
    VisitMethod => "方式", "How";
    MethodPhone => "电话", "Phone call";
    MethodSms => "短信", "Text message";
    MethodHome => "上门", "Home visit";
    MethodStore => "到店", "In the store";
    VisitContent => "内容", "What was said or done";
    VisitResult => "结果", "Result";
    VisitBy => "记录人", "Logged by";
    NextDate => "下次回访日期", "Next follow-up date";
    VisitSaved => "回访已记录", "Follow-up logged";
    // Consents and deletion
    ConsentGiven => "已同意", "Given";
    ConsentNotGiven => "未同意", "Not given";
    ConsentWithdrawnAt => "已撤回", "Withdrawn";
    Withdraw => "撤回同意", "Withdraw consent";
    WithdrawSensitiveWarn => "撤回后，这位顾客的脱发和健康信息、照片和测量数据会从平板上删除。确定撤回吗？", "After withdrawal, this customer's hair-loss and health details, photos and measurements are deleted from the tablet. Withdraw?";
    WithdrawMarketingWarn => "撤回后，不再给这位顾客发送活动和新品信息。确定撤回吗？", "After withdrawal, this customer gets no more news of events or products. Withdraw?";
    WithdrawPersonalHint => "撤回个人信息同意就是删除整个档案：请用下面的“删除顾客”。", "Withdrawing the personal information consent means deleting the record: use \"Delete customer\" below.";
    WithdrawDone => "已撤回", "Withdrawn";
    DeleteConfirm1 => "确定要删除这位顾客吗？档案、照片、测量和回访记录都会从这台平板上删除。", "Delete this customer? The record, photos, measurements and follow-ups are removed from this tablet.";
    DeleteConfirm2 => "请再确认一次：删除以后无法找回。", "Please confirm once more: this cannot be undone.";
    DeleteYes => "删除", "Delete";
    DeleteForever => "永久删除", "Delete for good";
    Deleted => "已删除。平板上只留下一条不含个人信息的删除记录。", "Deleted. The tablet keeps only a deletion record with no personal details.";
    // Hair progress (photos, measurements, comparison)
    HairProgress => "头发变化", "Hair progress";
    AddPhoto => "拍照或添加图片", "Take or add a picture";
    AddMeasurement => "记录测量", "Record measurements";
    PhotoKindLabel => "图片类型", "Kind of picture";
    KindTrichoscope => "毛囊图（显微镜）", "Trichoscope image";
    KindCamera => "照片（相机）", "Photo (camera)";
    ScalpSiteLabel => "头皮部位", "Scalp site";
    TakenOn => "拍摄日期", "Date taken";
    PhotoNote => "备注", "Note";
    UseCamera => "打开摄像头", "Open the camera";
    TakePicture => "拍照", "Take the picture";
    ChooseFile => "选择图片文件", "Choose an image file";
    ChooseFileHint => "平板相机拍的照片，或显微镜导出的图片", "A photo from the tablet's camera, or an image exported from the trichoscope";
    OnionHint => "淡淡的影子是上一次同一部位的图片：请对准它，拍出同样的角度。", "The faint image is last time's picture of the same site: line up with it for the same framing.";
    CameraFailed => "无法打开摄像头。请允许使用摄像头，或者选择图片文件。", "The camera could not be opened. Allow camera access, or choose an image file.";
    Processing => "正在处理图片…", "Processing the picture…";
    PhotoReady => "图片已准备好，请检查后保存。", "The picture is ready: check it, then save.";
    Retake => "重拍", "Retake";
    PhotoSaved => "图片已保存", "Picture saved";
    ChooseKindSite => "请先选择图片类型和头皮部位。", "First choose the kind of picture and the scalp site.";
    NoPhotosYet => "还没有图片。", "No pictures yet.";
    OnePhotoOnly => "这个部位只有一张图片，再拍一张以后就可以对比了。", "Only one picture of this site: after the next one you can compare.";
    SideBySide => "并排对比", "Side by side";
    Slider => "滑动对比", "Slider";
    Before => "之前", "Before";
    After => "之后", "After";
    DaysApart => "相隔天数：", "Days apart:";
    PickHint => "点下面的小图换一张：比右边早的换左边，比左边晚的换右边。", "Tap a small picture below to swap it in: earlier than the right one replaces the left, later replaces the right.";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    ZoomReset => "还原", "Reset";
    SliderLabel => "拖动对比线", "Drag the comparison line";
    Measurements => "测量数据", "Measurements";
    NoMeasurements => "还没有测量数据。", "No measurements yet.";
    ChangeSinceFirst => "与首次相比", "Since the first visit";
    PrintSheet => "打印进度单", "Print the progress sheet";
    SheetTitle => "头发进度单", "Hair progress sheet";
    FirstImage => "首次", "First";
    LatestImage => "最近", "Latest";
    // Measurement form
    MeasureTitle => "记录测量", "Record measurements";
    MeasuredOn => "测量日期", "Date measured";
    Density => "头发密度（根/cm²）", "Hair density (per cm²)";
    Diameter => "毛发粗度（μm）", "Shaft diameter (μm)";
    Oiliness => "头油", "Oiliness";
    Itch => "瘙痒", "Itch";
    Dandruff => "头屑", "Dandruff";
    Shedding => "掉发", "Shedding";
    NewGrowth => "新发", "New growth";
    SelfRating => "顾客自我评分（1–10）", "Customer's own rating (1–10)";
    ScaleHint => "0 没有，4 很严重（新发：4 很多）", "0 none, 4 very strong (new growth: 4 a lot)";
    NothingMeasured => "请至少填一项。", "Please fill in at least one item.";
    MeasureSaved => "测量已保存", "Measurements saved";
    // Self-check
    SelfCheckTitle => "查看我的头发变化", "See my hair progress";
    SelfCheckIntro => "请输入您登记时留的手机号，再输入您的出生日期。只会显示您自己的资料。", "Enter the phone number you registered with, then your birth date. Only your own record is shown.";
    YourPhone => "您的手机号", "Your phone number";
    YourBirth => "您的出生日期", "Your birth date";
    Show => "查看", "Show";
    SelfCheckWrong => "手机号或出生日期不对。还可以试的次数：", "The phone number or birth date does not match. Tries left:";
    SelfCheckLocked => "错误次数太多，请稍后再试或请店员帮忙。需要等待的分钟数：", "Too many tries. Please try later or ask a staff member. Minutes to wait:";
    Exit => "退出", "Exit";
    SelfCheckHello => "您好", "Hello";
    CustomSites => "店里自己加的头皮部位", "The store's own scalp sites";
    CustomSitesHint => "除了五个固定部位以外\u{FF0C}店里常拍的其他部位。删除部位不会删除已有的图片。", "Sites the store photographs besides the five built in. Removing a site does not delete its pictures.";
    NewSite => "新部位名称", "New site's name";
    AddSite => "添加部位", "Add the site";
    RemoveSite => "删除", "Remove";
    DbBlocked => "另一个标签页正在使用旧版本的 Follicle。请关闭其他 Follicle 标签页，本页会自动继续。", "Another tab is using an older version of Follicle. Close the other Follicle tabs and this page will continue.";
    DbVersionChanged => "Follicle 已在另一个标签页更新。请刷新本页继续使用。", "Follicle was updated in another tab. Reload this page to continue.";
    DbUnavailable => "无法打开本机数据库。请确认浏览器没有处于无痕模式，然后刷新。", "The database on this tablet cannot be opened. Make sure the browser is not in private mode, then reload.";
    Reload => "刷新页面", "Reload";

    // Backup and restore (pages/backup.rs, pages/backup_reminder.rs, settings).
    BackupTitle => "备份与恢复", "Backup and restore";
    BackupOpen => "备份与恢复", "Backup and restore";
    BackupLast => "上次备份：", "Last backup:";
    BackupNever => "这台平板还没有备份过。请现在备份，数据只存在这台平板上。", "This tablet has never been backed up. Back up now: the data lives only on this tablet.";
    BackupOverdue => "⚠ 已经很久没有备份了，请现在备份。", "⚠ The last backup is old. Please back up now.";
    BackupMakeTitle => "备份到一个文件", "Back up to one file";
    BackupMakeHint => "文件包含全部顾客记录、照片、设置和员工。请把它存到 U 盘或店里的电脑上，不要只留在这台平板。", "The file holds every customer record, photo, setting and staff member. Keep it on a USB drive or the store's computer, not only on this tablet.";
    BackupPassphrase => "备份密码", "Backup passphrase";
    BackupPassphraseHint => "至少 8 个字。恢复时要输入同一个密码；忘记密码就无法恢复。", "At least 8 characters. Restoring asks for the same passphrase; without it the backup cannot be restored.";
    BackupPassphraseAgain => "再输一次备份密码", "Passphrase again";
    BackupNoEncryption => "不加密（不推荐：拿到文件的人都能看到顾客资料）", "Do not encrypt (not recommended: anyone with the file can read customer data)";
    BackupStart => "开始备份", "Start the backup";
    BackupDone => "备份完成，文件已下载：", "Backup finished; the file was downloaded:";
    BackupDownloadAgain => "再次下载文件", "Download the file again";
    BackupCounts => "顾客和照片数：", "Customers and photos:";
    RestoreTitle => "从备份文件恢复", "Restore from a backup file";
    RestoreHint => "先完整检查文件，检查通过后才写入。任何一步出错，本机数据都保持原样。", "The file is checked completely before anything is written. If any step fails, the data on this tablet stays as it was.";
    RestoreFile => "选择备份文件", "Choose the backup file";
    RestorePassphrase => "备份密码（文件加密时需要）", "Backup passphrase (for an encrypted file)";
    RestoreMode => "恢复方式", "How to restore";
    RestoreMerge => "合并：补上缺少的记录，同一条记录保留较新的", "Merge: add missing records, keep the newer version of each";
    RestoreReplace => "全部替换：删除本机现有数据，换成备份里的", "Replace all: delete the data on this tablet and use the backup's";
    RestoreStart => "检查并恢复", "Check and restore";
    RestoreNoFile => "请先选择备份文件", "Please choose the backup file first";
    RestoreConfirm1 => "全部替换会删除这台平板上现有的全部顾客、照片和记录。确定吗？", "Replace all deletes every customer, photo and record now on this tablet. Are you sure?";
    RestoreConfirm1Yes => "确定，继续", "Yes, continue";
    RestoreConfirm2 => "最后确认：现有数据删除后无法找回。", "Last check: the data deleted cannot be brought back.";
    RestoreConfirm2Yes => "删除并替换", "Delete and replace";
    RestoreDone => "恢复完成。", "Restore finished.";
    RestoreAdded => "新增", "Added";
    RestoreUpdated => "更新为较新的版本", "Updated to a newer version";
    RestoreUnchanged => "相同，未改动", "Same, left as is";
    RestoreRemoved => "按备份里的删除记录删除", "Deleted, as deleted in the backup";
    RestoreSkipped => "跳过", "Skipped";
    SkipNewerHere => "本机的版本较新", "this tablet has a newer version";
    SkipDeletedHere => "本机已删除（删除在后）", "deleted on this tablet later";
    SkipChangedAfterDeletion => "备份里已删除，但本机之后又修改过，保留本机的", "deleted in the backup, but changed here since: kept";
    SkipTabletSetting => "这台平板自己的设置，保留不变", "this tablet's own settings, kept";
    StepReading => "正在读取记录", "Reading the records";
    StepPhotos => "正在读取照片", "Reading the photos";
    StepSealing => "正在加密", "Encrypting";
    StepOpening => "正在解密", "Decrypting";
    StepChecking => "正在检查照片", "Checking the photos";
    StepWriting => "正在写入，请不要关闭", "Writing; please do not close";
    BackupReminderDays => "多少天没有备份就提醒", "Remind to back up after";
    Days => "天", "days";
}

/// The space between a label and what follows: none after a Chinese colon, one in
/// English.
pub fn gap(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "",
        Lang::En => " ",
    }
}

/// "（3 天前）" / " (3 days ago)"; today is "（今天）".
pub fn days_since(lang: Lang, days: i64) -> String {
    let what = if days <= 0 { T::Today.get(lang).to_string() } else { format!("{days} {}", T::DaysAgo.get(lang)) };
    match lang {
        Lang::Zh => format!("\u{FF08}{what}\u{FF09}"),
        Lang::En => format!(" ({what})"),
    }
}

/// "58 岁" / "58 years old".
pub fn age(lang: Lang, years: u32) -> String {
    format!("{years} {}", T::YearsOld.get(lang))
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
    fn days_and_ages_read_naturally() {
        assert_eq!(days_since(Lang::Zh, 3), "\u{FF08}3 天前\u{FF09}");
        assert_eq!(days_since(Lang::En, 0), " (today)");
        assert_eq!(age(Lang::Zh, 58), "58 岁");
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
