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
    CustomerErasedNotSaved => "这位顾客的资料已经删除或合并到另一份资料，这次没有保存。", "This customer's record was erased or merged into another one; nothing was saved.";
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
    PinHashFailed => "无法加密密码，没有保存。请重试。", "The PIN could not be encrypted; nothing was saved. Please try again.";
    ExportFailed => "无法生成文件，请重试。", "The file could not be made; please try again.";
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
    // Follow-ups, purchases, classification and statistics (issue 6).
    LogPurchase => "记录购买", "Log a purchase";
    PurchaseTitle => "记录购买", "Log a purchase";
    PurchasePick => "店里的产品（点一下填入）", "The store's products (tap to fill in)";
    PurchaseProduct => "产品名称", "Product";
    PurchaseQuantity => "数量", "Quantity";
    PurchasePrice => "单价（元）", "Unit price (yuan)";
    PurchaseTotal => "合计", "Total";
    PurchaseDate => "购买日期", "Date bought";
    PurchaseSaved => "购买已记录，回访计划已更新", "Purchase logged; the follow-up plan is updated";
    RunsOutOn => "预计用完", "Estimated to run out";
    CardPlan => "接下来的回访", "Follow-ups coming up";
    NoPlan => "暂时没有安排的回访", "No follow-ups planned";
    ClassProspect => "潜在顾客分类", "Prospect class";
    TodayLink => "今天要回访", "Today's follow-ups";
    TodayTitle => "今天要回访的顾客", "Follow-ups due today";
    TodayEmpty => "今天没有要回访的顾客。", "No follow-ups are due today.";
    DueToday => "今天到期", "Due today";
    LogThis => "记录回访", "Log it";
    HolidayGreetings => "节日问候", "Holiday greetings";
    BirthdayToday => "生日", "Birthday";
    ComplaintsOverdueTitle => "超过24小时还没解决的投诉", "Complaints open for more than 24 hours";
    ShowMore => "显示更多", "Show more";
    StatsLink => "统计", "Statistics";
    StatsTitle => "门店统计", "Store statistics";
    StatsNewByMonth => "每月新顾客（按首次到店，最近12个月）", "New customers per month (by first visit, last 12 months)";
    StatsTotal => "顾客总数", "Customers in all";
    StatsFollowUpsDue => "本月要回访（含过期）", "Follow-ups due this month (incl. overdue)";
    StatsFollowUpsDone => "本月已做的回访", "Follow-ups done this month";
    StatsComplaintsOpen => "未解决的投诉", "Open complaints";
    StatsPhotos => "本月新增照片", "Photos added this month";
    StatsTapHint => "点任何一个数字，查看名单。", "Tap any figure to see who it counts.";
    NewCustomersIn => "新顾客", "New customers";
    ListTitle => "顾客名单", "Customer list";
    FilterEffect => "效果", "Effect";
    FilterActivity => "活跃度", "Activity";
    FilterValue => "价值", "Value";
    FilterAll => "全部", "All";
    ListCount => "人", "people";
    NoOneHere => "没有符合条件的顾客。", "No customers match.";
    RulesTitle => "回访规则、产品和分类标准", "Follow-up rules, products and classes";
    RulesLink => "回访规则和产品", "Follow-up rules and products";
    RulesHint => "按店里的规定填写天数。填 0 表示不用这条规则。保存后所有顾客的回访计划会重新计算。", "Days as the store's rules say. 0 turns a rule off. Saving recalculates every customer's follow-up plan.";
    RuleHomeUseDays => "在家用产品：购买后第几天电话（用逗号分开）", "Used at home: call this many days after purchase (comma-separated)";
    RuleAfterSalesDays => "店内用产品：售后回访在购买后第几天（用逗号分开）", "Used in store: after-sales calls this many days after purchase (comma-separated)";
    RuleNewDays => "首次到店后多少天内算新顾客", "Days after the first visit a customer counts as new";
    RuleNewCall => "新顾客：每隔几天电话一次", "New customers: a call every N days";
    RuleNewHome => "新顾客：每隔几天上门一次", "New customers: a home visit every N days";
    RuleNewRecheck => "新顾客：每隔几天仪器复查一次", "New customers: an instrument re-check every N days";
    RuleInvite => "首次到店后第几天邀请到服务中心", "Invite to the service centre N days after the first visit";
    RuleOldCall => "老顾客：至少每隔几天电话一次", "Regular customers: a call at least every N days";
    RuleOldVisit => "老顾客：至少每隔几天见面一次", "Regular customers: a visit at least every N days";
    RuleRunOut => "产品用完前几天提醒", "Remind this many days before a product runs out";
    RuleHolidayLead => "节日提前几天提醒", "Show holidays this many days ahead";
    RuleBirthdays => "生日问候", "Birthday greetings";
    RuleHolidays => "节日问候", "Holiday greetings";
    ProductsTitle => "店里的产品", "The store's products";
    ProductsHint => "每件可用天数用来估计顾客什么时候用完。", "Days per unit estimate when a customer runs out.";
    ProductName => "产品名称", "Product name";
    ProductDays => "每件可用天数", "Days one unit lasts";
    ProductPrice => "常用单价（元）", "Usual unit price (yuan)";
    AddProduct => "添加产品", "Add the product";
    ThresholdsTitle => "分类标准", "Class thresholds";
    ThresholdActive => "有效顾客：最近一次到店在多少天内", "Active: last visit within this many days";
    ThresholdDormant => "沉睡顾客：最近一次到店在多少天内（超过算流失）", "Dormant: last visit within this many days (beyond: lost)";
    ThresholdValueA => "价值A类：累计购买至少（元）", "Value A: bought at least (yuan)";
    ThresholdValueB => "价值B类：累计购买至少（元）", "Value B: bought at least (yuan)";
    RulesSaved => "已保存，所有顾客的回访计划已重新计算", "Saved; every customer's follow-up plan is recalculated";
    RulesSaving => "正在保存并重新计算回访计划…", "Saving and recalculating follow-up plans…";
    DbBlocked => "另一个标签页正在使用旧版本的 Follicle。请关闭其他 Follicle 标签页，本页会自动继续。", "Another tab is using an older version of Follicle. Close the other Follicle tabs and this page will continue.";
    DbVersionChanged => "Follicle 已在另一个标签页更新。请刷新本页继续使用。", "Follicle was updated in another tab. Reload this page to continue.";
    DbUnavailable => "无法打开本机数据库。请确认浏览器没有处于无痕模式，然后刷新。", "The database on this tablet cannot be opened. Make sure the browser is not in private mode, then reload.";
    Reload => "刷新页面", "Reload";

    // Aftercare: complaints, returns, adverse reactions (incidents), win-back letters
    CardComplaints => "投诉", "Complaints";
    CardReturns => "退货", "Returns";
    CardIncidents => "不良反应", "Adverse reactions";
    LogComplaint => "记录投诉", "Log a complaint";
    LogReturn => "办理退货", "Record a return";
    LogIncident => "记录不良反应", "Record an adverse reaction";
    NoComplaints => "没有投诉", "No complaints";
    NoReturns => "没有退货", "No returns";
    NoIncidents => "没有不良反应记录", "No adverse reactions recorded";
    ComplaintOpen => "未解决", "Not resolved";
    ComplaintOverdue => "已超过24小时未解决 ⚠", "Unresolved for over 24 hours ⚠";
    ComplaintResolved => "已解决", "Resolved";
    HandleComplaint => "处理完成 / 更新", "Resolve / update";
    HandleComplaintTitle => "处理投诉", "Handle the complaint";
    ComplaintTime => "投诉时间", "When it was made";
    ComplaintContent => "投诉内容", "What the customer complained about";
    ComplaintSteps => "处理措施", "Steps taken";
    ComplaintResult => "处理结果", "Result";
    Satisfaction => "顾客满意度", "Customer's satisfaction";
    Satisfaction1 => "1 很不满意", "1 Very unhappy";
    Satisfaction2 => "2 不满意", "2 Unhappy";
    Satisfaction3 => "3 一般", "3 So-so";
    Satisfaction4 => "4 满意", "4 Satisfied";
    Satisfaction5 => "5 很满意", "5 Very satisfied";
    ResolvedBox => "处理完成，已解决", "Handled: resolved";
    ResolvedHint => "还在处理就不要勾选。未解决超过24小时会在今天的待办里提醒。", "Leave it unticked while still being handled. Open for over 24 hours, it is flagged on today's list.";
    ComplaintSaved => "投诉已保存", "Complaint saved";
    ComplaintGone => "找不到这条投诉（可能已被删除）。", "This complaint cannot be found (it may have been deleted).";
    ReturnPurchase => "退哪一次购买的产品", "Which purchase is returned";
    ReturnNoPurchases => "这位顾客还没有购买记录，不能办理退货。", "This customer has bought nothing, so there is nothing to return.";
    ReturnReason => "退货原因", "Reason for the return";
    PackageIntact => "包装是否完好", "Is the package intact?";
    IntactYes => "完好", "Intact";
    IntactNo => "不完好（已拆开或损坏）", "Not intact (opened or damaged)";
    QuantityUsed => "已用数量", "Quantity used";
    QuantityUsedHint => "没用过填 0", "0 if none was used";
    ReturnFee => "退货费用（单价 × 已用数量）", "Fee (unit price × quantity used)";
    FeeWaiting => "选好产品、填好已用数量后显示", "Shown once the purchase and the quantity used are given";
    ReturnSaved => "退货已保存", "Return saved";
    PurchasedOn => "购买日期", "Bought on";
    QuantityBought => "购买数量", "Quantity bought";
    UnitPrice => "单价", "Unit price";
    AlreadyReturned => "已退货", "returned";
    ReturnedOn => "退货日期", "Returned on";
    IncidentDate => "发生日期", "Date it happened";
    IncidentReaction => "什么反应", "What reaction";
    IncidentDetail => "具体情况", "Details";
    IncidentDetailHint => "选了“其他”，请在这里写下是什么反应", "With “Other”, describe the reaction here";
    IncidentAction => "店里怎么处理的", "What the store did";
    IncidentClassNote => "保存后，这位顾客的效果分类会改为 D 类（需要关注）。", "Saving puts this customer in effect class D (needs attention).";
    IncidentSaved => "不良反应已记录，效果分类已改为 D 类", "Adverse reaction recorded; effect class set to D";
    WinBack => "揽回流失顾客", "Win back lost customers";
    WinBackIntro => "很久没有到店的顾客（流失顾客），最近流失的在前。点一位顾客，为他准备一封信。", "Customers who have not been in for a long time (lost), the most recently lost first. Tap one to prepare a letter.";
    WinBackCount => "流失顾客数：", "Lost customers:";
    WinBackNone => "没有流失的顾客。", "No lost customers.";
    LastContact => "上次联系", "Last contact";
    LetterTitle => "揽回信", "Win-back letter";
    LetterHint => "信可以直接修改，改好后打印。", "Edit the letter as you like, then print it.";
    LetterLabel => "信的内容", "The letter";
    PrintLetter => "打印", "Print";
    BackToList => "返回名单", "Back to the list";
    // Offline app, customer export, storage pressure (issue 7, parts 5–8)
    UpdateReady => "新版本可用", "A new version is available";
    UpdateReadyHint => "重新载入就能使用新版本，已保存的资料不受影响。", "Reload to use it; saved records are not affected.";
    UpdateReload => "重新载入", "Reload now";
    ExportTitle => "顾客本人的资料副本", "A copy of the customer's own data";
    ExportHint => "顾客要求时使用：把这位顾客的档案、同意记录、回访、购买、测量和照片做成一个文件，手机或电脑都能打开。", "When the customer asks: their record, consents, follow-ups, purchases, measurements and photos in one file that opens on any phone or computer.";
    ExportMake => "导出资料副本", "Export a copy";
    ExportMaking => "正在准备文件…", "Preparing the file…";
    ExportReady => "文件已准备好，导出已记录。点“保存文件”存到平板，交给顾客（打印或发送）以后，请从平板的“下载”里删除它。", "The file is ready and the export is logged. Tap “Save file”, give it to the customer (print or send it), then delete it from the tablet's Downloads.";
    ExportSave => "保存文件", "Save file";
    ExportDocTitle => "个人资料副本", "Copy of your personal data";
    ExportDocIntro => "这是门店平板上保存的关于您本人的全部资料：档案、同意记录、回访和到店、购买、测量和照片。", "This is everything the store's tablet keeps about you: your record, consents, follow-ups and visits, purchases, measurements and pictures.";
    ExportDocMade => "制作时间", "Made on";
    ExportDocRecord => "档案", "Your record";
    ExportDocConsentKind => "同意事项", "What was agreed";
    ExportDocState => "状态", "State";
    ExportDocNotice => "告知书版本", "Notice version";
    ExportDocDate => "日期", "Date";
    ExportDocProduct => "产品", "Product";
    ExportDocQuantity => "数量", "Quantity";
    ExportDocUnitPrice => "单价", "Unit price";
    ExportDocComplaints => "投诉和退货", "Complaints and returns";
    ExportDocPhotos => "图片", "Pictures";
    ExportDocNone => "没有记录", "Nothing recorded";
    ExportDocData => "机器可读的数据", "Machine-readable data";
    ExportDocDataHint => "本文件末尾还有同样内容的 JSON 数据（id=follicle-data），可以导入其他系统。", "The end of this file holds the same records as JSON (id=follicle-data), for importing into other systems.";
    StorageNearFull => "本机存储快满了", "This tablet's storage is nearly full";
    StorageNearFullWhat => "存满以后就不能再保存登记和照片。请先备份，然后删除不再需要的旧照片。", "Once it is full, registrations and photos can no longer be saved. Back up first, then delete old photos that are no longer needed.";
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
