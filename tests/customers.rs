//! The staff side with customers, in headless Chromium: finding a customer as you type
//! (汉字, pinyin, initials, mixed, polyphones, Latin names, phone numbers and tails, in
//! rank order), the card, editing a record, logging a visit, deleting a customer.
#![cfg(target_arch = "wasm32")]

mod common;

use chrono::NaiveDate;
use common::*;
use follicle::domain::*;
use follicle::storage::{schema, Db, OpenHooks};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn customer(name: &str, phone: &str, gender: Gender, last_visit: &str) -> Customer {
    let mut c = Customer::new(name, phone, &stamp(1_700_000_000_000));
    c.gender = Some(gender);
    c.birth_date = day("1968-05-04");
    c.first_visit = day("2026-01-05");
    c.last_visit = day(last_visit);
    c.refresh_keys();
    c
}

fn sensitive_consent(c: &Customer) -> ConsentRecord {
    ConsentRecord {
        id: new_id(),
        meta: Meta::new(&stamp(1)),
        customer_id: c.id.clone(),
        kind: ConsentKind::SensitiveInfo,
        notice_id: "sensitive-v1".into(),
        notice_hash: "ab".into(),
        granted: true,
        at: 1,
        staff_present: None,
        guardian: None,
        withdrawn_at: None,
    }
}

/// The customers every test here starts with.
fn cast() -> Vec<Customer> {
    vec![
        customer("王超", "13800138000", Gender::Male, "2026-10-01"),
        customer("王朝阳", "13911112222", Gender::Male, "2026-11-01"),
        customer("曾小燕", "13722223333", Gender::Female, "2026-05-01"),
        customer("单田芳", "13633334444", Gender::Male, "2026-03-01"),
        customer("解晓东", "13544445555", Gender::Male, "2026-02-01"),
        customer("Anna Müller", "+85291234567", Gender::Female, "2026-04-01"),
        customer("黄超", "13000008000", Gender::Male, "2026-11-20"),
    ]
}

/// A tablet with the cast registered; returns the database name.
async fn seeded(test: &str) -> (String, Vec<Customer>) {
    let name = unique_db(test);
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let people = cast();
    for c in &people {
        db.save_registration(c, &[sensitive_consent(c)]).await.unwrap();
    }
    db.close();
    (name, people)
}

fn search_box(root: &Element) -> HtmlElement {
    root.query_selector("#customer-search").unwrap().expect("the search box").dyn_into().unwrap()
}

fn result_names(root: &Element) -> Vec<String> {
    let list = root.query_selector_all(".result-name").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect()
}

/// Types the query one character at a time, as a person would, and returns the names
/// listed after the last keystroke.
async fn search(root: &Element, query: &str) -> Vec<String> {
    let chars: Vec<char> = query.chars().collect();
    for end in 1..=chars.len() {
        type_into(&search_box(root), &chars[..end].iter().collect::<String>());
    }
    // Results draw on the next render.
    gloo::timers::future::TimeoutFuture::new(30).await;
    result_names(root)
}

#[wasm_bindgen_test]
async fn search_finds_customers_by_every_form_in_rank_order() {
    let (name, _) = seeded("search").await;
    let root = staff_home(&name).await;
    assert!(root.text_content().unwrap().contains("本机顾客总数：7"));

    let cases: &[(&str, &[&str])] = &[
        // 汉字: the whole name first, then names that start with it.
        ("王超", &["王超"]),
        ("王", &["王朝阳", "王超"]),
        ("超", &["黄超", "王超"]),
        // Full pinyin: 王超 exactly, then 王朝阳 whose pinyin starts with it.
        ("wangchao", &["王超", "王朝阳"]),
        // Initials and mixed: both 王 by initials, the more recent visit first.
        ("wc", &["王朝阳", "王超"]),
        ("wang c", &["王朝阳", "王超"]),
        ("wchy", &["王朝阳"]),
        // Polyphonic surnames under each reading.
        ("zengxiaoyan", &["曾小燕"]),
        ("cengxiaoyan", &["曾小燕"]),
        ("shantianfang", &["单田芳"]),
        ("dtf", &["单田芳"]),
        ("xiexiaodong", &["解晓东"]),
        ("jiexiaodong", &["解晓东"]),
        // A Latin-letter name, by word and initials.
        ("anna", &["Anna Müller"]),
        ("muller", &["Anna Müller"]),
        // Phone numbers: whole, or the last 4+ digits (most recent visit first).
        ("13800138000", &["王超"]),
        ("8000", &["黄超", "王超"]),
        ("1234567", &["Anna Müller"]),
    ];
    for (query, expected) in cases {
        assert_eq!(search(&root, query).await, *expected, "query {query:?}");
    }
    // Three digits are not a phone tail; a name nobody has finds nobody, and says so.
    assert!(search(&root, "800").await.is_empty());
    assert!(search(&root, "zzz").await.is_empty());
    wait_for_text(&root, "没有找到这位顾客").await;

    // A result shows name, gender, age, phone tail and last visit.
    search(&root, "黄超").await;
    let row = by_text(&root, ".result", "黄超").unwrap().text_content().unwrap();
    for part in ["男", "岁", "手机尾号 8000", "上次到店 2026-11-20"] {
        assert!(row.contains(part), "{part:?} missing from {row:?}");
    }
    assert!(!row.contains("13000008000"), "the list shows only the tail of a phone number");
}

/// A search cache on a seeded database, its first load begun and still reading;
/// the flag says when that load has returned.
async fn a_load_reading(test: &str) -> (Db, follicle::search_cache::SearchCache, std::rc::Rc<std::cell::Cell<bool>>) {
    let (name, _) = seeded(test).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let cache = follicle::search_cache::SearchCache::default();
    let first_done = std::rc::Rc::new(std::cell::Cell::new(false));
    {
        let (cache, db, first_done) = (cache.clone(), db.clone(), first_done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            cache.load(&db).await.unwrap();
            first_done.set(true);
        });
    }
    gloo::timers::future::TimeoutFuture::new(0).await;
    assert!(!first_done.get() && !cache.is_ready(), "the first load must still be reading");
    (db, cache, first_done)
}

/// A search load begun before the staff side locked and finishing after the next
/// sign-in began its own: the next load's index is the one kept, ready to search (it
/// was lost: the staff member typed a customer's name and read 没有找到这位顾客).
#[wasm_bindgen_test]
async fn a_search_load_overtaken_by_a_lock_and_the_next_sign_in_leaves_the_index_ready() {
    use follicle::domain::search::Query;

    // The first load is reading; the staff side locks; the next sign-in loads again.
    let (db, cache, first_done) = a_load_reading("search-race").await;
    cache.clear();
    cache.load(&db).await.unwrap();
    wait_for(10_000, || first_done.get().then_some(())).await;
    let hits = cache.with(|index| index.search(&Query::parse("王超")).len());
    assert_eq!(hits, Some(1), "the index is ready and finds 王超");
    db.close();
}

/// A screen that asks for the search while a load is reading (the staff home opens
/// the search as the sign-in's load reads) goes on when that load ends, with the
/// index it made: no second read, the customers found.
#[wasm_bindgen_test]
async fn a_load_asked_for_while_another_reads_goes_on_when_that_one_ends() {
    use follicle::domain::search::Query;
    use std::{cell::Cell, rc::Rc};

    let (db, cache, first_done) = a_load_reading("search-wait").await;
    let waiting = Rc::new(Cell::new(0));
    for _ in 0..2 {
        let (cache, db, waiting) = (cache.clone(), db.clone(), waiting.clone());
        wasm_bindgen_futures::spawn_local(async move {
            cache.load(&db).await.unwrap();
            assert!(cache.is_ready(), "it goes on with the index loaded");
            waiting.set(waiting.get() + 1);
        });
    }
    wait_for(10_000, || (waiting.get() == 2).then_some(())).await;
    assert!(first_done.get());
    assert_eq!(cache.with(|index| index.search(&Query::parse("王超")).len()), Some(1));
    db.close();
}

/// Holds the stores the staff search reads (a read-write transaction kept busy) until
/// `release_search_rows` is called: the staff search cannot read its rows meanwhile.
fn hold_search_rows(db_name: &str) {
    let script = format!(
        "window.__holdRows = true; const r = indexedDB.open({db_name:?}); r.onsuccess = () => {{ \
         const db = r.result; \
         const held = ['search_rows', 'search_pages', 'search_changes'].filter(n => db.objectStoreNames.contains(n)); \
         const tx = db.transaction(held, 'readwrite'); const st = tx.objectStore(held[0]); \
         const spin = () => {{ if (window.__holdRows) st.get('none').onsuccess = spin; }}; spin(); \
         window.__rowsHeld = true; tx.oncomplete = () => db.close(); }};"
    );
    js_sys::eval(&script).unwrap();
}

fn release_search_rows() {
    js_sys::eval("window.__holdRows = false;").unwrap();
}

/// A staff member who types a name before the search is ready finds the customer once
/// it is: the text typed early is searched afresh, not within the (empty) answer of an
/// index not yet there. (It said 没有找到这位顾客 for a customer on the tablet whenever
/// the rows took longer to read than the first keystroke took to come.)
#[wasm_bindgen_test]
async fn a_name_typed_while_the_search_is_preparing_is_found_once_it_is_ready() {
    let (name, _) = seeded("search-early").await;
    hold_search_rows(&name);
    wait_for(10_000, || js_sys::eval("window.__rowsHeld === true").unwrap().as_bool().filter(|b| *b)).await;
    let root = mount_app(&name);
    wait_for_text(&root, "员工").await;
    click(&root, "a", "员工");
    sign_in_as(&root, MANAGER, MANAGER_PIN).await;
    wait_for_text(&root, "正在准备顾客名单").await;
    type_into(&search_box(&root), "王超");
    TimeoutFuture::new(100).await;
    assert!(root.text_content().unwrap().contains("正在准备顾客名单"), "typed while the rows are being read");
    release_search_rows();
    tap(&root, ".result", "王超").await;
}

#[wasm_bindgen_test]
async fn the_card_says_what_staff_need_and_edits_persist_after_reopening() {
    let (name, people) = seeded("card").await;
    let wang = &people[0];
    {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let mut c = wang.clone();
        c.appearance_notes = Some("戴眼镜，个子高".into());
        c.life_notes = Some("刚退休，喜欢钓鱼".into());
        c.use_place = Some(UsePlace::Home);
        db.save_customers(std::slice::from_ref(&c)).await.unwrap();
        let first = MeasurementSet { id: new_id(), customer_id: c.id.clone(), taken_on: day("2026-01-05"), density_per_cm2: Some(100.0), shedding: Some(3), ..Default::default() };
        let latest = MeasurementSet { id: new_id(), customer_id: c.id.clone(), taken_on: day("2026-10-01"), density_per_cm2: Some(118.0), shedding: Some(1), ..Default::default() };
        let bought = Purchase { id: new_id(), customer_id: c.id.clone(), product: "防脱精华液".into(), quantity: 2, unit_price_fen: 29_800, date: day("2026-10-01"), use_place: Some(UsePlace::Home), ..Default::default() };
        db.put(&first).await.unwrap();
        db.put(&latest).await.unwrap();
        db.put(&bought).await.unwrap();
        db.close();
    }
    let root = staff_home(&name).await;
    search(&root, "wangchao").await;
    by_text(&root, ".result", "王超").unwrap().click();
    wait_for_text(&root, "王先生").await;
    let card = root.text_content().unwrap();
    for part in ["戴眼镜，个子高", "刚退休，喜欢钓鱼", "防脱精华液 × 2", "在家上药", "上次到店", "2026-10-01", "头发密度比首次增加 18%", "掉发从 3 降到 1", "效果", "未评定", "活跃度", "价值"] {
        assert!(card.contains(part), "the card lacks {part:?}: {card}");
    }

    // Edit: a bad phone number is refused with a message, nothing saved.
    click(&root, "button", "编辑资料");
    wait_for_text(&root, "编辑顾客资料").await;
    type_into(&input_by_label(&root, "电话号码"), "12345");
    type_into(&input_by_label(&root, "外貌特征"), "戴眼镜，左眉有痣");
    type_into(&input_by_label(&root, "咨询建议"), "每周两次到店护理");
    click(&root, "button", "保存");
    wait_for_text(&root, "有几项需要修改").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert_eq!(db.get::<Customer>(&wang.id).await.unwrap().unwrap().phone, "13800138000");
    db.close();
    // Fixed, it saves; the staff-only fields too.
    type_into(&input_by_label(&root, "电话号码"), "139 0000 1234");
    click(&root, "label", "A类");
    click(&root, "button", "保存");
    wait_for_text(&root, "资料已保存").await;
    assert!(root.text_content().unwrap().contains("戴眼镜，左眉有痣"));

    // Reopened, the database has the edit; the search finds the new number at once.
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let back: Customer = db.get(&wang.id).await.unwrap().unwrap();
    assert_eq!(back.phone, "13900001234");
    assert_eq!(back.appearance_notes.as_deref(), Some("戴眼镜，左眉有痣"));
    assert_eq!(back.consultation_advice.as_deref(), Some("每周两次到店护理"));
    assert_eq!(back.effect_class, Some(EffectClass::A));
    assert!(back.meta.updated_at > wang.meta.updated_at);
    assert_eq!(back.health_notes, wang.health_notes, "fields not shown as changed stay");
    click(&root, "a", "返回查找");
    wait_for_text(&root, "本机顾客总数").await;
    assert_eq!(search(&root, "1234").await, ["王超"]);
}

#[wasm_bindgen_test]
async fn logging_a_visit_shows_on_the_card_and_moves_the_last_visit() {
    let (name, people) = seeded("visit").await;
    let root = staff_home(&name).await;
    search(&root, "曾小燕").await;
    by_text(&root, ".result", "曾小燕").unwrap().click();
    wait_for_text(&root, "曾女士").await;
    click(&root, "button", "记录回访或到店");
    wait_for_text(&root, "下次回访日期").await;
    // Nothing chosen or written: the form says what is missing.
    click(&root, "button", "保存");
    wait_for_text(&root, "请选择回访方式").await;
    click(&root, "label", "到店");
    type_into(&input_by_label(&root, "内容"), "头皮护理，讲解洗发方法");
    type_into(&input_by_label(&root, "结果"), "满意");
    let next = (chrono::Local::now().date_naive() + chrono::Days::new(7)).format("%Y-%m-%d").to_string();
    type_into(&input_by_label(&root, "下次回访日期"), &next);
    click(&root, "button", "保存");
    wait_for_text(&root, "回访已记录").await;
    let card = root.text_content().unwrap();
    assert!(card.contains("头皮护理，讲解洗发方法") && card.contains("李店长") && card.contains(&format!("{next} · 上次约定的回访")), "{card}");
    assert!(card.contains("（今天）"), "the last visit is today now: {card}");

    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let logged: Vec<FollowUpEntry> = db.all_by("by_customer", &people[2].id).await.unwrap();
    assert_eq!(logged.len(), 1);
    assert_eq!((logged[0].method, logged[0].by_staff.as_str(), logged[0].result.as_str()), (Some(ContactMethod::InStore), "李店长", "满意"));
    let today = chrono::Local::now().date_naive();
    assert_eq!(db.get::<Customer>(&people[2].id).await.unwrap().unwrap().last_visit, Some(today));
}

#[wasm_bindgen_test]
async fn deleting_a_customer_asks_twice_and_leaves_only_a_tombstone() {
    let (name, people) = seeded("delete-ui").await;
    let xie = &people[4];
    {
        let db = Db::open(&name, OpenHooks::default()).await.unwrap();
        let visit = FollowUpEntry { id: new_id(), customer_id: xie.id.clone(), content: "电话回访".into(), ..Default::default() };
        db.log_follow_up(&visit, &stamp(3)).await.unwrap();
        let photo = PhotoMeta {
            id: new_id(),
            meta: Meta::new(&stamp(3)),
            customer_id: xie.id.clone(),
            kind: PhotoKind::Camera,
            site: ScalpSite::Crown,
            taken_on: day("2026-11-02").unwrap(),
            note: None,
            width: 1,
            height: 1,
            bytes: 1,
            alignments: Vec::new(),
        };
        let blob = web_sys::Blob::new().unwrap();
        db.save_photo(&photo, &blob, &blob, &stamp(3)).await.unwrap();
        db.close();
    }
    let root = staff_home(&name).await;
    search(&root, "jxd").await;
    by_text(&root, ".result", "解晓东").unwrap().click();
    wait_for_text(&root, "解先生").await;

    // First tap asks; cancel keeps everything.
    click(&root, "button", "删除顾客");
    wait_for_text(&root, "确定要删除这位顾客吗").await;
    click(&root, "button", "取消");
    tap(&root, "button", "删除顾客").await;
    wait_for_text(&root, "确定要删除这位顾客吗").await;
    click(&root, "button", "删除");
    wait_for_text(&root, "请再确认一次").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    assert!(db.get::<Customer>(&xie.id).await.unwrap().is_some(), "nothing is deleted before the second confirmation");
    click(&root, "button", "永久删除");
    wait_for_text(&root, "已删除").await;

    assert_eq!(db.get::<Customer>(&xie.id).await.unwrap(), None);
    assert!(db.all_by::<FollowUpEntry>("by_customer", &xie.id).await.unwrap().is_empty(), "no follow-up left");
    assert!(db.all_by::<PhotoMeta>("by_customer", &xie.id).await.unwrap().is_empty(), "no photo left");
    assert_eq!(db.count(schema::PHOTO_BLOBS).await.unwrap(), 0, "no image left");
    assert!(db.tombstone(&xie.id).await.unwrap().is_some());
    assert_eq!(db.audit_of(&xie.id).await.unwrap()[0].by_staff, "李店长");
    click(&root, "a", "返回查找");
    wait_for_text(&root, "本机顾客总数").await;
    assert!(search(&root, "jxd").await.is_empty(), "the search forgets the customer at once");
    assert_eq!(db.count(schema::CUSTOMERS).await.unwrap(), 6);
}

/// The result rows are drawn from one string of HTML: a name that looks like markup
/// (a record can arrive by replication from anywhere) is drawn as its text, and a
/// tap on the row opens that customer's card.
#[wasm_bindgen_test]
async fn a_name_that_looks_like_markup_is_drawn_as_text_and_its_row_opens_the_card() {
    let name = unique_db("search-markup");
    set_up_tablet(&name).await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let odd = customer("<img src=x onerror=alert(1)>&\"李'", "13900001111", Gender::Female, "2026-11-02");
    db.save_registration(&odd, &[sensitive_consent(&odd)]).await.unwrap();
    db.close();
    let root = staff_home(&name).await;

    assert_eq!(search(&root, "李").await, ["<img src=x onerror=alert(1)>&\"李'"], "the name as typed, as text");
    let results = root.query_selector(".results").unwrap().expect("the result list");
    assert_eq!(results.query_selector_all("img").unwrap().length(), 0, "no element made from the name");
    assert_eq!(results.query_selector_all("a.result").unwrap().length(), 1);

    tap(&root, ".result", "1111").await;
    wait_for(10_000, || root.query_selector(".card-grid").ok().flatten()).await;
    assert!(root.text_content().unwrap().contains("onerror=alert(1)"), "the card of that customer");
}

/// Once the staff side locks, a staff screen's task that was still waiting (the
/// today list, the referrers to link) and asks for the customers finds none loaded:
/// nothing of them comes back into memory until someone signs in again. (It did, and
/// that load also held up the next sign-in by half a second at 100,000 customers.)
#[wasm_bindgen_test]
async fn a_load_asked_for_after_the_lock_loads_nothing_until_someone_signs_in() {
    use follicle::search_cache::SearchCache;

    let (name, _) = seeded("search-locked").await;
    let db = Db::open(&name, OpenHooks::default()).await.unwrap();
    let cache = SearchCache::default();
    cache.load(&db).await.unwrap();
    assert!(cache.is_ready(), "signed in: the search loads");

    cache.lock();
    cache.load(&db).await.unwrap();
    assert!(!cache.is_ready() && cache.with(|i| i.len()).is_none(), "locked: nothing loads");

    cache.unlock();
    cache.load(&db).await.unwrap();
    assert_eq!(cache.with(|i| i.len()), Some(7), "signed in again: all seven customers");
    db.close();
}
